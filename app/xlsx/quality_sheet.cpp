// The Quality sheet: one row per bid and question with the answer, each evaluator's mark and
// rationale, the consensus, the question's score under the consensus rule, its weighted score and,
// on the bid's first row, its quality score. Bids in id order.
#include <algorithm>

#include "evaluation/quality.hpp"
#include "xlsx/sheets.hpp"

namespace tenderscore::xlsx {

namespace {

constexpr double questionTextWidth = 30;
constexpr double rationaleWidth = 30;
constexpr double answerWidth = 50;
constexpr double consensusWidth = 34;

void writeHeader(const SheetContext& c, lxw_worksheet* sheet, const quality::Columns& col) {
    const auto& evaluators = c.pack.scores.evaluators;
    header(c, sheet, 0,
           {{quality::Bid, "Bid"},
            {quality::Bidder, "Bidder"},
            {quality::Question, "Question"},
            {quality::QuestionText, "Question text"},
            {quality::Weight, "Weight"},
            {quality::Answer, "Bidder's answer"}});
    for (std::size_t e = 0; e < evaluators.size(); ++e) {
        const std::string who = evaluators[e].id + (evaluators[e].name.empty() ? "" : " " + evaluators[e].name);
        c.book.text(sheet, 0, col.mark(e), evaluators[e].id + " mark", c.f.header);
        c.book.text(sheet, 0, col.rationale(e), who + ": rationale", c.f.header);
    }
    c.book.text(sheet, 0, col[quality::Consensus], "Consensus score", c.f.header);
    c.book.text(sheet, 0, col[quality::ConsensusText], "Consensus rationale", c.f.header);
    c.book.text(sheet, 0, col[quality::Moderator], "Moderator", c.f.header);
    c.book.text(sheet, 0, col[quality::Score], "Question score (" + consensusName(c.rules().consensus) + ")",
                c.f.header);
    c.book.text(sheet, 0, col[quality::Weighted], "Weighted score", c.f.header);
    c.book.text(sheet, 0, col[quality::Quality], "Quality score", c.f.header);
    c.book.text(sheet, 0, col[quality::Hotspot], "Moderation hotspot", c.f.header);
}

/// The bid's answer to the question, or nothing.
std::string_view answerTo(const Bid& bid, const Question& question) {
    const auto answer = std::find_if(bid.responses.begin(), bid.responses.end(),
                                     [&](const Response& r) { return r.question == question.id; });
    return answer == bid.responses.end() ? std::string_view() : std::string_view(answer->text);
}

/// The formula of a question's score under the consensus rule, over the row's marks or consensus.
std::string scoreFormula(ConsensusRule rule, const std::string& markCells, int row, const quality::Columns& col) {
    switch (rule) {
    case ConsensusRule::Moderated:
        return "=" + cellRef(row, col[quality::Consensus]);
    case ConsensusRule::Mean:
        return "=AVERAGE(" + markCells + ")";
    case ConsensusRule::Median:
        return "=MEDIAN(" + markCells + ")";
    }
    return "";
}

/// Bid `b`'s row for question `q`.
void writeQuestion(const SheetContext& c, lxw_worksheet* sheet, int row, const quality::Columns& col, std::size_t b,
                   std::size_t q) {
    const auto& evaluators = c.pack.scores.evaluators;
    const Bid& bid = c.pack.bids[b];
    const BidQuality& bidQuality = *c.result.quality[b];
    const QuestionQuality& scored = bidQuality.questions[q];
    const Question& question = c.rules().questions[q];
    const std::string_view answer = answerTo(bid, question);
    const auto markOf = [&](std::size_t e) -> const Mark* {
        const auto& at = bidQuality.positions.mark(q, e);
        return at ? &c.pack.scores.marks[*at] : nullptr;
    };
    const auto& consensusAt = bidQuality.positions.consensus[q];
    const ConsensusScore* agreed = consensusAt ? &c.pack.scores.consensus[*consensusAt] : nullptr;

    // Row height first: rows are written in order (constant-memory mode).
    int lines = std::max(Book::linesFor(question.text, questionTextWidth), Book::linesFor(answer, answerWidth));
    for (std::size_t e = 0; e < evaluators.size(); ++e) {
        if (const Mark* mark = markOf(e)) {
            lines = std::max(lines, Book::linesFor(mark->rationale, rationaleWidth));
        }
    }
    if (agreed != nullptr) {
        lines = std::max(lines, Book::linesFor(agreed->rationale, consensusWidth));
    }
    c.book.rowLines(sheet, row, lines);
    c.book.text(sheet, row, quality::Bid, bid.id);
    c.book.text(sheet, row, quality::Bidder, bid.bidderName);
    c.book.text(sheet, row, quality::Question, question.id);
    c.book.text(sheet, row, quality::QuestionText, question.text, c.f.wrap);
    c.book.number(sheet, row, quality::Weight, value(question.weight));
    c.book.text(sheet, row, quality::Answer, answer, c.f.wrap);
    std::string markCells;
    for (std::size_t e = 0; e < evaluators.size(); ++e) {
        markCells += (e == 0 ? "" : ",") + cellRef(row, col.mark(e));
        if (const Mark* mark = markOf(e)) {
            c.book.number(sheet, row, col.mark(e), mark->score);
            c.book.text(sheet, row, col.rationale(e), mark->rationale, c.f.wrap);
        }
    }
    if (agreed != nullptr) {
        c.book.number(sheet, row, col[quality::Consensus], agreed->score);
        c.book.text(sheet, row, col[quality::ConsensusText], agreed->rationale, c.f.wrap);
        c.book.text(sheet, row, col[quality::Moderator], agreed->moderator);
    }
    c.book.formula(sheet, row, col[quality::Score], scoreFormula(c.rules().consensus, markCells, row, col),
                   value(scored.score), scored.belowMinimum ? c.f.scoreBelow : nullptr);
    c.book.formula(sheet, row, col[quality::Weighted],
                   "=" + cellRef(row, quality::Weight) + "*" + cellRef(row, col[quality::Score]) + "/ScaleMax",
                   value(weightedScore(question, scored.score, c.rules().scaleMax)));
    if (!markCells.empty()) {
        c.book.formulaText(sheet, row, col[quality::Hotspot],
                           "=IF(COUNT(" + markCells + R"()=0,"",IF(MAX()" + markCells + ")-MIN(" + markCells +
                               R"()>ScaleMax/2,"hotspot",""))",
                           scored.hotspot ? "hotspot" : "", scored.hotspot ? c.f.flag : nullptr);
    }
}

/// Bid `b`'s rows from `row`; returns the next row.
int writeBid(const SheetContext& c, lxw_worksheet* sheet, int row, const quality::Columns& col, std::size_t b) {
    const Bid& bid = c.pack.bids[b];
    const BidQuality& bidQuality = *c.result.quality[b];
    const std::size_t questions = c.rules().questions.size();
    if (questions == 0) {
        c.book.text(sheet, row, quality::Bid, bid.id);
        c.book.text(sheet, row, quality::Bidder, bid.bidderName);
        c.book.formula(sheet, row, col[quality::Quality], "=0", 0, c.f.score);  // no questions: Q is an empty sum
        return row + 1;
    }
    const int first = row;
    const int last = first + static_cast<int>(questions) - 1;
    for (std::size_t q = 0; q < questions; ++q, ++row) {
        writeQuestion(c, sheet, row, col, b, q);
        if (q == 0) {
            c.book.formula(sheet, first, col[quality::Quality],
                           "=ROUND(SUM(" + rangeRef(first, last, col[quality::Weighted]) + "),Decimals)",
                           value(roundHalfUp(bidQuality.score, c.rules().decimals)),
                           bidQuality.belowMinimum ? c.f.scoreBelow : c.f.score);
        }
    }
    return row;
}

}  // namespace

void writeQualitySheet(const SheetContext& c, lxw_worksheet* sheet, Layout& layout) {
    const auto& evaluators = c.pack.scores.evaluators;
    const quality::Columns col{evaluators.size()};
    layout.qualityCol = col[quality::Quality];
    writeHeader(c, sheet, col);

    std::vector<std::size_t> order;
    for (std::size_t b = 0; b < c.pack.bids.size(); ++b) {
        if (c.result.quality[b]) {
            order.push_back(b);
        }
    }
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return c.pack.bids[a].id < c.pack.bids[b].id; });
    layout.qualityRow.assign(c.pack.bids.size(), 0);
    int row = 1;
    for (const std::size_t b : order) {
        layout.qualityRow[b] = row;
        row = writeBid(c, sheet, row, col, b);
    }

    c.book.column(sheet, quality::Bid, quality::Bid, 10);
    c.book.column(sheet, quality::Bidder, quality::Bidder, 28);
    c.book.column(sheet, quality::Question, quality::Question, 9);
    c.book.column(sheet, quality::QuestionText, quality::QuestionText, questionTextWidth);
    c.book.column(sheet, quality::Weight, quality::Weight, 8);
    c.book.column(sheet, quality::Answer, quality::Answer, answerWidth);
    for (std::size_t e = 0; e < evaluators.size(); ++e) {
        c.book.column(sheet, col.mark(e), col.mark(e), 8);
        c.book.column(sheet, col.rationale(e), col.rationale(e), rationaleWidth);
    }
    c.book.column(sheet, col[quality::Consensus], col[quality::Consensus], 10);
    c.book.column(sheet, col[quality::ConsensusText], col[quality::ConsensusText], consensusWidth);
    c.book.column(sheet, col[quality::Moderator], col[quality::Hotspot], 11);
    c.book.finishTable(sheet, 0, row - 1, col[quality::Last]);
}

}  // namespace tenderscore::xlsx
