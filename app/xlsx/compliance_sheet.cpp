// The Compliance sheet: every lot bid in bid id order, when it was submitted, its status, its
// reasons and notes in words with their codes beside them, and its declarations against each
// requirement.
#include <algorithm>

#include "xlsx/sheets.hpp"

namespace tenderscore::xlsx {

namespace {

constexpr double bidderWidth = 14;
constexpr double declarationsWidth = 16;

/// The widths of the reasons and notes columns: at least the longest code they show, so that a
/// code is never broken (capitals run a little wider than the digit a width counts).
struct Widths {
    double reasons = 23;
    double notes = 20;
};

/// "R1: met", "R2: not declared", one a line, over the tender's requirements.
std::string declarationsOf(const Tender& tender, const Bid& bid) {
    std::string declarations;
    for (const Requirement& requirement : tender.requirements) {
        const auto found = std::find_if(bid.declarations.begin(), bid.declarations.end(),
                                        [&](const Declaration& d) { return d.requirement == requirement.id; });
        const char* state = found == bid.declarations.end() ? "not declared" : found->met ? "met" : "not met";
        declarations += (declarations.empty() ? "" : "\n") + requirement.id + ": " + state;
    }
    return declarations;
}

void writeRow(const SheetContext& c, lxw_worksheet* sheet, int row, const LotBidResult& bidRow, const Widths& width) {
    const Bid& bid = c.pack.bids[bidRow.bid];
    const std::string declarations = declarationsOf(c.tender(), bid);
    const std::string reasons = codesInLines(bidRow.reasons);
    const std::string notes = codesInLines(bidRow.notes);
    c.book.rowLines(
        sheet, row,
        std::max({Book::linesFor(reasons, width.reasons), Book::linesFor(notes, width.notes),
                  Book::linesFor(declarations, declarationsWidth), Book::linesFor(bid.bidderName, bidderWidth)}));
    c.book.text(sheet, row, compliance::Bid, bid.id);
    c.book.text(sheet, row, compliance::Bidder, bid.bidderName, c.f.wrap);
    c.book.text(sheet, row, compliance::CompanyNumber, bid.companyNumber);
    c.book.text(sheet, row, compliance::Submitted, bid.submitted.text);
    c.book.text(sheet, row, compliance::Lot, bid.lotBids[bidRow.lotBid].lot);
    c.book.text(sheet, row, compliance::Status, bidRow.compliant() ? "compliant" : "excluded",
                bidRow.compliant() ? nullptr : c.f.flag);
    c.book.text(sheet, row, compliance::Reasons, reasons, c.f.wrap);
    c.book.text(sheet, row, compliance::Notes, notes, c.f.wrap);
    c.book.text(sheet, row, compliance::Declarations, declarations, c.f.wrap);
}

}  // namespace

void writeComplianceSheet(const SheetContext& c, lxw_worksheet* sheet) {
    header(c, sheet, 0,
           {{compliance::Bid, "Bid"},
            {compliance::Bidder, "Bidder"},
            {compliance::CompanyNumber, "Company number"},
            {compliance::Submitted, "Submitted"},
            {compliance::Lot, "Lot"},
            {compliance::Status, "Status"},
            {compliance::Reasons, "Reasons for exclusion (code)"},
            {compliance::Notes, "Notes on homes (code)"},
            {compliance::Declarations, "Declarations"}});
    // By bid id; the sort is stable, so each bid's lots stay in lot order.
    std::vector<const LotBidResult*> rows;
    for (const LotResult& lotResult : c.result.lots) {
        for (const LotBidResult& bidRow : lotResult.bids) {
            rows.push_back(&bidRow);
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [&](const LotBidResult* a, const LotBidResult* b) {
        return c.pack.bids[a->bid].id < c.pack.bids[b->bid].id;
    });
    Widths width;
    for (const LotBidResult* bidRow : rows) {
        width.reasons = std::max(width.reasons, 1.05 * static_cast<double>(longestCode(bidRow->reasons)) + 1);
        width.notes = std::max(width.notes, 1.05 * static_cast<double>(longestCode(bidRow->notes)) + 1);
    }
    int row = 1;
    for (const LotBidResult* bidRow : rows) {
        writeRow(c, sheet, row++, *bidRow, width);
    }
    c.book.column(sheet, compliance::Bid, compliance::Bid, 9);
    c.book.column(sheet, compliance::Bidder, compliance::Bidder, bidderWidth);
    c.book.column(sheet, compliance::CompanyNumber, compliance::CompanyNumber, 9);
    // The submitted time in full, as the bid gave it ("2023-10-02T11:58:59+00:00"): never clipped.
    std::size_t submittedWidth = 20;
    for (const Bid& bid : c.pack.bids) {
        submittedWidth = std::max(submittedWidth, bid.submitted.text.size());
    }
    c.book.column(sheet, compliance::Submitted, compliance::Submitted, static_cast<double>(submittedWidth) + 1);
    c.book.column(sheet, compliance::Lot, compliance::Lot, 4);
    c.book.column(sheet, compliance::Status, compliance::Status, 9);
    c.book.column(sheet, compliance::Reasons, compliance::Reasons, width.reasons);
    c.book.column(sheet, compliance::Notes, compliance::Notes, width.notes);
    c.book.column(sheet, compliance::Declarations, compliance::Declarations, declarationsWidth);
    Page page;
    page.landscape = true;
    page.keyColumns = compliance::Bidder + 1;
    page.columnGroups = {compliance::Reasons, compliance::Declarations};
    c.book.finishTable(sheet, 0, row - 1, compliance::Last, page);
}

}  // namespace tenderscore::xlsx
