// Spec section 2.1: the input errors that need more than one element to see (sums, references,
// duplicates, documents that disagree). Readers check each value's type; these check the meaning.
#pragma once

#include <vector>

#include "evaluation/model.hpp"
#include "evaluation/quality.hpp"
#include "evaluation/result.hpp"

namespace tenderscore {

/// Weights that do not add up, duplicate ids, a ceiling-linear lot without a ceiling, minPlaces above maxPlaces.
[[nodiscard]] Diagnostics checkTender(const Tender& tender);

/// Bids for another tender, duplicate bid ids, and unknown or repeated lots, settings,
/// requirements and questions named by a bid.
[[nodiscard]] Diagnostics checkBids(const Tender& tender, const std::vector<Bid>& bids);

/// Scores for another tender, unknown evaluators and questions, marks outside the scale,
/// duplicate marks or consensus scores; with `bids`, marks for bids that are not in the pack.
[[nodiscard]] Diagnostics checkScores(const Tender& tender, const Scores& scores, const std::vector<Bid>* bids);

/// A bid that reaches 2.3 without the consensus score (or marks) its tender's rule needs.
/// `compliance[i]` is the 2.2 outcome of bids[i]; `bidScores[i]` its indexed scores.
[[nodiscard]] Diagnostics checkQualityInputs(const Tender& tender, const std::vector<Bid>& bids, const Scores& scores,
                                             const std::vector<std::vector<LotBidCompliance>>& compliance,
                                             const std::vector<BidScores>& bidScores);

}  // namespace tenderscore
