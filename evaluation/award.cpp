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

void awardLot(const Tender& tender, const Lot& lot, const std::vector<Bid>& bids, LotResult& result,
              PlacesByUrn& awardedByUrn) {
    if (lot.award == LotAward::Framework) {
        admitToFramework(lot, result);
        flagLot(lot, bids, result);
        return;
    }
    const Fraction& weeks = tender.contract.weeksPerYear;
    const std::optional<Fraction> budget =
        lot.annualBudget ? std::optional<Fraction>(Fraction(static_cast<long>(*lot.annualBudget))) : std::nullopt;
    Fraction cost = 0;
    int places = 0;
    int providers = 0;
    for (LotBidResult& row : result.bids) {
        if (!row.compliant()) {
            continue;
        }
        row.awardedPlaces = 0;
        row.annualCost = 0;
        if (places >= lot.maxPlaces) {
            continue;  // the lot is full: later bids get no places
        }
        if (lot.maxProviders && providers >= *lot.maxProviders) {
            result.walk.push_back(AwardStep{row.bid, row.lotBid, std::nullopt, 0, 0, AwardLimit::ProviderCap, places,
                                            providers, Fraction(0), cost});
            continue;
        }
        const LotBid& lotBid = bids[row.bid].lotBids[row.lotBid];
        int bidPlaces = 0;
        Fraction bidCost = 0;
        for (const EligibleSetting& entry : row.eligible) {
            if (places >= lot.maxPlaces) {
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
            if (lot.maxPlaces - places < n) {
                n = lot.maxPlaces - places;
                limit = AwardLimit::LotFull;
            }
            if (budget) {
                const int affordable = placesWithinBudget(n, cost, placeCost, *budget);
                if (affordable < n) {
                    n = affordable;
                    limit = AwardLimit::Budget;
                }
            }
            const Fraction stepCost = placeCost * n;
            if (n > 0) {
                result.awards.push_back(Award{row.bid, row.lotBid, entry.setting, n, setting.weeklyPrice});
                awardedByUrn[setting.urn] += n;
                if (bidPlaces == 0) {
                    ++providers;
                }
                bidPlaces += n;
                places += n;
                cost += stepCost;
                bidCost += stepCost;
            }
            result.walk.push_back(AwardStep{row.bid, row.lotBid, entry.setting, entry.bookable, n, limit, places,
                                            providers, stepCost, cost});
        }
        row.awardedPlaces = bidPlaces;
        row.annualCost = roundToPence(bidCost);
    }
    result.awardedPlaces = places;
    result.providers = providers;
    result.annualCostExact = cost;
    result.annualCost = roundToPence(cost);
    result.contractValue = contractValue(tender.contract, cost);
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
