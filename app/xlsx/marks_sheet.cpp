// The Marks sheet, the evaluator matrix: every bid (scored or excluded before scoring) by question
// and evaluator, with the marks the method counted, their spread and the tender's flags on it. Marks
// given to a bid later excluded are shown too, marked as such: the panel's record is complete.
#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "xlsx/sheets.hpp"

namespace tenderscore::xlsx {

namespace {

constexpr double bidderWidth = 18;
constexpr double flagsWidth = 26;
const char* const notCounted = "not counted: the bid was excluded before scoring";

void writeHeader(const SheetContext& c, lxw_worksheet* sheet, const marks::Columns& col) {
    const auto& evaluators = c.pack.scores.evaluators;
    header(c, sheet, 0,
           {{marks::Bid, "Bid"}, {marks::Bidder, "Bidder"}, {marks::Status, "Status"}, {marks::Question, "Question"}});
    for (std::size_t e = 0; e < evaluators.size(); ++e) {
        c.book.text(sheet, 0, col.mark(e), evaluatorName(evaluators[e]), c.f.header);
    }
    c.book.text(sheet, 0, col[marks::Counted], "Marks counted", c.f.header);
    c.book.text(sheet, 0, col[marks::Spread], "Spread", c.f.header);
    const auto& spread = c.rules().moderationSpread;
    c.book.text(sheet, 0, col[marks::Flags],
                spread ? "Flags (spread over " + std::to_string(*spread) + " is flagged)" : "Flags", c.f.header);
}

/// The marks of the bids the core did not score (excluded before scoring), by bid id: read once,
/// so that the sheet stays linear in the number of marks however many bids were excluded.
using UnscoredMarks = std::unordered_map<std::string_view, std::vector<const Mark*>>;

UnscoredMarks unscoredMarks(const SheetContext& c) {
    UnscoredMarks unscored;
    for (std::size_t b = 0; b < c.pack.bids.size(); ++b) {
        if (!c.result.quality[b]) {
            unscored.emplace(c.pack.bids[b].id, std::vector<const Mark*>{});
        }
    }
    for (const Mark& mark : c.pack.scores.marks) {
        if (const auto found = unscored.find(mark.bid); found != unscored.end()) {
            found->second.push_back(&mark);
        }
    }
    return unscored;
}

/// The mark evaluator `e` gave bid `b` on question `q`, from the core's positions when the bid was
/// scored, otherwise from the scores file as recorded.
const Mark* markOf(const SheetContext& c, const UnscoredMarks& unscored, std::size_t b, std::size_t q, std::size_t e) {
    if (const auto& scored = c.result.quality[b]) {
        const auto& at = scored->positions.mark(q, e);
        return at ? &c.pack.scores.marks[*at] : nullptr;
    }
    const std::string& question = c.rules().questions[q].id;
    const std::string& evaluator = c.pack.scores.evaluators[e].id;
    const std::vector<const Mark*>& marks = unscored.at(c.pack.bids[b].id);
    const auto found = std::find_if(marks.begin(), marks.end(), [&](const Mark* m) {
        return m->question == question && m->evaluator == evaluator;
    });
    return found == marks.end() ? nullptr : *found;
}

/// The flags the core set on a question's marks, in words.
std::string flagsOf(const SheetContext& c, const QuestionQuality& quality) {
    std::string flags;
    if (quality.spreadFlagged) {
        flags = "spread over " + std::to_string(c.rules().moderationSpread.value_or(0)) + " (MARKS_SPREAD)";
    }
    if (quality.hotspot) {
        flags += (flags.empty() ? "" : "; ") + std::string("moderation hotspot");
    }
    return flags;
}

bool recused(const SheetContext& c, const Evaluator& evaluator, const Bid& bid) {
    return std::any_of(c.pack.scores.recusals.begin(), c.pack.scores.recusals.end(),
                       [&](const Recusal& r) { return r.evaluator == evaluator.id && r.bid == bid.id; });
}

void writeRow(const SheetContext& c, const UnscoredMarks& unscored, lxw_worksheet* sheet, int row,
              const marks::Columns& col, std::size_t b, std::size_t q) {
    const Bid& bid = c.pack.bids[b];
    const Question& question = c.rules().questions[q];
    const auto& scored = c.result.quality[b];
    const std::string flags = scored ? flagsOf(c, scored->questions[q]) : notCounted;
    c.book.rowLines(sheet, row,
                    std::max(Book::linesFor(bid.bidderName, bidderWidth), Book::linesFor(flags, flagsWidth)));
    c.book.text(sheet, row, marks::Bid, bid.id);
    c.book.text(sheet, row, marks::Bidder, bid.bidderName, c.f.wrap);
    c.book.text(sheet, row, marks::Status, scored ? "scored" : "excluded", scored ? nullptr : c.f.flag);
    c.book.text(sheet, row, marks::Question, question.id);
    const auto& evaluators = c.pack.scores.evaluators;
    for (std::size_t e = 0; e < evaluators.size(); ++e) {
        if (const Mark* mark = markOf(c, unscored, b, q, e)) {
            c.book.number(sheet, row, col.mark(e), mark->score, c.f.mark);
        } else if (recused(c, evaluators[e], bid)) {
            c.book.text(sheet, row, col.mark(e), "recused", c.f.mark);
        } else if (!evaluators[e].assigned(question.id)) {
            c.book.text(sheet, row, col.mark(e), "not assigned", c.f.mark);
        }
    }
    if (!scored) {
        c.book.text(sheet, row, col[marks::Flags], flags, c.f.wrap);
        return;
    }
    const QuestionQuality& quality = scored->questions[q];
    c.book.number(sheet, row, col[marks::Counted], quality.marks, c.f.mark);
    c.book.number(sheet, row, col[marks::Spread], quality.spread, c.f.mark);
    c.book.text(sheet, row, col[marks::Flags], flags, flags.empty() ? c.f.wrap : c.f.flagWrap);
}

}  // namespace

void writeMarksSheet(const SheetContext& c, lxw_worksheet* sheet) {
    const auto& evaluators = c.pack.scores.evaluators;
    const marks::Columns col{evaluators.size()};
    writeHeader(c, sheet, col);
    std::vector<std::size_t> order(c.pack.bids.size());
    for (std::size_t b = 0; b < order.size(); ++b) {
        order[b] = b;
    }
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return c.pack.bids[a].id < c.pack.bids[b].id; });
    const UnscoredMarks unscored = unscoredMarks(c);
    int row = 1;
    for (const std::size_t b : order) {
        const int first = row;
        for (std::size_t q = 0; q < c.rules().questions.size(); ++q) {
            writeRow(c, unscored, sheet, row++, col, b, q);
        }
        c.book.keepTogether(sheet, first, row - 1);  // a bid's questions on one page
    }
    c.book.column(sheet, marks::Bid, marks::Bid, 9);
    c.book.column(sheet, marks::Bidder, marks::Bidder, bidderWidth);
    c.book.column(sheet, marks::Status, marks::Status, 9);
    c.book.column(sheet, marks::Question, marks::Question, 8);
    if (!evaluators.empty()) {
        c.book.column(sheet, col.mark(0), col.mark(evaluators.size() - 1), 14);  // names unbroken
    }
    c.book.column(sheet, col[marks::Counted], col[marks::Spread], 7);
    c.book.column(sheet, col[marks::Flags], col[marks::Flags], flagsWidth);
    Page page;
    page.landscape = true;
    page.keyColumns = marks::Question + 1;
    page.columnGroups.push_back(col.mark(0));
    page.columnGroups.push_back(col[marks::Counted]);
    c.book.finishTable(sheet, 0, row - 1, col[marks::Last], page);
}

}  // namespace tenderscore::xlsx
