#include "evaluation/award.hpp"

#include <algorithm>

namespace tenderscore {

namespace {

/// The largest n <= wanted with spent + n x unitCost <= budget (0 when even one place does not fit).
int placesWithinBudget(int wanted, const Fraction& spent, const Fraction& unitCost, const Fraction& budget) {
    const Fraction room = budget - spent;
    if (sgn(room) <= 0) {
        return 0;
    }
    const Fraction affordable = room / unitCost;
    mpz_class whole;
    mpz_fdiv_q(whole.get_mpz_t(), affordable.get_num_mpz_t(), affordable.get_den_mpz_t());
    return whole < wanted ? static_cast<int>(whole.get_si()) : wanted;
}

void flagLot(const Lot& lot, const std::vector<Bid>& bids, LotResult& result) {
    if (result.awardedPlaces < lot.minPlaces) {
        result.flags.emplace_back(CodeKind::BelowMinPlaces);
    }
    if (result.providers < lot.minProviders) {
        result.flags.emplace_back(CodeKind::BelowMinProviders);
    }
    for (const Phase& phase : lot.phases) {
        int available = 0;
        for (const Award& award : result.awards) {
            const Setting& setting = bids[award.bid].lotBids[award.lotBid].settings[award.setting];
            if (setting.availableMonths <= phase.byMonth) {
                available += award.places;
            }
        }
        if (available < phase.places) {
            result.flags.emplace_back(CodeKind::PhaseShortfall, std::to_string(phase.byMonth));
        }
    }
}

}  // namespace

/// Version 2, section 2.6: a framework lot admits the compliant lot bids in rank order while fewer
/// than maxProviders are admitted. Rank is the order in which its call-offs go to providers.
void admitToFramework(const Lot& lot, LotResult& result) {
    int admitted = 0;
    for (LotBidResult& row : result.bids) {
        if (!row.compliant()) {
            continue;
        }
        row.admitted = !lot.maxProviders || admitted < *lot.maxProviders;
        if (*row.admitted) {
            ++admitted;
        }
    }
    result.providers = admitted;
}

bool walkClosed(const Lot& lot, const WalkState& state) {
    return state.places >= lot.maxPlaces || (lot.maxProviders && state.providers >= *lot.maxProviders);
}

Fraction walkRow(const Tender& tender, const Lot& lot, const std::vector<Bid>& bids, const LotBidResult& row,
                 WalkState& state, PlacesByUrn& awardedByUrn, std::vector<Award>& awards,
                 std::vector<AwardStep>* walk) {
    Fraction bidCost = 0;
    if (state.places >= lot.maxPlaces) {
        return bidCost;  // the lot is full: later bids get no places
    }
    if (lot.maxProviders && state.providers >= *lot.maxProviders) {
        if (walk != nullptr) {
            walk->push_back(AwardStep{row.bid, row.lotBid, std::nullopt, 0, 0, AwardLimit::ProviderCap, state.places,
                                      state.providers, Fraction(0), state.cost});
        }
        return bidCost;
    }
    const Fraction& weeks = tender.contract.weeksPerYear;
    const std::optional<Fraction> budget =
        lot.annualBudget ? std::optional<Fraction>(Fraction(static_cast<long>(*lot.annualBudget))) : std::nullopt;
    const LotBid& lotBid = bids[row.bid].lotBids[row.lotBid];
    int bidPlaces = 0;
    for (const EligibleSetting& entry : row.eligible) {
        if (state.places >= lot.maxPlaces) {
            break;
        }
        const Setting& setting = lotBid.settings[entry.setting];
        const Fraction placeCost = weeks * static_cast<long>(setting.weeklyPrice);  // a place for a year
        int n = entry.bookable;
        AwardLimit limit = AwardLimit::None;
        if (lot.maxPlacesPerSetting) {
            const int capLeft = std::max(0, *lot.maxPlacesPerSetting - awardedByUrn[setting.urn]);
            if (capLeft < n) {
                n = capLeft;
                limit = AwardLimit::SettingCap;
            }
        }
        if (lot.maxPlaces - state.places < n) {
            n = lot.maxPlaces - state.places;
            limit = AwardLimit::LotFull;
        }
        if (budget) {
            const int affordable = placesWithinBudget(n, state.cost, placeCost, *budget);
            if (affordable < n) {
                n = affordable;
                limit = AwardLimit::Budget;
            }
        }
        const Fraction stepCost = placeCost * n;
        if (n > 0) {
            awards.push_back(Award{row.bid, row.lotBid, entry.setting, n, setting.weeklyPrice});
            awardedByUrn[setting.urn] += n;
            if (bidPlaces == 0) {
                ++state.providers;
            }
            bidPlaces += n;
            state.places += n;
            state.cost += stepCost;
            bidCost += stepCost;
        }
        if (walk != nullptr) {
            walk->push_back(AwardStep{row.bid, row.lotBid, entry.setting, entry.bookable, n, limit, state.places,
                                      state.providers, stepCost, state.cost});
        }
    }
    return bidCost;
}

void awardLot(const Tender& tender, const Lot& lot, const std::vector<Bid>& bids, LotResult& result,
              PlacesByUrn& awardedByUrn) {
    if (lot.award == LotAward::Framework) {
        admitToFramework(lot, result);
        flagLot(lot, bids, result);
        return;
    }
    WalkState state;
    for (LotBidResult& row : result.bids) {
        if (!row.compliant()) {
            continue;
        }
        const std::size_t first = result.awards.size();
        const Fraction bidCost = walkRow(tender, lot, bids, row, state, awardedByUrn, result.awards, &result.walk);
        int bidPlaces = 0;
        for (std::size_t a = first; a < result.awards.size(); ++a) {
            bidPlaces += result.awards[a].places;
        }
        row.awardedPlaces = bidPlaces;
        row.annualCost = roundToPence(bidCost);
    }
    result.awardedPlaces = state.places;
    result.providers = state.providers;
    result.annualCostExact = state.cost;
    result.annualCost = roundToPence(state.cost);
    result.contractValue = contractValue(tender.contract, state.cost);
    flagLot(lot, bids, result);
}

Pence contractValue(const Contract& contract, const Fraction& annualCostPence) {
    const Fraction growth = 1 + contract.annualUpliftPercent / 100;
    Fraction yearCost = annualCostPence;
    Fraction total = 0;
    const int years = contract.initialYears + contract.extensionYears;
    for (int year = 0; year < years; ++year) {
        total += yearCost;
        yearCost *= growth;
    }
    return roundToPence(total);
}

}  // namespace tenderscore
