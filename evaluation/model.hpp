// The three input documents of spec section 1 as plain values, each element remembering where
// it was read so that later rules can name the file and line.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evaluation/diagnostic.hpp"
#include "evaluation/exact.hpp"
#include "evaluation/values.hpp"

namespace tenderscore {

enum class PriceMethod { LowestOverBid, LinearFromLowest, CeilingLinear };
enum class ConsensusRule { Moderated, Mean, Median };
enum class TieBreakKey { Quality, Price, Submitted };
/// What a lot awards (version 2, section 1.1): places in homes, or admission to a framework.
enum class LotAward { Places, Framework };
/// The unit of every price in a lot: `places` lots are priced by the week.
enum class PriceUnit { Week, Day, Hour };

/// As the tender spells them: "places", "framework"; "week", "day", "hour"; "lowest-over-bid" ...;
/// "moderated", "mean", "median".
[[nodiscard]] std::string_view awardName(LotAward award);
[[nodiscard]] std::string_view unitName(PriceUnit unit);
[[nodiscard]] std::string_view priceMethodName(PriceMethod method);
[[nodiscard]] std::string_view consensusName(ConsensusRule rule);

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

/// A priced band of a framework lot (an age band, an area and complexity): its expected volume a
/// year is its weight in the evaluated price.
struct Band {
    std::string id;
    Fraction volume;
    std::optional<Pence> maxPrice;
    std::string description;
    SourceRef at;
};

struct Lot {
    std::string id;
    std::string name;
    LotAward award = LotAward::Places;
    bool awardUnread = false;  // the award attribute could not be read: the lot's kind is not known
    PriceUnit unit = PriceUnit::Week;
    int minPlaces = 0;
    int maxPlaces = 1;  // places lots only
    int minProviders = 0;
    std::optional<int> maxPlacesPerSetting;
    std::optional<int> maxProviders;
    std::optional<Pence> maxWeeklyPrice;
    std::optional<Pence> annualBudget;
    std::optional<Rating> minOfstedRating;
    std::vector<Phase> phases;
    std::vector<Band> bands;  // framework lots only, at least one
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
    std::optional<int> moderationSpread;  // a larger spread of marks is flagged MARKS_SPREAD
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

/// A framework lot bid's price for one band, in pence per unit of the lot.
struct BandPrice {
    std::string band;
    Pence amount = 0;
    SourceRef at;
};

struct LotBid {
    std::string lot;
    std::vector<Setting> settings;       // places lots
    std::optional<Rating> ofstedRating;  // framework lots: the provider's own registration
    std::vector<BandPrice> prices;       // framework lots, in the bid's order
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
    std::optional<std::vector<std::string>> questions;  // assigned questions; absent: every question
    bool questionsUnread = false;                       // the list could not be read: which marks are due is not known
    SourceRef at;

    /// Whether the evaluator is assigned `question` (when questionsUnread, whether it may be).
    [[nodiscard]] bool assigned(const std::string& question) const {
        return !questions || std::find(questions->begin(), questions->end(), question) != questions->end();
    }
};

/// An evaluator who declared a conflict of interest and stood aside from a bid.
struct Recusal {
    std::string evaluator;
    std::string bid;
    std::string reason;
    SourceRef at;
};

/// A file of the bids folder that the panel rejected at opening: hashed, never read as a bid.
struct RejectedFile {
    std::string file;
    std::string reason;
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
    std::vector<Recusal> recusals;
    std::vector<RejectedFile> rejected;
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
