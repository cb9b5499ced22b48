#include "evaluation/price.hpp"

#include <algorithm>
#include <stdexcept>

namespace tenderscore {

namespace {

/// ABNORMALLY_LOW is only meaningful against a field: it needs at least this many compliant lot bids.
constexpr std::size_t minBidsForAbnormallyLow = 3;

}  // namespace

Fraction evaluatedPrice(const LotBid& lotBid, const std::vector<EligibleSetting>& eligible) {
    mpz_class cost = 0;
    mpz_class places = 0;
    for (const EligibleSetting& entry : eligible) {
        cost += mpz_class(static_cast<long>(lotBid.settings[entry.setting].weeklyPrice)) * entry.bookable;
        places += entry.bookable;
    }
    if (places == 0) {
        throw std::logic_error("evaluated price of a lot bid without bookable places");
    }
    Fraction price(cost, places);
    price.canonicalize();
    return price;
}

Fraction evaluatedPrice(const Lot& lot, const LotBid& lotBid) {
    mpq_class weighted = 0;
    mpq_class volume = 0;
    for (const Band& band : lot.bands) {
        const auto price = std::find_if(lotBid.prices.begin(), lotBid.prices.end(),
                                        [&](const BandPrice& p) { return p.band == band.id; });
        if (price == lotBid.prices.end()) {
            throw std::logic_error("evaluated price of a framework lot bid without a price for band " + band.id);
        }
        weighted += band.volume * static_cast<long>(price->amount);
        volume += band.volume;
    }
    return weighted / volume;
}

Fraction evaluatedPrice(const Lot& lot, const std::vector<Bid>& bids, const LotBidResult& row) {
    const LotBid& lotBid = bids[row.bid].lotBids[row.lotBid];
    return lot.award == LotAward::Framework ? evaluatedPrice(lot, lotBid) : evaluatedPrice(lotBid, row.eligible);
}

std::optional<Fraction> priceCeiling(const Lot& lot) {
    if (lot.award == LotAward::Places) {
        return lot.maxWeeklyPrice ? std::optional<Fraction>(static_cast<long>(*lot.maxWeeklyPrice)) : std::nullopt;
    }
    mpq_class weighted = 0;
    mpq_class volume = 0;
    for (const Band& band : lot.bands) {
        if (!band.maxPrice) {
            return std::nullopt;
        }
        weighted += band.volume * static_cast<long>(*band.maxPrice);
        volume += band.volume;
    }
    if (volume == 0) {
        return std::nullopt;
    }
    return Fraction(weighted / volume);
}

Fraction priceScore(PriceMethod method, const Fraction& priceWeight, const Fraction& price, const Fraction& lowest,
                    const std::optional<Fraction>& ceiling) {
    switch (method) {
    case PriceMethod::LowestOverBid:
        return {priceWeight * lowest / price};
    case PriceMethod::LinearFromLowest: {
        const Fraction share = (2 * lowest - price) / lowest;
        return sgn(share) > 0 ? Fraction(priceWeight * share) : Fraction(0);
    }
    case PriceMethod::CeilingLinear: {
        if (!ceiling) {
            throw std::logic_error("ceiling-linear price score without a ceiling");
        }
        const Fraction& c = *ceiling;
        if (c == lowest) {
            return priceWeight;
        }
        return {priceWeight * (c - price) / (c - lowest)};
    }
    }
    throw std::logic_error("unknown price method");
}

std::optional<Fraction> scoreLotPrices(const EvaluationRules& rules, const Lot& lot, const std::vector<Bid>& bids,
                                       std::vector<LotBidResult>& rows) {
    std::optional<Fraction> lowest;
    Fraction total = 0;
    std::size_t compliant = 0;
    for (LotBidResult& row : rows) {
        if (!row.compliant()) {
            continue;
        }
        const Fraction price = evaluatedPrice(lot, bids, row);
        if (!lowest || price < *lowest) {
            lowest = price;
        }
        total += price;
        ++compliant;
        row.evaluatedPrice = price;
    }
    if (!lowest) {
        return std::nullopt;
    }
    const std::optional<Fraction> ceiling = priceCeiling(lot);
    std::optional<Fraction> threshold;
    if (rules.abnormallyLowBelowMeanPercent && compliant >= minBidsForAbnormallyLow) {
        const Fraction mean = total / static_cast<long>(compliant);
        threshold = mean * (100 - *rules.abnormallyLowBelowMeanPercent) / 100;
    }
    for (LotBidResult& row : rows) {
        if (!row.compliant()) {
            continue;
        }
        row.exactPriceScore = priceScore(rules.priceMethod, rules.priceWeight, *row.evaluatedPrice, *lowest, ceiling);
        if (threshold && *row.evaluatedPrice < *threshold) {
            row.flags.emplace_back(CodeKind::AbnormallyLow);
        }
    }
    return lowest;
}

}  // namespace tenderscore
