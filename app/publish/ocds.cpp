#include "publish/ocds.hpp"

#include <algorithm>
#include <map>

#include "evaluation/exact.hpp"
#include "publish/assessment.hpp"
#include "publish/json_tree.hpp"
#include "publish/summary.hpp"
#include "publish/words.hpp"

namespace tenderscore::publish {

namespace {

const char* const lotsExtension =
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json";
// Bid.rank and Bid.relatedLots are in the bid extension after its v1.1.5 tag.
const char* const bidsExtension =
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/master/extension.json";
const char* const awardCriteriaExtension =
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_awardCriteriaBreakdown_extension/master/"
    "extension.json";
constexpr std::size_t companyNumberLength = 8;

/// A Companies House number: eight capital letters or digits ("08812345", "SC123456").
bool isCompanyNumber(const std::string& text) {
    return text.size() == companyNumberLength && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
           });
}

std::string partyId(const Bid& bid) {
    return isCompanyNumber(bid.companyNumber) ? "GB-COH-" + bid.companyNumber : "tenderer-" + bid.id;
}

std::string bidDetailId(const Bid& bid, const Lot& lot) {
    return bid.id + "/" + lot.id;  // '/' is in no id, so the pair is unambiguous
}

Json money(Pence pence, const std::string& currency) {
    Json value = Json::object();
    value.set("amount", Json::number(formatPence(pence)));
    value.set("currency", Json::string(currency));
    return value;
}

Json reference(const Bid& bid) {
    Json ref = Json::object();
    ref.set("id", Json::string(partyId(bid)));
    ref.set("name", Json::string(bid.bidderName));
    return ref;
}

Json strings(std::initializer_list<std::string> values) {
    Json list = Json::array();
    for (const std::string& value : values) {
        list.push(Json::string(value));
    }
    return list;
}

/// One party per tenderer: bids with the same company number are one organization.
Json parties(const Pack& pack, const Result& result) {
    std::map<std::string, bool> supplier;  // party id -> awarded in some lot
    for (const LotResult& lot : result.lots) {
        for (const LotBidResult& row : lot.bids) {
            supplier[partyId(pack.bids[row.bid])] |= isSuccessful(row);
        }
    }
    Json list = Json::array();
    Json& buyer = list.push(Json::object());
    buyer.set("id", Json::string("buyer"));
    buyer.set("name", Json::string(pack.tender.authority));
    buyer.set("roles", strings({"buyer"}));
    std::map<std::string, bool> listed;
    for (const Bid& bid : pack.bids) {
        const std::string id = partyId(bid);
        if (listed[id]) {
            continue;
        }
        listed[id] = true;
        Json& party = list.push(Json::object());
        party.set("id", Json::string(id));
        party.set("name", Json::string(bid.bidderName));
        if (isCompanyNumber(bid.companyNumber)) {
            Json& identifier = party.set("identifier", Json::object());
            identifier.set("scheme", Json::string("GB-COH"));
            identifier.set("id", Json::string(bid.companyNumber));
            identifier.set("legalName", Json::string(bid.bidderName));
        }
        party.set("roles", supplier[id] ? strings({"tenderer", "supplier"}) : strings({"tenderer"}));
    }
    return list;
}

/// Whether the lot awarded anything: places in a places lot, admission to a framework lot.
bool lotAwarded(const Lot& tenderLot, const LotResult& lot) {
    return isFramework(tenderLot) ? lot.providers > 0 : !lot.awards.empty();
}

Json criterion(const char* type, const std::string& name, const std::string& description, const Fraction& weight,
               const Fraction& minimum) {
    Json entry = Json::object();
    entry.set("type", Json::string(type));
    entry.set("name", Json::string(name));
    entry.set("description", Json::string(description));
    Json& numbers = entry.set("numbers", Json::array());
    Json& share = numbers.push(Json::object());
    share.set("number", Json::number(toPlainDecimal(weight)));
    share.set("weight", Json::string("percentageExact"));
    if (sgn(minimum) > 0) {
        Json& threshold = numbers.push(Json::object());
        threshold.set("number", Json::number(toPlainDecimal(minimum)));
        threshold.set("threshold", Json::string("minimumScore"));
    }
    return entry;
}

