// Spec section 2.6: the award walk under the lot, per-setting, provider and budget caps, and the
// lot's figures (places, providers, annual cost, contract value, flags).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore {

/// Places already awarded to each setting (by URN) in earlier lots; the per-setting cap holds
/// across the whole tender.
using PlacesByUrn = std::map<std::string, int>;

/// The running figures of a places lot's walk.
struct WalkState {
    int places = 0;
    int providers = 0;
    Fraction cost = 0;  // pence a year
};

/// Whether no later row of the walk can get a place: the lot is full or holds its providers.
[[nodiscard]] bool walkClosed(const Lot& lot, const WalkState& state);

/// One compliant row's turn in a places lot's walk (2.6), in rank order: appends its awards, and its
/// steps when `walk` is given, and moves `state` and `awardedByUrn` on. Returns the row's exact
/// annual cost (pence). The award walk and the sensitivity of 2.7 both walk with it.
Fraction walkRow(const Tender& tender, const Lot& lot, const std::vector<Bid>& bids, const LotBidResult& row,
                 WalkState& state, PlacesByUrn& awardedByUrn, std::vector<Award>& awards, std::vector<AwardStep>* walk);

/// Walks the ranked rows of `lot` and fills the awards, the walk, awardedPlaces on each compliant
/// row and the lot's figures. `awardedByUrn` carries places from lot to lot.
void awardLot(const Tender& tender, const Lot& lot, const std::vector<Bid>& bids, LotResult& result,
              PlacesByUrn& awardedByUrn);

/// Sum over initialYears + extensionYears years y = 0, 1, ... of annualCost x (1 + uplift/100)^y,
/// rounded to pence once at the end.
[[nodiscard]] Pence contractValue(const Contract& contract, const Fraction& annualCostPence);

}  // namespace tenderscore
