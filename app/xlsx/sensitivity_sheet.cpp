// The Sensitivity sheet (version 2, section 2.7): for each lot, how close its outcome was in words,
// then every decisive change: whose input, from what to what, what it would have changed, and the
// reason on record for the value given; the question links to the mark on the Quality sheet.
#include <algorithm>

#include "format/sensitivity_words.hpp"
#include "xlsx/sheets.hpp"

namespace tenderscore::xlsx {

namespace {

constexpr double effectWidth = 46;
constexpr double rationaleWidth = 36;

/// The reason on record for the input a change moves: the consensus's or the evaluator's rationale.
const std::string& rationaleOf(const SheetContext& c, const QualityChange& change) {
    static const std::string none;
    const BidQuality& quality = *c.result.quality[change.bid];
    const std::optional<std::size_t>& at = change.evaluator ? quality.positions.mark(change.question, *change.evaluator)
                                                            : quality.positions.consensus[change.question];
    if (!at) {
        return none;
    }
    return change.evaluator ? c.pack.scores.marks[*at].rationale : c.pack.scores.consensus[*at].rationale;
}

}  // namespace

void writeSensitivitySheet(const SheetContext& c, lxw_worksheet* sheet, const Layout& layout) {
    header(c, sheet, 0,
           {{sensitivity::Lot, "Lot"},
            {sensitivity::Bid, "Bid"},
            {sensitivity::Question, "Question (link)"},
            {sensitivity::Evaluator, "Evaluator"},
            {sensitivity::From, "Given"},
            {sensitivity::To, "Decisive value"},
            {sensitivity::Effect, "What it would have changed"},
            {sensitivity::Rationale, "Reason on record for the value given"}});
    const quality::Columns marks{c.pack.scores.evaluators.size()};
    int row = 1;
    for (const LotResult& lotResult : c.result.lots) {
        const Lot& lot = c.tender().lots[lotResult.lot];
        const LotSensitivity& sensitivity = lotResult.sensitivity;
        // The lot's margin in words on a line of its own, read across the empty cells beside it.
        const int first = row;
        c.book.text(sheet, row++, sensitivity::Lot,
                    "Lot " + lot.id + ": " +
                        (sensitivity.margin ? "margin " + std::to_string(*sensitivity.margin) : "no margin") + ". " +
                        text::marginWords(sensitivity, c.rules().consensus, lot.award),
                    c.f.bold);
        for (const DecisiveChange& decisive : sensitivity.decisive) {
            const QualityChange& change = decisive.change;
            const std::string effect = text::decisiveWords(c.pack, lot, decisive);
            const std::string& rationale = rationaleOf(c, change);
            c.book.rowLines(sheet, row,
                            std::max(Book::linesFor(effect, effectWidth), Book::linesFor(rationale, rationaleWidth)));
            c.book.text(sheet, row, sensitivity::Lot, lot.id);
            c.book.text(sheet, row, sensitivity::Bid, c.pack.bids[change.bid].id);
            const int qualityRow = layout.qualityRow[change.bid] + static_cast<int>(change.question);
            const int qualityCol =
                change.evaluator ? marks.rationale(*change.evaluator) : marks[quality::ConsensusText];
            c.book.link(sheet, row, sensitivity::Question, "Quality", qualityRow, qualityCol,
                        c.rules().questions[change.question].id);
            c.book.text(sheet, row, sensitivity::Evaluator,
                        change.evaluator ? c.pack.scores.evaluators[*change.evaluator].id : "consensus");
            c.book.number(sheet, row, sensitivity::From, change.from, c.f.mark);
            c.book.number(sheet, row, sensitivity::To, change.to, c.f.mark);
            c.book.text(sheet, row, sensitivity::Effect, effect, c.f.wrap);
            c.book.text(sheet, row, sensitivity::Rationale, rationale.empty() ? "(none given)" : rationale, c.f.wrap);
            ++row;
        }
        c.book.keepTogether(sheet, first, std::min(row - 1, first + 1));  // the margin with its first change
    }
    c.book.column(sheet, sensitivity::Lot, sensitivity::Lot, 7);
    c.book.column(sheet, sensitivity::Bid, sensitivity::Bid, 10);
    c.book.column(sheet, sensitivity::Question, sensitivity::Question, 9);
    c.book.column(sheet, sensitivity::Evaluator, sensitivity::Evaluator, 10);
    c.book.column(sheet, sensitivity::From, sensitivity::To, 8);
    c.book.column(sheet, sensitivity::Effect, sensitivity::Effect, effectWidth);
    c.book.column(sheet, sensitivity::Rationale, sensitivity::Rationale, rationaleWidth);
    Page page;
    page.landscape = true;
    page.keyColumns = sensitivity::Bid + 1;
    page.columnGroups = {sensitivity::Effect};
    c.book.finishTable(sheet, 0, row - 1, sensitivity::Last, page);
}

}  // namespace tenderscore::xlsx
