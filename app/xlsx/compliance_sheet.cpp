// The Compliance sheet: every lot bid in bid id order, its status, its reasons and notes in words
// and as codes, and its declarations against each requirement.
#include <algorithm>

#include "format/text.hpp"
#include "xlsx/sheets.hpp"

namespace tenderscore::xlsx {

namespace {

constexpr double reasonsWidth = 40;
constexpr double declarationsWidth = 36;

/// The codes as results.json spells them, separated by spaces.
std::string spelled(const std::vector<Code>& codes) {
    std::string joined;
    for (const Code& code : codes) {
        joined += (joined.empty() ? "" : " ") + spell(code);
    }
    return joined;
}

/// "R1: met; R2: not declared" over the tender's requirements.
std::string declarationsOf(const Tender& tender, const Bid& bid) {
    std::string declarations;
    for (const Requirement& requirement : tender.requirements) {
        const auto found = std::find_if(bid.declarations.begin(), bid.declarations.end(),
                                        [&](const Declaration& d) { return d.requirement == requirement.id; });
        const char* state = found == bid.declarations.end() ? "not declared" : found->met ? "met" : "not met";
        declarations += (declarations.empty() ? "" : "; ") + requirement.id + ": " + state;
    }
    return declarations;
}

void writeRow(const SheetContext& c, lxw_worksheet* sheet, int row, const LotBidResult& bidRow) {
    const Bid& bid = c.pack.bids[bidRow.bid];
    const std::string declarations = declarationsOf(c.tender(), bid);
    const std::string reasons = text::describeCodes(bidRow.reasons);
    const std::string notes = text::describeCodes(bidRow.notes);
    c.book.rowLines(sheet, row,
                    std::max({Book::linesFor(reasons, reasonsWidth), Book::linesFor(notes, reasonsWidth),
                              Book::linesFor(declarations, declarationsWidth)}));
    c.book.text(sheet, row, compliance::Bid, bid.id);
    c.book.text(sheet, row, compliance::Bidder, bid.bidderName);
    c.book.text(sheet, row, compliance::CompanyNumber, bid.companyNumber);
    c.book.text(sheet, row, compliance::Submitted, bid.submitted.text);
    c.book.text(sheet, row, compliance::Lot, bid.lotBids[bidRow.lotBid].lot);
    c.book.text(sheet, row, compliance::Status, bidRow.compliant() ? "compliant" : "excluded",
                bidRow.compliant() ? nullptr : c.f.flag);
    c.book.text(sheet, row, compliance::Reasons, reasons, c.f.wrap);
    c.book.text(sheet, row, compliance::Notes, notes, c.f.wrap);
    c.book.text(sheet, row, compliance::ReasonCodes, spelled(bidRow.reasons), c.f.wrap);
    c.book.text(sheet, row, compliance::NoteCodes, spelled(bidRow.notes), c.f.wrap);
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
            {compliance::Reasons, "Reasons"},
            {compliance::Notes, "Notes"},
            {compliance::ReasonCodes, "Reason codes"},
            {compliance::NoteCodes, "Note codes"},
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
    int row = 1;
    for (const LotBidResult* bidRow : rows) {
        writeRow(c, sheet, row++, *bidRow);
    }
    c.book.column(sheet, compliance::Bid, compliance::Bid, 10);
    c.book.column(sheet, compliance::Bidder, compliance::Bidder, 28);
    c.book.column(sheet, compliance::CompanyNumber, compliance::Lot, 12);
    c.book.column(sheet, compliance::Status, compliance::Status, 11);
    c.book.column(sheet, compliance::Reasons, compliance::Notes, reasonsWidth);
    c.book.column(sheet, compliance::ReasonCodes, compliance::NoteCodes, 24);
    c.book.column(sheet, compliance::Declarations, compliance::Declarations, declarationsWidth);
    c.book.finishTable(sheet, 0, row - 1, compliance::Last);
}

}  // namespace tenderscore::xlsx
