// Spec section 2.2: exclusions of whole bids and ineligible settings of lot bids.
#pragma once

#include <vector>

#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore {

/// The 2.2 outcome of each of the bid's lot bids, in the bid's order. Every lot a lot bid names
/// must exist in the tender (checked by validation before the method runs).
[[nodiscard]] std::vector<LotBidCompliance> assessCompliance(const Tender& tender, const Bid& bid);

/// True when at least one lot bid is not excluded by 2.2, so the bid's quality must be scored.
[[nodiscard]] bool reachesQuality(const std::vector<LotBidCompliance>& lotBids);

/// The tender's lot with this id, or nullptr.
[[nodiscard]] const Lot* findLot(const Tender& tender, const std::string& id);

}  // namespace tenderscore
