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
    ScorePositions positions;  // where each of them is in Pack::scores
};

/// Marks and consensus scores of every bid (Pack::bids order). Entries naming unknown bids,
/// questions or evaluators are left out; validation reports them.
[[nodiscard]] std::vector<BidScores> indexScores(const Tender& tender, const std::vector<Bid>& bids,
                                                 const Scores& scores);

/// The score of one question under the consensus rule, or nothing when the input needed is missing
/// (no consensus under `moderated`, no mark under `mean` and `median`).
[[nodiscard]] std::optional<Fraction> questionScore(ConsensusRule rule, const std::vector<int>& marks,
                                                    const std::optional<int>& consensus);

/// Version 2, section 2.3: the highest minus the lowest of the marks, 0 with fewer than two.
[[nodiscard]] int spreadOf(const std::vector<int>& marks);

/// Version 2, section 2.3: a spread over the tender's moderationSpread is flagged MARKS_SPREAD (and
/// under `moderated` its consensus needs a note). No limit, no flag.
[[nodiscard]] bool overSpreadLimit(int spread, const std::optional<int>& moderationSpread);

/// A moderation hotspot: the highest and lowest of the evaluators' marks on a question differ by
/// more than half the scale (1 and 5 on a 0-5 scale). No marks, no hotspot.
[[nodiscard]] bool isHotspot(const std::vector<int>& marks, int scaleMax);

/// A question's share of Q: weight x score / scaleMax.
[[nodiscard]] Fraction weightedScore(const Question& question, const Fraction& score, int scaleMax);

/// A question's score below minScoreEach: the reason QUALITY_BELOW_MIN.
[[nodiscard]] bool belowQuestionMinimum(const EvaluationRules& rules, const Fraction& score);

/// Q below qualityWeight x minQualityPercent / 100: the reason QUALITY_TOTAL_BELOW_MIN.
[[nodiscard]] bool belowQualityMinimum(const EvaluationRules& rules, const Fraction& quality);

/// Q = sum of the weighted scores, each question's score and hotspot, the quality thresholds and
/// the QUALITY_* reasons; the scores' positions move into the result. Requires every question's
/// score to be available (validation refuses a pack where it is not).
[[nodiscard]] BidQuality assessQuality(const EvaluationRules& rules, BidScores scores);

}  // namespace tenderscore
