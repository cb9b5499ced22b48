// The successful tenders of a lot, which every summary shows (reg 31: the winning tender's details):
// each supplier's name, address and identifier, and its scores in a table beside the reader's own.
#include "evaluation/exact.hpp"
#include "publish/assessment.hpp"
#include "publish/html.hpp"
#include "publish/summary.hpp"
#include "publish/words.hpp"

namespace tenderscore::publish::part {

namespace {

/// One column of the comparison: a tender's figures, as text.
struct Column {
    std::string heading;
    std::vector<std::string> questions;
    std::string quality;
    std::string price = "not scored";
    std::string total = "not scored";
    std::string rank = "not ranked";
    std::string places = "none";
};

Column column(const Pack& pack, const Result& result, const LotBidResult& row, std::string heading) {
    const EvaluationRules& rules = pack.tender.evaluation;
    Column out;
    out.heading = std::move(heading);
    if (const std::optional<BidQuality>& quality = result.quality[row.bid]) {
        for (const QuestionQuality& question : quality->questions) {
            out.questions.push_back(scoreText(question.score, rules.decimals));
        }
        out.quality = row.qualityScore ? toString(*row.qualityScore) : roundedText(quality->score, rules.decimals);
    }
    if (row.priceScore) {
        out.price = toString(*row.priceScore);
        out.total = toString(*row.totalScore);
    }
    if (row.rank) {
        out.rank = ordinal(*row.rank);
    }
    if (row.awardedPlaces) {
        out.places = std::to_string(*row.awardedPlaces);
    }
    return out;
}

std::string supplierLine(const Bid& bid) {
    std::string text = bid.bidderName;
    text += bid.address.empty() ? "; address not given in its tender" : "; " + bid.address;
    text += bid.companyNumber.empty() ? "; company number not given in its tender"
                                      : "; company number " + bid.companyNumber;
    return text;
}

}  // namespace

std::string successful(const Pack& pack, const Result& result, const LotAssessment& view) {
    const bool framework = isFramework(pack.tender.lots[view.lot->lot]);
    std::string out =
        framework ? "<h3>The tenders admitted to the framework</h3>\n" : "<h3>The successful tenders</h3>\n";
    if (view.successful.empty()) {
        return out + (framework ? "<p>No tender was admitted to the framework in this lot.</p>\n"
                                : "<p>No tender was successful in this lot.</p>\n");
    }
    out += framework ? "<p>These providers are admitted to the framework for this lot, in rank order (the order in "
                       "which call-offs go to them):</p>\n<ol>\n"
                     : "<p>The contract for this lot is to be awarded to:</p>\n<ul>\n";
    for (const LotBidResult* row : view.successful) {
        out += "<li>" + escape(supplierLine(pack.bids[row->bid])) + "</li>\n";
    }
    out += framework ? "</ol>\n" : "</ul>\n";

    std::vector<Column> columns;
    if (result.quality[view.row->bid]) {
        columns.push_back(column(pack, result, *view.row, "Your tender"));
    }
    for (const LotBidResult* row : view.successful) {
        if (row != view.row) {
            columns.push_back(column(pack, result, *row, pack.bids[row->bid].bidderName));
        }
    }
    const EvaluationRules& rules = pack.tender.evaluation;
    std::vector<std::string> headers{"Criterion"};
    for (const Column& c : columns) {
        headers.push_back(c.heading);
    }
    std::vector<Row> rows;
    auto addRow = [&](const std::string& name, auto field) {
        Row row{escape(name)};
        for (const Column& c : columns) {
            row.push_back(escape(field(c)));
        }
        rows.push_back(std::move(row));
    };
    for (std::size_t q = 0; q < rules.questions.size(); ++q) {
        addRow(rules.questions[q].id + " (out of " + std::to_string(rules.scaleMax) + ")",
               [q](const Column& c) { return q < c.questions.size() ? c.questions[q] : std::string("not scored"); });
    }
    addRow("Quality score (out of " + toPlainDecimal(rules.qualityWeight) + ")",
           [](const Column& c) { return c.quality.empty() ? std::string("not scored") : c.quality; });
    addRow("Price score (out of " + toPlainDecimal(rules.priceWeight) + ")", [](const Column& c) { return c.price; });
    addRow("Total score (out of 100)", [](const Column& c) { return c.total; });
    addRow("Rank", [](const Column& c) { return c.rank; });
    if (!framework) {
        addRow("Places awarded", [](const Column& c) { return c.places; });
    }
    out += table(
        framework ? "Scores of the admitted tenders beside yours" : "Scores of the successful tenders beside yours",
        headers, rows, "compare");
    return out;
}

}  // namespace tenderscore::publish::part
