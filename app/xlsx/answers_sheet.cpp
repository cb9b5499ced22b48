// The Answers sheet: each bidder's answer to each question, as submitted, one row per bid and
// question, wrapped. An answer taller than a row can be (Excel's 409 points) goes on over further
// rows, each marked as a part of it, so that nothing is cut on screen or on paper.
#include <algorithm>

#include "xlsx/sheets.hpp"

namespace tenderscore::xlsx {

namespace {

constexpr double bidderWidth = 14;
constexpr double questionTextWidth = 22;
constexpr double answerWidth = 60;

/// The bid's answer to the question, or nothing.
std::string_view answerTo(const Bid& bid, const Question& question) {
    const auto answer = std::find_if(bid.responses.begin(), bid.responses.end(),
                                     [&](const Response& r) { return r.question == question.id; });
    return answer == bid.responses.end() ? std::string_view() : std::string_view(answer->text);
}

/// Bid `b`'s answer to question `q` from `row`, over as many rows as it needs; returns the next row.
int writeAnswer(const SheetContext& c, lxw_worksheet* sheet, int row, const Bid& bid, const Question& question) {
    const std::string_view answer = answerTo(bid, question);
    const std::vector<std::string_view> parts =
        Book::splitLines(answer, answerWidth, Book::maxRowLines - 2);  // room for the markers
    const int first = row;
    for (std::size_t p = 0; p < parts.size(); ++p, ++row) {
        std::string text(p > 0 ? "(continued) " : "");
        text += parts[p];
        if (p + 1 < parts.size()) {
            text += " (continued on the next row)";
        }
        const int lines = Book::linesFor(text, answerWidth);
        c.book.rowLines(sheet, row,
                        std::max({lines, Book::linesFor(bid.bidderName, bidderWidth),
                                  p == 0 ? Book::linesFor(question.text, questionTextWidth) : 1}));
        c.book.text(sheet, row, answers::Bid, bid.id);
        c.book.text(sheet, row, answers::Bidder, bid.bidderName, c.f.wrap);
        c.book.text(sheet, row, answers::Question, question.id);
        if (p == 0) {
            c.book.text(sheet, row, answers::QuestionText, question.text, c.f.wrap);
        }
        if (parts.size() > 1) {
            c.book.text(sheet, row, answers::Part, std::to_string(p + 1) + " of " + std::to_string(parts.size()));
        }
        c.book.text(sheet, row, answers::Answer, text, c.f.wrap);
    }
    c.book.keepTogether(sheet, first, row - 1);
    return row;
}

}  // namespace

void writeAnswersSheet(const SheetContext& c, lxw_worksheet* sheet) {
    header(c, sheet, 0,
           {{answers::Bid, "Bid"},
            {answers::Bidder, "Bidder"},
            {answers::Question, "Question"},
            {answers::QuestionText, "Question text"},
            {answers::Part, "Part"},
            {answers::Answer, "Bidder's answer, as submitted"}});
    // Every bid, scored or not, in bid id order: the answers are what the evaluators read.
    std::vector<std::size_t> order(c.pack.bids.size());
    for (std::size_t b = 0; b < order.size(); ++b) {
        order[b] = b;
    }
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return c.pack.bids[a].id < c.pack.bids[b].id; });
    int row = 1;
    for (const std::size_t b : order) {
        for (const Question& question : c.rules().questions) {
            row = writeAnswer(c, sheet, row, c.pack.bids[b], question);
        }
    }
    c.book.column(sheet, answers::Bid, answers::Bid, 9);
    c.book.column(sheet, answers::Bidder, answers::Bidder, bidderWidth);
    c.book.column(sheet, answers::Question, answers::Question, 8);
    c.book.column(sheet, answers::QuestionText, answers::QuestionText, questionTextWidth);
    c.book.column(sheet, answers::Part, answers::Part, 6);
    c.book.column(sheet, answers::Answer, answers::Answer, answerWidth);
    Page page;
    page.landscape = true;
    c.book.finishTable(sheet, 0, row - 1, answers::Last, page);
}

}  // namespace tenderscore::xlsx
