// What the method computes (spec sections 2 and 3), as values that the writers only format.
// Indices refer to the Pack the result was computed from: bids by position in Pack::bids,
// settings by position in their lot bid, questions by position in the tender.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "evaluation/code.hpp"
#include "evaluation/exact.hpp"

namespace tenderscore {

/// A setting that passed the checks of 2.2, with its bookable places min(places, maxPlacesPerSetting).
struct EligibleSetting {
    std::size_t setting = 0;
    int bookable = 0;
};

/// Section 2.2 for one lot bid: reasons exclude it, notes explain ineligible settings.
struct LotBidCompliance {
    std::vector<Code> reasons;
    std::vector<Code> notes;
    std::vector<EligibleSetting> eligible;
};

/// Where one bid's marks and consensus scores are in Pack::scores, by question (tender order) and
/// evaluator (Scores::evaluators order), so that a writer shows them without searching.
struct ScorePositions {
    std::size_t evaluators = 0;                         // Scores::evaluators.size()
    std::vector<std::optional<std::size_t>> marks;      // [question x evaluators + evaluator] -> Scores::marks
    std::vector<std::optional<std::size_t>> consensus;  // [question] -> Scores::consensus

    [[nodiscard]] const std::optional<std::size_t>& mark(std::size_t question, std::size_t evaluator) const {
        return marks[question * evaluators + evaluator];
    }
};

/// Section 2.3 for one question of one bid.
struct QuestionQuality {
    Fraction score;              // under the tender's consensus rule
    bool belowMinimum = false;   // score < minScoreEach: the reason QUALITY_BELOW_MIN
    bool hotspot = false;        // the evaluators' marks spread by more than scaleMax / 2
    int marks = 0;               // the marks counted: assigned evaluators not recused from the bid
    int spread = 0;              // the highest minus the lowest of them (0 with fewer than two)
    bool spreadFlagged = false;  // spread > moderationSpread: the flag MARKS_SPREAD
};

/// Section 2.3 for one bid: each question (tender order), the quality score Q and its threshold.
struct BidQuality {
    std::vector<QuestionQuality> questions;
    Fraction score;
    bool belowMinimum = false;  // Q < qualityWeight x minQualityPercent / 100: QUALITY_TOTAL_BELOW_MIN
    std::vector<Code> reasons;
    ScorePositions positions;
};

/// One lot bid's row of results.json.
struct LotBidResult {
    std::size_t bid = 0;
    std::size_t lotBid = 0;  // position in the bid's lotBids
    std::vector<Code> reasons;
    std::vector<Code> notes;
    std::vector<Code> flags;
    std::vector<EligibleSetting> eligible;
    // Present only for compliant lot bids.
    std::optional<Fraction> evaluatedPrice;  // exact P in pence per place-week
    std::optional<Fraction> exactPriceScore;
    std::optional<Fraction> exactQualityScore;
    std::optional<Scaled> priceScore;
    std::optional<Scaled> qualityScore;
    std::optional<Scaled> totalScore;
    std::optional<int> rank;
    std::optional<int> awardedPlaces;
    std::optional<Pence> annualCost;  // its awards' places x weekly price x weeksPerYear, rounded once
    std::optional<bool> admitted;     // framework lots, compliant lot bids: admitted to the framework

    [[nodiscard]] bool compliant() const { return reasons.empty(); }
};

/// Places awarded in one setting.
struct Award {
    std::size_t bid = 0;
    std::size_t lotBid = 0;
    std::size_t setting = 0;
    int places = 0;
    Pence weeklyPrice = 0;
};

/// Why a step of the award walk gave fewer places than the setting offered (or none).
enum class AwardLimit { None, SettingCap, LotFull, ProviderCap, Budget };

/// One step of the award walk of 2.6, kept so that the workbook can show the walk in order.
struct AwardStep {
    std::size_t bid = 0;
    std::size_t lotBid = 0;              // position in the bid's lotBids
    std::optional<std::size_t> setting;  // absent when the whole bid was skipped (provider cap)
    int bookable = 0;
    int awarded = 0;
    AwardLimit limit = AwardLimit::None;
    int placesSoFar = 0;
    int providersSoFar = 0;
    Fraction annualCost;       // pence: this step's places x weekly price x weeksPerYear
    Fraction annualCostSoFar;  // pence
};

/// Version 2, section 2.7: one change of one quality input, the consensus score of a (bid, question)
/// under `moderated`, one evaluator's mark of it under `mean` and `median`.
struct QualityChange {
    std::size_t bid = 0;
    std::size_t question = 0;              // tender order
    std::optional<std::size_t> evaluator;  // Scores::evaluators; none under `moderated`
    int from = 0;
    int to = 0;

    [[nodiscard]] int size() const { return from < to ? to - from : from - to; }
};

/// What a decisive change would do to one bid's part in the lot: its places in a places lot (the
/// same number when only the homes differ), its position among the admitted in a framework lot
/// (0: not admitted). Only the bids whose part changes, and in a framework lot only the changed bid
/// and those admitted or no longer admitted (the others between move by one place).
struct OutcomeShift {
    std::size_t bid = 0;
    int before = 0;
    int after = 0;
};

struct DecisiveChange {
    QualityChange change;
    std::vector<OutcomeShift> shifts;  // by bid id
};

/// How close the lot's outcome was: the smallest size of a decisive change (none when no change of
/// one quality input changes the outcome) and every decisive change of that size, by bid id, then
/// question (tender order), then evaluator id, then the new value.
struct LotSensitivity {
    std::optional<int> margin;
    std::vector<DecisiveChange> decisive;
};

struct LotResult {
    std::size_t lot = 0;
    std::vector<LotBidResult> bids;       // ranked in rank order, then excluded by bid id
    std::optional<Fraction> lowestPrice;  // L, pence
    std::vector<Award> awards;
    std::vector<AwardStep> walk;
    int awardedPlaces = 0;
    int providers = 0;         // places lots: bidders holding places; framework lots: providers admitted
    Fraction annualCostExact;  // pence
    Pence annualCost = 0;
    Pence contractValue = 0;
    std::vector<Code> flags;
    LotSensitivity sensitivity;
};

struct Result {
    std::vector<LotResult> lots;
    std::vector<std::optional<BidQuality>> quality;  // per bid; absent when excluded everywhere by 2.2
};

[[nodiscard]] std::string_view awardLimitName(AwardLimit limit);

}  // namespace tenderscore
