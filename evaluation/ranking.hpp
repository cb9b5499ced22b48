// Spec section 2.5: rounded scores, totals and the ranking with its tie-breaks.
#pragma once

#include <cstddef>
#include <vector>

#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore {

/// What the ranking of 2.5 compares of a compliant lot bid: as it is, or as a change to its
/// quality would make it (section 2.7 places such a row among the others without sorting again).
struct RankKey {
    const mpz_class& total;    // the rounded total, in units of the tender's decimals
    const mpz_class& quality;  // the rounded quality score, in the same units
    const Fraction& price;     // the exact evaluated price
    std::size_t bid = 0;       // position in Pack::bids
};

/// The key of a ranked (compliant) row.
[[nodiscard]] RankKey rankKey(const LotBidResult& row);

/// Negative when `a` ranks before `b`, positive when after: the total, then the tender's tie-breaks,
/// then the bid id. Zero only for the same bid with the same scores.
[[nodiscard]] int compareRank(const EvaluationRules& rules, const std::vector<Bid>& bids, const RankKey& a,
                              const RankKey& b);

/// Rounds each compliant row's price and quality scores to the tender's decimals, adds them up,
/// and orders the rows: compliant ones by rank (1, 2, 3 ...; never shared), then excluded ones by
/// bid id. Requires exactPriceScore, exactQualityScore and evaluatedPrice on every compliant row.
void rankLot(const EvaluationRules& rules, const std::vector<Bid>& bids, std::vector<LotBidResult>& rows);

}  // namespace tenderscore
