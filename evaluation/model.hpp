// The three input documents of spec section 1 as plain values, each element remembering where
// it was read so that later rules can name the file and line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "evaluation/diagnostic.hpp"
#include "evaluation/exact.hpp"
#include "evaluation/values.hpp"

namespace tenderscore {

enum class PriceMethod { LowestOverBid, LinearFromLowest, CeilingLinear };
enum class ConsensusRule { Moderated, Mean, Median };
enum class TieBreakKey { Quality, Price, Submitted };

struct Question {
    std::string id;
    Fraction weight;
    std::string text;
    SourceRef at;
};

struct Requirement {
    std::string id;
    std::string text;
    SourceRef at;
};

struct Phase {
    int byMonth = 0;
    int places = 0;
    SourceRef at;
};

struct Lot {
    std::string id;
    std::string name;
    int minPlaces = 0;
    int maxPlaces = 1;
    std::optional<int> maxPlacesPerSetting;
    std::optional<int> maxProviders;
    std::optional<Pence> maxWeeklyPrice;
    std::optional<Pence> annualBudget;
    std::optional<Rating> minOfstedRating;
    std::vector<Phase> phases;
    SourceRef at;
};

struct Contract {
    std::string startDate;
    int initialYears = 1;
    int extensionYears = 0;
    Fraction weeksPerYear = ratio(5214, 100);
    Fraction annualUpliftPercent{0};
    SourceRef at;
};

struct EvaluationRules {
    Fraction priceWeight;
    Fraction qualityWeight;
    PriceMethod priceMethod = PriceMethod::LowestOverBid;
    ConsensusRule consensus = ConsensusRule::Moderated;
    int decimals = 2;
    int scaleMax = 5;
    Fraction minScoreEach{0};
    Fraction minQualityPercent{0};
    std::vector<Question> questions;
    std::vector<TieBreakKey> tieBreak{TieBreakKey::Quality, TieBreakKey::Price, TieBreakKey::Submitted};
    std::optional<Fraction> abnormallyLowBelowMeanPercent;
    SourceRef at;
    SourceRef qualityAt;
};

struct Tender {
    std::string id;
    std::string currency = "GBP";
    std::optional<DateTime> deadline;
    std::string title;
    std::string authority;
    Contract contract;
    EvaluationRules evaluation;
    std::vector<Requirement> requirements;
    std::vector<Lot> lots;
    SourceRef at;
};

struct Setting {
    std::string urn;
    std::string name;
    int registeredPlaces = 0;
    Rating ofstedRating = Rating::NotYetInspected;
    int places = 0;
    Pence weeklyPrice = 0;
    int availableMonths = 0;
    std::string localAuthority;
    SourceRef at;
};

struct LotBid {
    std::string lot;
    std::vector<Setting> settings;
    SourceRef at;
};

struct Declaration {
    std::string requirement;
    bool met = false;
    SourceRef at;
};

struct Response {
    std::string question;
    std::string text;
    SourceRef at;
};

struct Bid {
    std::string id;
    std::string tender;
    DateTime submitted;
    std::string bidderName;
    std::string companyNumber;
    std::string address;  // shown only (assessment summaries)
    std::string email;    // shown only (the bidder's own assessment summary)
    std::vector<Declaration> declarations;
    std::vector<LotBid> lotBids;
    std::vector<Response> responses;
    SourceRef at;
};

struct Evaluator {
    std::string id;
    std::string name;
    SourceRef at;
};

struct Mark {
    std::string bid;
    std::string question;
    std::string evaluator;
    int score = 0;
    std::string rationale;
    SourceRef at;
};

struct ConsensusScore {
    std::string bid;
    std::string question;
    int score = 0;
    std::string moderator;  // empty when not named
    std::string rationale;
    SourceRef at;
};

struct Scores {
    std::string tender;
    std::vector<Evaluator> evaluators;
    std::vector<Mark> marks;
    std::vector<ConsensusScore> consensus;
    SourceRef at;
};

/// A tender pack: what `evaluate` reads. Bids are in the order of their file names.
struct Pack {
    Tender tender;
    std::vector<Bid> bids;
    Scores scores;
};

}  // namespace tenderscore
