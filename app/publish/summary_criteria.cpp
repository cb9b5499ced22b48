// "How tenders were assessed": the award criteria in full as the tender published them (reg 31:
// each criterion's title, relative importance, how it was scored and the scores available), the
// pass or fail requirements, the thresholds, and the rules of ranking and award, in plain English.
#include <algorithm>

#include "evaluation/exact.hpp"
#include "format/text.hpp"
#include "publish/assessment.hpp"
#include "publish/html.hpp"
#include "publish/summary.hpp"
#include "publish/words.hpp"

namespace tenderscore::publish::part {

namespace {}  // namespace

std::string priceMethod(const EvaluationRules& rules) {
    const std::string weight = toPlainDecimal(rules.priceWeight);
    switch (rules.priceMethod) {
    case PriceMethod::LowestOverBid:
        return "Price score = " + weight +
               " \xC3\x97 the lowest evaluated price in the lot \xC3\xB7 the tender's evaluated price. The lowest "
               "price scores " +
               weight + ".";
    case PriceMethod::LinearFromLowest:
        return "Price score = " + weight +
               " \xC3\x97 (2 \xC3\x97 the lowest evaluated price \xE2\x88\x92 the tender's) \xC3\xB7 the lowest. The "
               "lowest "
               "price scores " +
               weight + "; a price twice the lowest or more scores 0.";
    case PriceMethod::CeilingLinear:
        return "Price score = " + weight +
               " \xC3\x97 (the lot's price ceiling \xE2\x88\x92 the tender's) \xC3\xB7 (the ceiling \xE2\x88\x92 the "
               "lowest "
               "evaluated price). The lowest price scores " +
               weight + "; a price at the ceiling scores 0.";
    }
    return {};
}

namespace {

std::string consensusText(const EvaluationRules& rules) {
    const std::string scale = std::to_string(rules.scaleMax);
    switch (rules.consensus) {
    case ConsensusRule::Moderated:
        return "Each evaluator marked the answer from 0 to " + scale +
               "; the panel then agreed one score at moderation, with its reasons, and that agreed score counts.";
    case ConsensusRule::Mean:
        return "Each evaluator marked the answer from 0 to " + scale + "; the score is the average of their marks.";
    case ConsensusRule::Median:
        return "Each evaluator marked the answer from 0 to " + scale +
               "; the score is the middle mark (the average of the two middle marks when there is an even number).";
    }
    return {};
}

std::string tieBreakText(const EvaluationRules& rules) {
    std::string text;
    for (const TieBreakKey key : rules.tieBreak) {
        text += text.empty() ? "" : ", then ";
        switch (key) {
        case TieBreakKey::Quality:
            text += "the higher quality score";
            break;
        case TieBreakKey::Price:
            text += "the lower evaluated price";
            break;
        case TieBreakKey::Submitted:
            text += "the earlier submission";
            break;
        }
    }
    return text.empty() ? "the tender reference" : text + ", then the tender reference";
}

/// A framework lot's limits (spec v2): the providers it admits, the rating and the bands.
std::string frameworkRules(const Lot& lot) {
    std::string text = "Lot " + lot.id + (lot.name.empty() ? "" : " (" + lot.name + ")") + ": a framework";
    text +=
        lot.maxProviders ? " of at most " + count(*lot.maxProviders, "provider", "providers") : " of every provider";
    if (lot.minProviders > 0) {
        text += " (at least " + std::to_string(lot.minProviders) + " wanted)";
    }
    if (lot.minOfstedRating) {
        text += "; providers rated below " + ratingText(*lot.minOfstedRating) + " by Ofsted are not admitted";
    }
    text += "; prices " + perUnit(lot) + " in " + count(static_cast<std::int64_t>(lot.bands.size()), "band", "bands") +
            ", every band priced";
    const bool ceilings =
        std::any_of(lot.bands.begin(), lot.bands.end(), [](const Band& band) { return band.maxPrice.has_value(); });
    if (ceilings) {
        text += " and none above its ceiling";
    }
    return text + ".";
}

std::string lotRules(const Pack& pack, const Lot& lot) {
    if (isFramework(lot)) {
        return frameworkRules(lot);
    }
    const std::string& currency = pack.tender.currency;
    std::string text = "Lot " + lot.id + (lot.name.empty() ? "" : " (" + lot.name + ")") + ": up to " +
                       count(lot.maxPlaces, "place", "places");
    if (lot.minPlaces > 0) {
        text += " (at least " + std::to_string(lot.minPlaces) + " wanted)";
    }
    if (lot.maxPlacesPerSetting) {
        text += "; at most " + count(*lot.maxPlacesPerSetting, "place", "places") + " in any one home";
    }
    if (lot.maxProviders) {
        text += "; at most " + count(*lot.maxProviders, "provider", "providers");
    }
    if (lot.minOfstedRating) {
        text += "; homes rated below " + ratingText(*lot.minOfstedRating) + " by Ofsted are not eligible";
    }
    if (lot.maxWeeklyPrice) {
        text += "; homes priced above " + text::money(*lot.maxWeeklyPrice, currency) + " a week are not eligible";
    }
    if (lot.annualBudget) {
        text += "; an annual budget of " + text::money(*lot.annualBudget, currency);
    }
    return text + ".";
}

}  // namespace

std::string criteria(const Pack& pack) {
    const Tender& tender = pack.tender;
    const EvaluationRules& rules = tender.evaluation;
    std::string out = "<h2>How tenders were assessed</h2>\n";
    out += "<h3>Pass or fail</h3>\n<ul>\n";
    if (tender.deadline) {
        out += "<li>" + escape("The tender had to arrive by " + instantText(*tender.deadline) + ".") + "</li>\n";
    }
    for (const Requirement& requirement : tender.requirements) {
        out += "<li>" + escape("Requirement " + requirement.id + ": " + requirement.text) + "</li>\n";
    }
    const bool places =
        std::any_of(tender.lots.begin(), tender.lots.end(), [](const Lot& lot) { return !isFramework(lot); });
    const bool frameworks = std::any_of(tender.lots.begin(), tender.lots.end(), isFramework);
    if (places) {
        out +=
            "<li>Each home offered had to meet the lot's conditions below; a tender with no eligible home in a lot "
            "was not assessed in that lot.</li>\n";
    }
    if (frameworks) {
        out += places ? "<li>In a framework lot, the provider" : "<li>The provider";
        out +=
            " had to meet the lot's Ofsted rating below and the tender had to price every band of the lot, none "
            "above its ceiling; a tender that did not was not assessed in that lot.</li>\n";
    }
    out += "</ul>\n";

    std::vector<Row> rows;
    const std::string priceWeight = toPlainDecimal(rules.priceWeight);
    rows.push_back({"Price", escape(priceWeight), escape(priceMethod(rules)), escape("0 to " + priceWeight)});
    std::string scored = "Scored by the evaluation panel (see below).";
    if (sgn(rules.minScoreEach) > 0) {
        scored += " A score below " + toPlainDecimal(rules.minScoreEach) + " excludes the tender.";
    }
    for (const Question& question : rules.questions) {
        rows.push_back({escape("Quality " + question.id + ": " + question.text),
                        escape(toPlainDecimal(question.weight)), escape(scored),
                        escape("0 to " + std::to_string(rules.scaleMax) + ", whole numbers")});
    }
    out += table("The award criteria", {"Criterion", "Weight (out of 100)", "How it was scored", "Scores available"},
                 rows);
    out += "<p>" +
           escape(consensusText(rules) +
                  " Your quality score is the sum, over the questions, of the question's weight \xC3\x97 your score "
                  "\xC3\xB7 " +
                  std::to_string(rules.scaleMax) + ", out of " + toPlainDecimal(rules.qualityWeight) + ".");
    if (sgn(rules.minQualityPercent) > 0) {
        out += escape(" A quality score below " + toPlainDecimal(rules.minQualityPercent) + "% of the " +
                      toPlainDecimal(rules.qualityWeight) + " points for quality excludes the tender.");
    }
    if (places) {
        out += escape(
            " Your evaluated price is the average weekly price per place over your eligible homes, counting "
            "each home's places up to the most one home may have.");
    }
    if (frameworks) {
        out += escape(std::string(places ? " In a framework lot, your" : " Your") +
                      " evaluated price is your band prices weighted by each band's expected volume a year: the sum "
                      "of volume \xC3\x97 price over the bands, divided by the sum of the volumes.");
    }
    out += escape(
               " The price score and the quality score are "
               "each rounded to " +
               count(rules.decimals, "decimal place", "decimal places") +
               ", and your total score is their sum, out of 100.") +
           "</p>\n";
    out += "<p>" +
           escape("Tenders are ranked by total score, highest first; equal totals are ordered by " +
                  tieBreakText(rules) + "." +
                  (places ? " Places are then awarded in rank order, each tender's homes in the order it listed them"
                          : std::string()) +
                  (places && frameworks ? "; providers are admitted to a framework in rank order, and its "
                                          "call-offs go to them in that order"
                   : frameworks         ? " Providers are then admitted to each framework in rank order, and its "
                                          "call-offs go to them in that order"
                                        : std::string()) +
                  ", within these limits:") +
           "</p>\n<ul>\n";
    for (const Lot& lot : tender.lots) {
        out += "<li>" + escape(lotRules(pack, lot)) + "</li>\n";
    }
    out += "</ul>\n";
    return out;
}

}  // namespace tenderscore::publish::part