/// Price and each quality question, with their weights (which add up to 100) and minimum scores.
Json awardCriteria(const EvaluationRules& rules) {
    Json criteria = Json::object();
    Json& list = criteria.set("criteria", Json::array());
    list.push(criterion("price", "Price", part::priceMethod(rules), rules.priceWeight, Fraction(0)));
    for (const Question& question : rules.questions) {
        list.push(criterion(
            "quality", question.text,
            "Question " + question.id + ", scored 0 to " + std::to_string(rules.scaleMax) + " by the evaluation panel",
            question.weight, rules.minScoreEach));
    }
    return criteria;
}

std::string criteriaDetails(const EvaluationRules& rules) {
    std::string text = "Price " + toPlainDecimal(rules.priceWeight) + ", quality " +
                       toPlainDecimal(rules.qualityWeight) + " (out of 100).";
    if (sgn(rules.minScoreEach) > 0) {
        text += " A quality question scored below " + toPlainDecimal(rules.minScoreEach) + " excludes the tender.";
    }
    if (sgn(rules.minQualityPercent) > 0) {
        text += " A quality score below " + toPlainDecimal(rules.minQualityPercent) +
                "% of the quality weight excludes the tender.";
    }
    return text;
}

Json tender(const Pack& pack, const Result& result) {
    const Tender& source = pack.tender;
    Json out = Json::object();
    out.set("id", Json::string(source.id));
    out.set("title", Json::string(source.title));
    out.set("status", Json::string("complete"));
    out.set("mainProcurementCategory", Json::string("services"));
    out.set("awardCriteria", Json::string("ratedCriteria"));
    out.set("awardCriteriaDetails", Json::string(criteriaDetails(source.evaluation)));
    if (source.deadline) {
        Json& period = out.set("tenderPeriod", Json::object());
        period.set("endDate", Json::string(source.deadline->text));
    }
    if (!source.contract.startDate.empty()) {
        Json& period = out.set("contractPeriod", Json::object());
        period.set("startDate", Json::string(source.contract.startDate + "T00:00:00Z"));
    }
    Json tenderers = Json::array();
    std::map<std::string, bool> listed;
    for (const Bid& bid : pack.bids) {
        if (!listed[partyId(bid)]) {
            listed[partyId(bid)] = true;
            tenderers.push(reference(bid));
        }
    }
    out.set("numberOfTenderers", Json::integer(static_cast<std::int64_t>(listed.size())));
    out.set("tenderers", std::move(tenderers));
    Json& lots = out.set("lots", Json::array());
    for (const LotResult& lot : result.lots) {
        const Lot& tenderLot = source.lots[lot.lot];
        Json& entry = lots.push(Json::object());
        entry.set("id", Json::string(tenderLot.id));
        if (!tenderLot.name.empty()) {
            entry.set("title", Json::string(tenderLot.name));
        }
        entry.set("status", Json::string(lotAwarded(tenderLot, lot) ? "complete" : "unsuccessful"));
        entry.set("awardCriteria", awardCriteria(source.evaluation));
    }
    return out;
}

/// One bid per lot bid, as the bids extension asks for tenders that cover several lots.
Json bids(const Pack& pack, const Result& result) {
    Json details = Json::array();
    for (const LotResult& lot : result.lots) {
        const Lot& tenderLot = pack.tender.lots[lot.lot];
        for (const LotBidResult& row : lot.bids) {
            const Bid& bid = pack.bids[row.bid];
            Json& entry = details.push(Json::object());
            entry.set("id", Json::string(bidDetailId(bid, tenderLot)));
            entry.set("date", Json::string(bid.submitted.text));
            entry.set("status", Json::string(row.compliant() ? "valid" : "disqualified"));
            Json& tenderers = entry.set("tenderers", Json::array());
            tenderers.push(reference(bid));
            if (row.evaluatedPrice) {
                entry.set("value", money(roundToPence(*row.evaluatedPrice), pack.tender.currency));
            }
            entry.set("relatedLots", strings({tenderLot.id}));
            entry.set("hasRank", Json::boolean(row.rank.has_value()));
            if (row.rank) {
                entry.set("rank", Json::integer(*row.rank));
            }
        }
    }
    Json out = Json::object();
    out.set("details", std::move(details));
    return out;
}

