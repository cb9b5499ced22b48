// One lot of an assessment summary: why the tender is not successful (when it is not), its score
// per criterion with the panel's explanation, how its price score came from its price, its homes,
// and the successful tenders' scores beside its own. Only this tender's and the successful
// tenders' figures are read here, never another unsuccessful tender's.
#include <map>

#include "evaluation/exact.hpp"
#include "evaluation/explain.hpp"
#include "format/text.hpp"
#include "publish/assessment.hpp"
#include "publish/html.hpp"
#include "publish/summary.hpp"
#include "publish/words.hpp"

namespace tenderscore::publish::part {

namespace {

const char* const times = " \xC3\x97 ";
const char* const dividedBy = " \xC3\xB7 ";
const char* const minus = " \xE2\x88\x92 ";

/// The panel's explanation of one question's score: the agreed reasons under `moderated`, each
/// evaluator's mark and comment under `mean` and `median`.
std::string explanation(const Pack& pack, const BidQuality& quality, std::size_t question) {
    const Scores& scores = pack.scores;
    if (pack.tender.evaluation.consensus == ConsensusRule::Moderated) {
        const auto& position = quality.positions.consensus[question];
        const std::string reasons = position ? scores.consensus[*position].rationale : std::string();
        return reasons.empty() ? "The panel recorded no reasons for this score." : escape(reasons);
    }
    std::string out;
    for (std::size_t evaluator = 0; evaluator < quality.positions.evaluators; ++evaluator) {
        if (const auto& position = quality.positions.mark(question, evaluator)) {
            const Mark& mark = scores.marks[*position];
            out += out.empty() ? "" : "<br>";
            out += escape("Evaluator " + mark.evaluator + ": " + std::to_string(mark.score) +
                          (mark.rationale.empty() ? "." : ". " + mark.rationale));
        }
    }
    return out;
}

/// Whether the lowest price may be shown: it is this tender's or a successful tender's.
bool lowestIsShown(const LotAssessment& view) {
    const LotResult& lot = *view.lot;
    if (!lot.lowestPrice) {
        return false;
    }
    if (view.row->evaluatedPrice == lot.lowestPrice) {
        return true;
    }
    for (const LotBidResult* other : view.successful) {
        if (other->evaluatedPrice == lot.lowestPrice) {
            return true;
        }
    }
    return false;
}

/// The evaluated price of a places lot bid: its eligible homes' weekly prices, each counted for its
/// bookable places.
std::string placesPriceText(const Pack& pack, const LotBidResult& row) {
    const std::string& currency = pack.tender.currency;
    const LotBid& lotBid = pack.bids[row.bid].lotBids[row.lotBid];
    std::string sum;
    int places = 0;
    for (const EligibleSetting& entry : row.eligible) {
        sum += sum.empty() ? "" : " + ";
        sum +=
            std::to_string(entry.bookable) + times + text::money(lotBid.settings[entry.setting].weeklyPrice, currency);
        places += entry.bookable;
    }
    return "Your evaluated price: (" + sum + ")" + dividedBy + count(places, "place", "places") + " = " +
           moneyText(*row.evaluatedPrice, currency) + " a place a week.";
}

/// The evaluated price of a framework lot bid (spec v2, 2.4): its band prices weighted by each
/// band's expected volume. The figures are the tender's and the bid's; the result is the core's.
std::string bandsPriceText(const Pack& pack, const Lot& lot, const LotBidResult& row) {
    const std::string& currency = pack.tender.currency;
    const LotBid& lotBid = pack.bids[row.bid].lotBids[row.lotBid];
    std::string sum;
    Fraction volume(0);
    for (const Band& band : lot.bands) {
        for (const BandPrice& price : lotBid.prices) {
            if (price.band == band.id) {
                sum += sum.empty() ? "" : " + ";
                sum += volumeText(band.volume) + times + text::money(price.amount, currency);
            }
        }
        volume += band.volume;
    }
    return "Your evaluated price is your band prices weighted by each band's expected volume a year: (" + sum + ")" +
           dividedBy + volumeText(volume) + " = " + moneyText(*row.evaluatedPrice, currency) + " " + perUnit(lot) + ".";
}

std::string priceWorking(const Pack& pack, const LotAssessment& view) {
    const Tender& tender = pack.tender;
    const std::string& currency = tender.currency;
    const LotBidResult& row = *view.row;
    const Lot& tenderLot = tender.lots[view.lot->lot];
    const std::string price = moneyText(*row.evaluatedPrice, currency);
    std::string out =
        "<h3>How your price score was worked out</h3>\n<p>" +
        escape(isFramework(tenderLot) ? bandsPriceText(pack, tenderLot, row) : placesPriceText(pack, row));
    const std::string weight = toPlainDecimal(tender.evaluation.priceWeight);
    const std::string score = toString(*row.priceScore);
    if (!lowestIsShown(view)) {
        out += escape(
            " The lowest evaluated price in the lot is another unsuccessful tender's and is not shown; "
            "your price score is " +
            score + " out of " + weight + ".");
        return out + "</p>\n";
    }
    const std::string lowest = moneyText(*view.lot->lowestPrice, currency);
    out += escape(" The lowest evaluated price in the lot: " + lowest + ".");
    std::string working;
    switch (tender.evaluation.priceMethod) {
    case PriceMethod::LowestOverBid:
        working = weight + times + lowest + dividedBy + price;
        break;
    case PriceMethod::LinearFromLowest:
        working = weight + times + "(2" + times + lowest + minus + price + ")" + dividedBy + lowest;
        break;
    case PriceMethod::CeilingLinear: {
        // A framework lot's ceiling is its bands' ceilings weighted by volume (spec v2, 2.4); the
        // core keeps no figure of it, so it is named rather than worked out here.
        const std::string ceiling = isFramework(tenderLot)
                                        ? std::string("the ceiling (the band ceilings weighted by volume)")
                                        : text::money(tenderLot.maxWeeklyPrice.value_or(0), currency);
        working =
            weight + times + "(" + ceiling + minus + price + ")" + dividedBy + "(" + ceiling + minus + lowest + ")";
        break;
    }
    }
    out += escape(" Your price score: " + working + " = " + score + " out of " + weight +
                  " (worked with exact figures, then rounded).");
    for (const Code& flag : row.flags) {
        // A spread of marks is about the panel's scoring, not the price: it is not a price note.
        if (flag.kind != CodeKind::MarksSpread) {
            out += escape(" Note: " + explain(flag) + ".");
        }
    }
    return out + "</p>\n";
}

std::string ownScores(const Pack& pack, const BidQuality& quality, const LotAssessment& view) {
    const EvaluationRules& rules = pack.tender.evaluation;
    const std::string scale = " out of " + std::to_string(rules.scaleMax);
    std::vector<Row> rows;
    for (std::size_t q = 0; q < rules.questions.size(); ++q) {
        const Question& question = rules.questions[q];
        rows.push_back({escape(question.id + ": " + question.text),
                        escape(scoreText(quality.questions[q].score, rules.decimals) + scale),
                        explanation(pack, quality, q)});
    }
    const std::string qualityScore =
        view.row->qualityScore ? toString(*view.row->qualityScore) : roundedText(quality.score, rules.decimals);
    rows.push_back(
        {"Quality score", escape(qualityScore + " out of " + toPlainDecimal(rules.qualityWeight)),
         "The sum of each question's weight \xC3\x97 score \xC3\xB7 " + std::to_string(rules.scaleMax) + "."});
    const LotBidResult& row = *view.row;
    if (row.priceScore) {
        rows.push_back({"Price score",
                        escape(toString(*row.priceScore) + " out of " + toPlainDecimal(rules.priceWeight)),
                        "From your evaluated price: see below."});
        rows.push_back(
            {"Total score", escape(toString(*row.totalScore) + " out of 100"), "Price score plus quality score."});
        rows.push_back({"Rank", escape(ordinal(*row.rank) + " of " + std::to_string(view.ranked)),
                        "Among the tenders that were not excluded in this lot."});
    }
    return "<h3>Your scores</h3>\n" + table("Your tender's scores", {"Criterion", "Your score", "Explanation"}, rows);
}

/// A framework lot bid's prices, band by band, beside the tender's volumes and ceilings.
std::string bands(const Pack& pack, const LotAssessment& view) {
    const LotBidResult& row = *view.row;
    const LotBid& lotBid = pack.bids[row.bid].lotBids[row.lotBid];
    const Lot& lot = pack.tender.lots[view.lot->lot];
    const std::string& currency = pack.tender.currency;
    std::vector<Row> rows;
    bool notes = false;
    for (const Band& band : lot.bands) {
        std::string yours = "not priced";
        for (const BandPrice& price : lotBid.prices) {
            if (price.band == band.id) {
                yours = text::money(price.amount, currency);
            }
        }
        std::string note;
        for (const Code& code : row.reasons) {
            if (code.detail == band.id &&
                (code.kind == CodeKind::BandNotPriced || code.kind == CodeKind::BandOverPriceCeiling)) {
                note = sentence(explain(code)) + ".";
            }
        }
        rows.push_back({escape(band.description.empty() ? band.id : band.description), escape(volumeText(band.volume)),
                        escape(band.maxPrice ? text::money(*band.maxPrice, currency) : std::string("none")),
                        escape(yours), escape(note)});
        notes = notes || !note.empty();
    }
    std::vector<std::string> headers{"Band", "Expected " + std::string(unitName(lot.unit)) + "s a year",
                                     "Price ceiling", "Your price"};
    // A Notes column only when a band has one (a band not priced or over its ceiling).
    if (notes) {
        headers.emplace_back("Notes");
    } else {
        for (Row& cells : rows) {
            cells.pop_back();
        }
    }
    std::string out = "<h3>Your prices</h3>\n";
    // The provider's rating matters only where the lot sets a minimum, or where the tender gave one.
    if (lot.minOfstedRating || lotBid.ofstedRating) {
        out += "<p>" +
               escape("Your Ofsted rating, as your tender gave it: " +
                      (lotBid.ofstedRating ? ratingText(*lotBid.ofstedRating) : std::string("not given")) +
                      (lot.minOfstedRating
                           ? " (the lot admits providers rated " + ratingText(*lot.minOfstedRating) + " or better)."
                           : ".")) +
               "</p>\n";
    }
    return out + table("The lot's bands and your prices, " + perUnit(lot), headers, rows);
}

std::string homes(const Pack& pack, const LotAssessment& view) {
    const LotBidResult& row = *view.row;
    const LotBid& lotBid = pack.bids[row.bid].lotBids[row.lotBid];
    const Lot& lot = pack.tender.lots[view.lot->lot];
    std::map<std::size_t, int> counted;
    for (const EligibleSetting& entry : row.eligible) {
        counted[entry.setting] = entry.bookable;
    }
    std::map<std::size_t, int> awarded;
    for (const Award& award : view.lot->awards) {
        if (award.bid == row.bid && award.lotBid == row.lotBid) {
            awarded[award.setting] += award.places;
        }
    }
    std::map<std::size_t, std::string> notes;
    // The walk takes no step for a home reached once the lot is full (awardLot stops there), and one
    // step without a home for a tender skipped whole (the provider cap).
    std::string notReached = "The lot was full before this home was reached.";
    for (const AwardStep& step : view.lot->walk) {
        if (step.bid != row.bid || step.lotBid != row.lotBid || step.limit == AwardLimit::None) {
            continue;
        }
        if (step.setting) {
            notes[*step.setting] = limitText(step, pack, lot);
        } else {
            notReached = limitText(step, pack, lot);
        }
    }
    // An excluded lot bid's homes were not counted or awarded: those columns are for ranked ones.
    const bool ranked = row.compliant();
    std::vector<Row> rows;
    for (std::size_t s = 0; s < lotBid.settings.size(); ++s) {
        const Setting& setting = lotBid.settings[s];
        std::string note = notes.count(s) > 0 ? notes[s] : "";
        if (ranked && counted.count(s) > 0 && notes.count(s) == 0 && awarded[s] == 0) {
            note = notReached;
        }
        for (const Code& code : row.notes) {
            if (code.detail == setting.urn) {
                note += (note.empty() ? "" : " ") + sentence(explain(code)) + ": not eligible.";
            }
        }
        Row cells{escape(homeName(setting)), escape(ratingText(setting.ofstedRating)), std::to_string(setting.places),
                  escape(text::money(setting.weeklyPrice, pack.tender.currency))};
        if (ranked) {
            cells.push_back(counted.count(s) > 0 ? std::to_string(counted[s]) : "none");
            cells.push_back(std::to_string(awarded[s]));
        }
        cells.push_back(escape(note));
        rows.push_back(std::move(cells));
    }
    std::vector<std::string> headers{"Home", "Ofsted rating", "Places offered", "Weekly price"};
    if (ranked) {
        headers.insert(headers.end(), {"Places counted", "Places awarded"});
    }
    headers.emplace_back("Notes");
    return "<h3>Your homes</h3>\n" + table("The homes your tender offered in this lot", headers, rows);
}

}  // namespace

std::string lot(const Pack& pack, const Result& result, const LotAssessment& view) {
    const Lot& tenderLot = pack.tender.lots[view.lot->lot];
    std::string out =
        "<h2>" + escape("Lot " + tenderLot.id + (tenderLot.name.empty() ? "" : ": " + tenderLot.name)) + "</h2>\n";
    if (!view.reasons.empty()) {
        const bool excluded = view.outcome == Outcome::NotAssessed || view.outcome == Outcome::Excluded ||
                              view.outcome == Outcome::ExcludedInLot;
        out += excluded ? "<h3>Why your tender was excluded</h3>\n<ul>\n"
               : view.outcome == Outcome::NotAdmitted
                   ? "<h3>Why your tender is not admitted to the framework</h3>\n<ul>\n"
                   : "<h3>Why your tender is not awarded places</h3>\n<ul>\n";
        for (const std::string& reason : view.reasons) {
            out += "<li>" + escape(reason) + "</li>\n";
        }
        out += "</ul>\n";
    }
    const std::optional<BidQuality>& quality = result.quality[view.row->bid];
    if (quality) {
        out += ownScores(pack, *quality, view);
    }
    // A framework lot's bands come before the price working that is made from them.
    if (isFramework(tenderLot)) {
        out += bands(pack, view);
    }
    if (view.row->priceScore) {
        out += priceWorking(pack, view);
    }
    if (!isFramework(tenderLot)) {
        out += homes(pack, view);
    }
    out += successful(pack, result, view);
    return out;
}

}  // namespace tenderscore::publish::part
