// Spec section 2.5: rounded scores, totals and the ranking with its tie-breaks.
#pragma once

#include <vector>

#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore {

/// Rounds each compliant row's price and quality scores to the tender's decimals, adds them up,
/// and orders the rows: compliant ones by rank (1, 2, 3 ...; never shared), then excluded ones by
/// bid id. Requires exactPriceScore, exactQualityScore and evaluatedPrice on every compliant row.
void rankLot(const EvaluationRules& rules, const std::vector<Bid>& bids, std::vector<LotBidResult>& rows);

}  // namespace tenderscore
