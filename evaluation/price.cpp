#include "evaluation/price.hpp"

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

Fraction priceScore(PriceMethod method, const Fraction& priceWeight, const Fraction& price, const Fraction& lowest,
                    std::optional<Pence> ceiling) {
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
        const Fraction c(static_cast<long>(*ceiling));
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
        const Fraction price = evaluatedPrice(bids[row.bid].lotBids[row.lotBid], row.eligible);
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
    std::optional<Fraction> threshold;
    if (rules.abnormallyLowBelowMeanPercent && compliant >= minBidsForAbnormallyLow) {
        const Fraction mean = total / static_cast<long>(compliant);
        threshold = mean * (100 - *rules.abnormallyLowBelowMeanPercent) / 100;
    }
    for (LotBidResult& row : rows) {
        if (!row.compliant()) {
            continue;
        }
        row.exactPriceScore =
            priceScore(rules.priceMethod, rules.priceWeight, *row.evaluatedPrice, *lowest, lot.maxWeeklyPrice);
        if (threshold && *row.evaluatedPrice < *threshold) {
            row.flags.emplace_back(CodeKind::AbnormallyLow);
        }
    }
    return lowest;
}

}  // namespace tenderscore
