#include "evaluation/compliance.hpp"

#include <algorithm>
#include <stdexcept>

namespace tenderscore {

namespace {

std::vector<Code> wholeBidReasons(const Tender& tender, const Bid& bid) {
    std::vector<Code> reasons;
    if (tender.deadline && *tender.deadline < bid.submitted) {
        reasons.emplace_back(CodeKind::Late);
    }
    for (const Requirement& requirement : tender.requirements) {
        const bool met = std::any_of(bid.declarations.begin(), bid.declarations.end(),
                                     [&](const Declaration& d) { return d.requirement == requirement.id && d.met; });
        if (!met) {
            reasons.emplace_back(CodeKind::RequirementNotMet, requirement.id);
        }
    }
    return reasons;
}

/// Version 2, section 2.2: a framework lot bid has no settings and no notes; it is excluded for the
/// provider's rating, then for each band it does not price, then for each band priced above its ceiling.
LotBidCompliance assessFrameworkBid(const Lot& lot, const LotBid& lotBid, const std::vector<Code>& bidReasons) {
    LotBidCompliance result;
    result.reasons = bidReasons;
    if (lot.minOfstedRating && (!lotBid.ofstedRating || *lotBid.ofstedRating < *lot.minOfstedRating)) {
        result.reasons.emplace_back(CodeKind::ProviderOfstedBelowMin);
    }
    std::vector<const BandPrice*> prices;
    prices.reserve(lot.bands.size());
    for (const Band& band : lot.bands) {
        const auto price = std::find_if(lotBid.prices.begin(), lotBid.prices.end(),
                                        [&](const BandPrice& p) { return p.band == band.id; });
        prices.push_back(price == lotBid.prices.end() ? nullptr : &*price);
        if (prices.back() == nullptr) {
            result.reasons.emplace_back(CodeKind::BandNotPriced, band.id);
        }
    }
    for (std::size_t i = 0; i < lot.bands.size(); ++i) {
        const Band& band = lot.bands[i];
        if (prices[i] != nullptr && band.maxPrice && prices[i]->amount > *band.maxPrice) {
            result.reasons.emplace_back(CodeKind::BandOverPriceCeiling, band.id);
        }
    }
    return result;
}

LotBidCompliance assessLotBid(const Lot& lot, const LotBid& lotBid, const std::vector<Code>& bidReasons) {
    if (lot.award == LotAward::Framework) {
        return assessFrameworkBid(lot, lotBid, bidReasons);
    }
    LotBidCompliance result;
    result.reasons = bidReasons;
    for (std::size_t i = 0; i < lotBid.settings.size(); ++i) {
        const Setting& setting = lotBid.settings[i];
        bool eligible = true;
        if (lot.minOfstedRating && setting.ofstedRating < *lot.minOfstedRating) {
            result.notes.emplace_back(CodeKind::OfstedBelowMin, setting.urn);
            eligible = false;
        }
        if (setting.places > setting.registeredPlaces) {
            result.notes.emplace_back(CodeKind::PlacesExceedRegistered, setting.urn);
            eligible = false;
        }
        if (lot.maxWeeklyPrice && setting.weeklyPrice > *lot.maxWeeklyPrice) {
            result.notes.emplace_back(CodeKind::OverPriceCeiling, setting.urn);
            eligible = false;
        }
        if (eligible) {
            const int bookable =
                lot.maxPlacesPerSetting ? std::min(setting.places, *lot.maxPlacesPerSetting) : setting.places;
            result.eligible.push_back(EligibleSetting{
                i, bookable});  // NOLINT(modernize-use-emplace): an aggregate, which C++17 cannot emplace
        }
    }
    if (result.eligible.empty()) {
        result.reasons.emplace_back(CodeKind::NoEligibleSetting);
    }
    return result;
}

}  // namespace

const Lot* findLot(const Tender& tender, const std::string& id) {
    for (const Lot& lot : tender.lots) {
        if (lot.id == id) {
            return &lot;
        }
    }
    return nullptr;
}

std::vector<LotBidCompliance> assessCompliance(const Tender& tender, const Bid& bid) {
    const std::vector<Code> bidReasons = wholeBidReasons(tender, bid);
    std::vector<LotBidCompliance> result;
    result.reserve(bid.lotBids.size());
    for (const LotBid& lotBid : bid.lotBids) {
        const Lot* lot = findLot(tender, lotBid.lot);
        if (lot == nullptr) {
            throw std::logic_error("lot bid names lot '" + lotBid.lot + "' which validation should have refused");
        }
        result.push_back(assessLotBid(*lot, lotBid, bidReasons));
    }
    return result;
}

bool reachesQuality(const std::vector<LotBidCompliance>& lotBids) {
    return std::any_of(lotBids.begin(), lotBids.end(), [](const LotBidCompliance& c) { return c.reasons.empty(); });
}

}  // namespace tenderscore
