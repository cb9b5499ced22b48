// Spec section 2.3: the quality score of a bid under the tender's consensus rule, and the
// quality thresholds that exclude it.
#pragma once

#include <optional>
#include <vector>

#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore {

/// The panel's marks and consensus scores for one bid, by question (tender order).
struct BidScores {
    std::vector<std::vector<int>> marks;  // evaluators' marks in document order
    std::vector<std::optional<int>> consensus;
};

/// Marks and consensus scores of every bid (Pack::bids order). Entries naming unknown bids,
/// questions or evaluators are left out; validation reports them.
[[nodiscard]] std::vector<BidScores> indexScores(const Tender& tender, const std::vector<Bid>& bids,
                                                 const Scores& scores);

/// The score of one question under the consensus rule, or nothing when the input needed is missing
/// (no consensus under `moderated`, no mark under `mean` and `median`).
[[nodiscard]] std::optional<Fraction> questionScore(ConsensusRule rule, const std::vector<int>& marks,
                                                    const std::optional<int>& consensus);

/// Q = sum of weight x score / scaleMax, and the QUALITY_* reasons. Requires every question's score
/// to be available (validation refuses a pack where it is not).
[[nodiscard]] BidQuality assessQuality(const EvaluationRules& rules, const BidScores& scores);

}  // namespace tenderscore
