// Spec section 2.4: the evaluated price of a lot bid, the lot's price scores and the
// abnormally-low flag.
#pragma once

#include <optional>
#include <vector>

#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore {

/// P = sum(bookable x weeklyPrice) / sum(bookable) over the eligible settings, in pence.
[[nodiscard]] Fraction evaluatedPrice(const LotBid& lotBid, const std::vector<EligibleSetting>& eligible);

/// Version 2, section 2.4: a framework lot bid's P = sum(volume x amount) / sum(volume) over the
/// lot's bands, in pence per unit. Requires a price for every band (compliance excludes the others).
[[nodiscard]] Fraction evaluatedPrice(const Lot& lot, const LotBid& lotBid);

/// P of a lot bid in `lot` as 2.4 defines it for the lot's kind (places or framework).
[[nodiscard]] Fraction evaluatedPrice(const Lot& lot, const std::vector<Bid>& bids, const LotBidResult& row);

/// C of ceiling-linear: a places lot's maxWeeklyPrice; a framework lot's sum(volume x maxPrice) /
/// sum(volume). Nothing when the lot has no ceiling (a band without maxPrice).
[[nodiscard]] std::optional<Fraction> priceCeiling(const Lot& lot);

/// The exact price score of one lot bid with evaluated price `price` when the lot's lowest is `lowest`.
/// `ceiling` (C, pence) is required by `ceiling-linear` only.
[[nodiscard]] Fraction priceScore(PriceMethod method, const Fraction& priceWeight, const Fraction& price,
                                  const Fraction& lowest, const std::optional<Fraction>& ceiling);

/// Sets evaluatedPrice, exactPriceScore and the ABNORMALLY_LOW flag on the compliant rows of one lot,
/// and returns the lowest evaluated price L (nothing when no row is compliant).
std::optional<Fraction> scoreLotPrices(const EvaluationRules& rules, const Lot& lot, const std::vector<Bid>& bids,
                                       std::vector<LotBidResult>& rows);

}  // namespace tenderscore
