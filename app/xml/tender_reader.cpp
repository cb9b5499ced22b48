#include <sstream>
#include <string_view>

#include "xml/readers.hpp"

namespace tenderscore::xml {

namespace {

constexpr int maxDecimals = 6;
constexpr int maxScale = 100;
// The format's limits on the contract and the lots (docs/formats.md, "Largest values"): with them
// every annual cost and contract value fits in pence as a 64-bit integer, and the contract value,
// an exact sum of rational powers, takes at most 50 terms.
constexpr int maxInitialYears = 25;
constexpr int maxExtensionYears = 25;
constexpr long maxWeeksPerYear = 53;
constexpr long maxUpliftPercent = 10;
constexpr int maxLotPlaces = 1'000'000;
constexpr std::size_t maxLots = 1000;
constexpr std::size_t maxBands = 1000;
constexpr long maxBandVolume = 1'000'000'000;  // units a year

void readContract(const XmlSource& source, pugi::xml_node node, Contract& contract, Diagnostics& errors) {
    ElementReader e(source, node, errors,
                    {"startDate", "initialYears", "extensionYears", "weeksPerYear", "annualUpliftPercent"});
    contract.at = e.at();
    assign(contract.startDate, e.date("startDate", false));
    assign(contract.initialYears, e.integer("initialYears", true, 1, maxInitialYears));
    assign(contract.extensionYears, e.integer("extensionYears", false, 0, maxExtensionYears));
    if (auto weeks = e.decimal("weeksPerYear", false)) {
        if (sgn(*weeks) <= 0 || *weeks > maxWeeksPerYear) {
            e.error("range",
                    "attribute 'weeksPerYear' must be greater than 0 and at most " + std::to_string(maxWeeksPerYear));
        }
        contract.weeksPerYear = *weeks;
    }
    assign(contract.annualUpliftPercent, e.decimal("annualUpliftPercent", false, 0, maxUpliftPercent));
    (void)e.children({});
}

void readTieBreak(const XmlSource& source, pugi::xml_node node, EvaluationRules& rules, Diagnostics& errors) {
    ElementReader e(source, node, errors, {});
    rules.tieBreak.clear();
    std::istringstream words(e.content());
    std::string word;
    while (words >> word) {
        TieBreakKey key = TieBreakKey::Quality;
        if (word == "quality") {
            key = TieBreakKey::Quality;
        } else if (word == "price") {
            key = TieBreakKey::Price;
        } else if (word == "submitted") {
            key = TieBreakKey::Submitted;
        } else {
            e.error("tie-break", "tie-break key '" + word + "' is not one of quality, price, submitted");
            continue;
        }
        if (std::find(rules.tieBreak.begin(), rules.tieBreak.end(), key) != rules.tieBreak.end()) {
            e.error("tie-break", "tie-break key '" + word + "' is listed more than once");
            continue;
        }
        rules.tieBreak.push_back(key);
    }
}

void readQuality(const XmlSource& source, pugi::xml_node node, EvaluationRules& rules, Diagnostics& errors) {
    ElementReader e(source, node, errors, {"scaleMax", "minScoreEach", "minQualityPercent", "moderationSpread"});
    rules.qualityAt = e.at();
    assign(rules.scaleMax, e.integer("scaleMax", false, 1, maxScale));
    rules.moderationSpread = e.integer("moderationSpread", false, 0, maxInt);
    assign(rules.minScoreEach, e.decimal("minScoreEach", false));
    if (auto percent = e.decimal("minQualityPercent", false)) {
        if (*percent > 100) {
            e.error("range", "attribute 'minQualityPercent' must be from 0 to 100");
        }
        rules.minQualityPercent = *percent;
    }
    for (const pugi::xml_node child : e.children({{{"question"}, 0, many}})) {
        ElementReader q(source, child, errors, {"id", "weight"});
        Question question;
        question.at = q.at();
        assign(question.id, q.id("id"));
        if (auto weight = q.decimal("weight")) {
            if (sgn(*weight) <= 0) {
                q.error("range", "attribute 'weight' must be greater than 0");
            }
            question.weight = *weight;
        }
        question.text = q.content();
        rules.questions.push_back(std::move(question));
    }
}

void readEvaluation(const XmlSource& source, pugi::xml_node node, EvaluationRules& rules, Diagnostics& errors) {
    ElementReader e(source, node, errors, {"priceWeight", "qualityWeight", "priceMethod", "consensus", "decimals"});
    rules.at = e.at();
    rules.qualityAt = e.at();
    assign(rules.priceWeight, e.decimal("priceWeight"));
    assign(rules.qualityWeight, e.decimal("qualityWeight"));
    if (auto method = e.choice("priceMethod", {"lowest-over-bid", "linear-from-lowest", "ceiling-linear"}, false)) {
        rules.priceMethod = *method == "lowest-over-bid"      ? PriceMethod::LowestOverBid
                            : *method == "linear-from-lowest" ? PriceMethod::LinearFromLowest
                                                              : PriceMethod::CeilingLinear;
    }
    if (auto consensus = e.choice("consensus", {"moderated", "mean", "median"}, false)) {
        rules.consensus = *consensus == "moderated" ? ConsensusRule::Moderated
                          : *consensus == "mean"    ? ConsensusRule::Mean
                                                    : ConsensusRule::Median;
    }
    assign(rules.decimals, e.integer("decimals", false, 0, maxDecimals));
    for (const pugi::xml_node child : e.children({{{"quality"}}, {{"tieBreak"}}, {{"abnormallyLow"}}})) {
        const std::string name = XmlSource::localName(child);
        if (name == "quality") {
            readQuality(source, child, rules, errors);
        } else if (name == "tieBreak") {
            readTieBreak(source, child, rules, errors);
        } else {
            ElementReader a(source, child, errors, {"belowMeanPercent"});
            if (auto percent = a.decimal("belowMeanPercent")) {
                if (*percent > 100) {
                    a.error("range", "attribute 'belowMeanPercent' must be from 0 to 100");
                }
                rules.abnormallyLowBelowMeanPercent = *percent;
            }
            (void)a.children({});
        }
    }
}

Band readBand(const XmlSource& source, pugi::xml_node node, Diagnostics& errors) {
    ElementReader e(source, node, errors, {"id", "volume", "maxPrice"});
    Band band;
    band.at = e.at();
    assign(band.id, e.id("id"));
    if (auto volume = e.decimal("volume")) {
        if (sgn(*volume) <= 0 || *volume > maxBandVolume) {
            e.error("range", "attribute 'volume' must be greater than 0 and at most " + std::to_string(maxBandVolume));
        }
        band.volume = *volume;
    }
    band.maxPrice = e.money("maxPrice", false, maxWeeklyPrice);
    band.description = e.content();
    return band;
}

/// Version 2, section 1.1: what each kind of lot may and must have.
void checkLotKind(ElementReader& e, const Lot& lot) {
    const pugi::xml_node node = e.node();
    if (lot.award == LotAward::Framework) {
        for (const char* name : {"minPlaces", "maxPlaces", "maxPlacesPerSetting", "maxWeeklyPrice", "annualBudget"}) {
            if (!node.attribute(name).empty()) {
                e.error("framework-lot", std::string("attribute '") + name +
                                             "' is not allowed on a framework lot, which awards no places");
            }
        }
        if (!lot.phases.empty()) {
            e.error("framework-lot", "a framework lot has no phase: it awards no places");
        }
        if (lot.bands.empty()) {
            e.error("framework-lot", "a framework lot needs at least one band to be priced in");
        }
        return;
    }
    if (!lot.bands.empty()) {
        e.error("places-lot", "a places lot has no band: bands belong to framework lots");
    }
    if (lot.unit != PriceUnit::Week) {
        e.error("places-lot", "a places lot is priced by the week: its unit must be 'week'");
    }
}

Lot readLot(const XmlSource& source, pugi::xml_node node, Diagnostics& errors) {
    ElementReader e(source, node, errors,
                    {"id", "name", "award", "unit", "minPlaces", "maxPlaces", "maxPlacesPerSetting", "maxProviders",
                     "minProviders", "maxWeeklyPrice", "annualBudget", "minOfstedRating"});
    Lot lot;
    lot.at = e.at();
    assign(lot.id, e.id("id"));
    assign(lot.name, e.text("name", false));
    const auto award = e.choice("award", {"places", "framework"}, false);
    if (award) {
        lot.award = *award == "places" ? LotAward::Places : LotAward::Framework;
    }
    // With an award that is neither, the rules of either kind would only report what follows from
    // the typo: the lot is read with what it has, and nothing more is said of its kind.
    const bool kindKnown = award || node.attribute("award").empty();
    lot.awardUnread = !kindKnown;
    if (auto unit = e.choice("unit", {"week", "day", "hour"}, false)) {
        lot.unit = *unit == "week" ? PriceUnit::Week : *unit == "day" ? PriceUnit::Day : PriceUnit::Hour;
    }
    const bool places = lot.award == LotAward::Places;
    if (places) {
        assign(lot.minPlaces, e.integer("minPlaces", false, 0, maxInt));
        assign(lot.maxPlaces, e.integer("maxPlaces", kindKnown, 1, maxLotPlaces));
        lot.maxPlacesPerSetting = e.integer("maxPlacesPerSetting", false, 1, maxInt);
        lot.maxWeeklyPrice = e.money("maxWeeklyPrice", false, maxWeeklyPrice);
        lot.annualBudget = e.money("annualBudget", false);
    }
    lot.maxProviders = e.integer("maxProviders", false, 1, maxInt);
    assign(lot.minProviders, e.integer("minProviders", false, 0, maxInt));
    lot.minOfstedRating = e.rating("minOfstedRating", false);
    if (lot.minOfstedRating == Rating::NotYetInspected) {
        e.error("rating", "attribute 'minOfstedRating' cannot be NotYetInspected, which is below every minimum");
    }
    for (const pugi::xml_node child : e.children({{{"phase"}, 0, many}, {{"band"}, 0, maxBands}})) {
        if (std::string_view(XmlSource::localName(child)) == "band") {
            lot.bands.push_back(readBand(source, child, errors));
            continue;
        }
        ElementReader p(source, child, errors, {"byMonth", "places"});
        Phase phase;
        phase.at = p.at();
        assign(phase.byMonth, p.integer("byMonth", true, 0, maxInt));
        assign(phase.places, p.integer("places", true, 1, maxInt));
        (void)p.children({});
        lot.phases.push_back(phase);
    }
    if (kindKnown) {
        checkLotKind(e, lot);
    }
    return lot;
}

std::string textOf(const XmlSource& source, pugi::xml_node node, Diagnostics& errors) {
    ElementReader e(source, node, errors, {});
    return e.content();
}

}  // namespace

std::optional<Tender> readTender(const XmlSource& source, Diagnostics& errors) {
    ElementReader root(source, source.root(), errors, {"id", "currency", "deadline"});
    Tender tender;
    tender.at = root.at();
    assign(tender.id, root.id("id"));
    if (auto currency = root.text("currency", false)) {
        const bool valid = currency->size() == 3 &&
                           std::all_of(currency->begin(), currency->end(), [](char c) { return c >= 'A' && c <= 'Z'; });
        if (!valid) {
            root.error("currency", "attribute 'currency' must be three capital letters (GBP); got '" + *currency + "'");
        }
        tender.currency = *currency;
    }
    tender.deadline = root.dateTime("deadline", false);
    const auto children = root.children({{{"title"}, 1, 1},
                                         {{"authority"}, 1, 1},
                                         {{"contract"}, 1, 1},
                                         {{"evaluation"}, 1, 1},
                                         {{"requirement"}, 0, many},
                                         {{"lot"}, 1, maxLots}});
    for (const pugi::xml_node child : children) {
        const std::string name = XmlSource::localName(child);
        if (name == "title") {
            tender.title = textOf(source, child, errors);
        } else if (name == "authority") {
            tender.authority = textOf(source, child, errors);
        } else if (name == "contract") {
            readContract(source, child, tender.contract, errors);
        } else if (name == "evaluation") {
            readEvaluation(source, child, tender.evaluation, errors);
        } else if (name == "requirement") {
            ElementReader r(source, child, errors, {"id"});
            Requirement requirement;
            requirement.at = r.at();
            assign(requirement.id, r.id("id"));
            requirement.text = r.content();
            tender.requirements.push_back(std::move(requirement));
        } else {
            tender.lots.push_back(readLot(source, child, errors));
        }
    }
    return tender;
}

}  // namespace tenderscore::xml
