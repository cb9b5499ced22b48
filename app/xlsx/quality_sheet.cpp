// The Quality sheet: one row per bid and question with each evaluator's mark and rationale, the
// consensus, the question's score under the consensus rule, its weighted score and, on the bid's
// first row, its quality score. Bids in id order. The questions' text and the bidders' answers are
// on the Answers sheet, so that this one prints at 9-10 pt: two pages across when there are more
// evaluators than fit, with the bid and question repeated on each.
#include <algorithm>

#include "evaluation/quality.hpp"
#include "xlsx/sheets.hpp"

namespace tenderscore::xlsx {

namespace {

constexpr double bidderWidth = 14;
constexpr double rationaleWidth = 24;
constexpr double consensusWidth = 26;

void writeHeader(const SheetContext& c, lxw_worksheet* sheet, const quality::Columns& col) {
    const auto& evaluators = c.pack.scores.evaluators;
    header(c, sheet, 0,
           {{quality::Bid, "Bid"},
            {quality::Bidder, "Bidder"},
            {quality::Question, "Question"},
            {quality::Weight, "Weight"}});
    for (std::size_t e = 0; e < evaluators.size(); ++e) {
        c.book.text(sheet, 0, col.mark(e), evaluators[e].id + " mark", c.f.header);
        c.book.text(sheet, 0, col.rationale(e), evaluatorName(evaluators[e]) + ": rationale", c.f.header);
    }
    c.book.text(sheet, 0, col[quality::Consensus], "Consensus score", c.f.header);
    c.book.text(sheet, 0, col[quality::ConsensusText], "Consensus rationale", c.f.header);
    c.book.text(sheet, 0, col[quality::Moderator], "Moderator", c.f.header);
    c.book.text(sheet, 0, col[quality::Score],
                "Question score (" + std::string(consensusName(c.rules().consensus)) + ")", c.f.header);
    c.book.text(sheet, 0, col[quality::Weighted], "Weighted score", c.f.header);
    c.book.text(sheet, 0, col[quality::Quality], "Quality score", c.f.header);
    c.book.text(sheet, 0, col[quality::Hotspot], "Moderation hotspot", c.f.header);
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
    const auto markOf = [&](std::size_t e) -> const Mark* {
        const auto& at = bidQuality.positions.mark(q, e);
        return at ? &c.pack.scores.marks[*at] : nullptr;
    };
    const auto& consensusAt = bidQuality.positions.consensus[q];
    const ConsensusScore* agreed = consensusAt ? &c.pack.scores.consensus[*consensusAt] : nullptr;

    // Row height first: rows are written in order (constant-memory mode).
    int lines = Book::linesFor(bid.bidderName, bidderWidth);
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
    c.book.text(sheet, row, quality::Bidder, bid.bidderName, c.f.wrap);
    c.book.text(sheet, row, quality::Question, question.id);
    c.book.number(sheet, row, quality::Weight, value(question.weight));
    std::string markCells;
    for (std::size_t e = 0; e < evaluators.size(); ++e) {
        markCells += (e == 0 ? "" : ",") + cellRef(row, col.mark(e));
        if (const Mark* mark = markOf(e)) {
            c.book.number(sheet, row, col.mark(e), mark->score, c.f.mark);
            c.book.text(sheet, row, col.rationale(e), Book::fitRow(mark->rationale, rationaleWidth), c.f.wrap);
        }
    }
    if (agreed != nullptr) {
        c.book.number(sheet, row, col[quality::Consensus], agreed->score, c.f.mark);
        c.book.text(sheet, row, col[quality::ConsensusText], Book::fitRow(agreed->rationale, consensusWidth), c.f.wrap);
        c.book.text(sheet, row, col[quality::Moderator], agreed->moderator);
    }
    // Scores are shown to the tender's decimals; a mean or a weighted score that has more carries
    // its exact value in a note.
    const int decimals = c.rules().decimals;
    c.book.formula(sheet, row, col[quality::Score], scoreFormula(c.rules().consensus, markCells, row, col),
                   value(scored.score), scored.belowMinimum ? c.f.scoreBelow : c.f.score);
    exactNote(c, sheet, row, col[quality::Score], scored.score, decimals);
    const Fraction weighted = weightedScore(question, scored.score, c.rules().scaleMax);
    c.book.formula(sheet, row, col[quality::Weighted],
                   "=" + cellRef(row, quality::Weight) + "*" + cellRef(row, col[quality::Score]) + "/ScaleMax",
                   value(weighted), c.f.score);
    exactNote(c, sheet, row, col[quality::Weighted], weighted, decimals);
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
        c.book.text(sheet, row, quality::Bidder, bid.bidderName, c.f.wrap);
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

    c.book.column(sheet, quality::Bid, quality::Bid, 9);
    c.book.column(sheet, quality::Bidder, quality::Bidder, bidderWidth);
    c.book.column(sheet, quality::Question, quality::Question, 8);
    c.book.column(sheet, quality::Weight, quality::Weight, 7);
    Page page;
    page.landscape = true;
    page.minimumScale = 82;  // 9 points
    page.keyColumns = quality::Question + 1;
    for (std::size_t e = 0; e < evaluators.size(); ++e) {
        c.book.column(sheet, col.mark(e), col.mark(e), 5);
        c.book.column(sheet, col.rationale(e), col.rationale(e), rationaleWidth);
        page.columnGroups.push_back(col.mark(e));
    }
    // Wide enough for each title's longest word in bold ("Moderation").
    c.book.column(sheet, col[quality::Consensus], col[quality::Consensus], 10);
    c.book.column(sheet, col[quality::ConsensusText], col[quality::ConsensusText], consensusWidth);
    c.book.column(sheet, col[quality::Moderator], col[quality::Moderator], 10);
    c.book.column(sheet, col[quality::Score], col[quality::Score], 12);
    c.book.column(sheet, col[quality::Weighted], col[quality::Quality], 9);
    c.book.column(sheet, col[quality::Hotspot], col[quality::Hotspot], 11);
    page.columnGroups.push_back(col[quality::Consensus]);
    c.book.finishTable(sheet, 0, row - 1, col[quality::Last], page);
}

}  // namespace tenderscore::xlsx