/// One award per lot: its successful tenders as suppliers (the tenders awarded places, or admitted to
/// a framework, in rank order), the lot's contract value as its value. A framework lot has no
/// contract value (spec v2, 2.6: call-offs are priced from the admitted providers' band prices), so
/// its award has none.
Json awards(const Pack& pack, const Result& result, std::int64_t date) {
    Json list = Json::array();
    for (const LotResult& lot : result.lots) {
        const Lot& tenderLot = pack.tender.lots[lot.lot];
        Json& award = list.push(Json::object());
        award.set("id", Json::string("award-" + tenderLot.id));
        award.set("title", Json::string("Lot " + tenderLot.id + (tenderLot.name.empty() ? "" : ": " + tenderLot.name)));
        const bool awarded = lotAwarded(tenderLot, lot);
        award.set("status", Json::string(awarded ? "active" : "unsuccessful"));
        award.set("date", Json::string(isoText(date)));
        Json suppliers = Json::array();
        Json related = Json::array();
        std::map<std::string, bool> listed;
        for (const LotBidResult& row : lot.bids) {
            if (!isSuccessful(row)) {
                continue;
            }
            const Bid& bid = pack.bids[row.bid];
            if (!listed[partyId(bid)]) {
                listed[partyId(bid)] = true;
                suppliers.push(reference(bid));
            }
            related.push(Json::string(bidDetailId(bid, tenderLot)));
        }
        if (awarded) {
            if (!isFramework(tenderLot)) {
                award.set("value", money(lot.contractValue, pack.tender.currency));
            }
            award.set("suppliers", std::move(suppliers));
        }
        award.set("relatedLots", strings({tenderLot.id}));
        if (!related.empty()) {
            award.set("relatedBids", std::move(related));
        }
    }
    return list;
}

}  // namespace

bool isOcidPrefix(std::string_view text) {
    constexpr std::size_t suffix = 6;
    return text.size() == 5 + suffix && text.substr(0, 5) == "ocds-" &&
           std::all_of(text.begin() + 5, text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); });
}

std::string ocdsJson(const Pack& pack, const Result& result, const std::string& ocidPrefix, std::int64_t date) {
    const std::string ocid = ocidPrefix + "-" + pack.tender.id;
    const std::string when = isoText(date);
    Json release = Json::object();
    release.set("ocid", Json::string(ocid));
    release.set("id", Json::string(ocid + "-award"));
    release.set("date", Json::string(when));
    release.set("tag", strings({"award"}));
    release.set("initiationType", Json::string("tender"));
    release.set("language", Json::string("en"));
    release.set("parties", parties(pack, result));
    Json& buyer = release.set("buyer", Json::object());
    buyer.set("id", Json::string("buyer"));
    buyer.set("name", Json::string(pack.tender.authority));
    release.set("tender", tender(pack, result));
    release.set("bids", bids(pack, result));
    release.set("awards", awards(pack, result, date));

    Json package = Json::object();
    package.set("uri", Json::string("urn:tenderscore:ocds:" + ocid + "-award"));
    package.set("version", Json::string("1.1"));
    package.set("extensions", strings({lotsExtension, bidsExtension, awardCriteriaExtension}));
    package.set("publishedDate", Json::string(when));
    Json& publisher = package.set("publisher", Json::object());
    publisher.set("name", Json::string(pack.tender.authority));
    Json& releases = package.set("releases", Json::array());
    releases.push(std::move(release));
    return package.text();
}

}  // namespace tenderscore::publish
