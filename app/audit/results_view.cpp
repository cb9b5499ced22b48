#include "audit/results_view.hpp"

#include <algorithm>
#include <optional>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "audit/report_text.hpp"
#include "evaluation/values.hpp"
#include "format/text.hpp"

namespace tenderscore::audit {

namespace {

/// "5307591.30" (results.json) -> "£5,307,591.30"; anything that is not a decimal as it is.
std::string pounds(const std::string& amount) {
    const std::optional<Fraction> value = parseDecimal(amount);
    return value ? text::money(roundToPence(*value * 100), "GBP") : amount;
}

std::string valueText(const Poco::JSON::Object::Ptr& object, const std::string& key) {
    if (!object->has(key) || object->isNull(key)) {
        return "-";
    }
    return object->get(key).convert<std::string>();
}

std::string moneyText(const Poco::JSON::Object::Ptr& object, const std::string& key) {
    const std::string amount = valueText(object, key);
    return amount == "-" ? amount : pounds(amount);
}

std::string joined(const Poco::JSON::Array::Ptr& array, bool inWords) {
    std::vector<std::string> items;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const auto code = array->get(static_cast<unsigned>(i)).convert<std::string>();
        items.push_back(inWords ? text::describeSpelledCode(code) : code);
    }
    return joinedWith(items, "; ");
}

BidView parseBid(const Poco::JSON::Object::Ptr& bid) {
    BidView view;
    view.status = bid->getValue<std::string>("status");
    view.reasons = joined(bid->getArray("reasons"), true);
    view.priceScore = valueText(bid, "priceScore");
    view.qualityScore = valueText(bid, "qualityScore");
    view.totalScore = valueText(bid, "totalScore");
    view.rank = valueText(bid, "rank");
    view.places = valueText(bid, "awardedPlaces");
    view.admitted = valueText(bid, "admitted");
    return view;
}

}  // namespace

ResultsView parseResults(const std::string& json) {
    ResultsView view;
    Poco::JSON::Parser parser;
    const auto root = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    const auto lots = root->getArray("lots");
    for (std::size_t l = 0; l < lots->size(); ++l) {
        const auto lot = lots->getObject(static_cast<unsigned>(l));
        const auto id = lot->getValue<std::string>("lot");
        LotView& lotView = view.byLot[id];
        view.lots.push_back(id);
        lotView.framework = valueText(lot, "award") == "framework";
        const auto bids = lot->getArray("bids");
        for (std::size_t b = 0; b < bids->size(); ++b) {
            const auto bid = bids->getObject(static_cast<unsigned>(b));
            const auto bidId = bid->getValue<std::string>("bid");
            lotView.order.push_back(bidId);
            lotView.bids[bidId] = parseBid(bid);
        }
        const auto awards = lot->getArray("awards");
        for (std::size_t a = 0; a < awards->size(); ++a) {
            const auto award = awards->getObject(static_cast<unsigned>(a));
            const auto bid = award->getValue<std::string>("bid");
            lotView.awards.push_back(bid + " " + award->getValue<std::string>("urn") + ": " +
                                     valueText(award, "places") + " places at " + moneyText(award, "weeklyPrice") +
                                     " a week");
            if (std::find(lotView.awardedBids.begin(), lotView.awardedBids.end(), bid) == lotView.awardedBids.end()) {
                lotView.awardedBids.push_back(bid);
            }
        }
        lotView.awardedPlaces = valueText(lot, "awardedPlaces");
        lotView.providers = valueText(lot, "providers");
        lotView.annualCost = moneyText(lot, "annualCost");
        lotView.contractValue = moneyText(lot, "contractValue");
        lotView.flags = joined(lot->getArray("flags"), false);
        lotView.flagsInWords = joined(lot->getArray("flags"), true);
    }
    return view;
}

std::string firstRanked(const LotView& lot) {
    const auto first = std::find_if(lot.order.begin(), lot.order.end(),
                                    [&](const std::string& bid) { return lot.bids.at(bid).rank == "1"; });
    return first == lot.order.end() ? "" : *first;
}

std::string lotOutcome(const std::string& id, const LotView& lot) {
    const std::string first = firstRanked(lot);
    std::string line = "Lot " + id + ": ";
    if (first.empty()) {
        line += "no compliant bid, nothing awarded";
    } else if (lot.framework) {
        std::vector<std::string> admitted;
        for (const std::string& bid : lot.order) {
            if (lot.bids.at(bid).admitted == "true") {
                admitted.push_back(bid);
            }
        }
        line += std::to_string(admitted.size()) + (admitted.size() == 1 ? " provider" : " providers") +
                " admitted to the framework (" + joinedWith(admitted, ", ") + "); ranked first " + first;
    } else if (lot.awardedBids.empty()) {
        line += "nothing awarded; ranked first " + first;
    } else {
        line += lot.awardedPlaces + " places to " + lot.providers +
                (lot.providers == "1" ? " provider" : " providers") + " (" + joinedWith(lot.awardedBids, ", ") +
                "); ranked first " + first + "; annual cost " + lot.annualCost;
    }
    if (!lot.flagsInWords.empty()) {
        line += "; flagged: " + lot.flagsInWords;
    }
    return line;
}

}  // namespace tenderscore::audit
