// The Award sheet: the award walk of each lot in the order the tool took it, with why a step gave
// fewer places than bookable and running totals of places, providers and annual cost.
#include "xlsx/sheets.hpp"

namespace tenderscore::xlsx {

namespace {

/// "=SUM($H$2:H5)": a column of the lot's steps so far.
std::string sumSoFar(int first, int row, award::Col col) {
    return "=SUM(" + cellRef(first, col, true) + ":" + cellRef(row, col) + ")";
}

void writeStep(const SheetContext& c, lxw_worksheet* sheet, int row, int first, int step, const Lot& lot,
               const AwardStep& walk) {
    const Bid& bid = c.pack.bids[walk.bid];
    c.book.text(sheet, row, award::Lot, lot.id);
    c.book.number(sheet, row, award::Step, step);
    c.book.text(sheet, row, award::Bid, bid.id);
    c.book.text(sheet, row, award::Bidder, bid.bidderName);
    if (walk.setting) {
        const Setting& setting = bid.lotBids[walk.lotBid].settings[*walk.setting];
        c.book.text(sheet, row, award::Urn, setting.urn);
        c.book.text(sheet, row, award::Setting, setting.name);
        c.book.number(sheet, row, award::Bookable, walk.bookable);
        c.book.number(sheet, row, award::Weekly, poundsOf(setting.weeklyPrice), c.f.money);
    }
    c.book.number(sheet, row, award::Awarded, walk.awarded);
    const std::string why =
        walk.limit == AwardLimit::ProviderCap ? "provider cap: bid skipped" : std::string(awardLimitName(walk.limit));
    c.book.text(sheet, row, award::Why, why, walk.limit == AwardLimit::None ? nullptr : c.f.flag);
    c.book.formula(sheet, row, award::Cost,
                   "=" + cellRef(row, award::Awarded) + "*" + cellRef(row, award::Weekly) + "*WeeksPerYear",
                   poundsOf(walk.annualCost), c.f.exact);
    c.book.formula(sheet, row, award::PlacesSoFar, sumSoFar(first, row, award::Awarded), walk.placesSoFar);
    c.book.number(sheet, row, award::ProvidersSoFar, walk.providersSoFar);
    c.book.formula(sheet, row, award::CostSoFar, sumSoFar(first, row, award::Cost), poundsOf(walk.annualCostSoFar),
                   c.f.exact);
}

}  // namespace

void writeAwardSheet(const SheetContext& c, lxw_worksheet* sheet, Layout& layout) {
    header(c, sheet, 0,
           {{award::Lot, "Lot"},
            {award::Step, "Step"},
            {award::Bid, "Bid"},
            {award::Bidder, "Bidder"},
            {award::Urn, "URN"},
            {award::Setting, "Setting"},
            {award::Bookable, "Bookable places"},
            {award::Awarded, "Places awarded"},
            {award::Why, "Why fewer than bookable"},
            {award::Weekly, "Weekly price"},
            {award::Cost, "Annual cost (exact)"},
            {award::PlacesSoFar, "Places so far"},
            {award::ProvidersSoFar, "Providers so far"},
            {award::CostSoFar, "Annual cost so far (exact)"}});
    layout.awardRows.clear();
    int row = 1;
    for (const LotResult& lotResult : c.result.lots) {
        const Lot& lot = c.tender().lots[lotResult.lot];
        const int first = row;
        int step = 0;
        for (const AwardStep& walk : lotResult.walk) {
            writeStep(c, sheet, row++, first, ++step, lot, walk);
        }
        layout.awardRows.emplace_back(first, row - 1);
    }
    c.book.column(sheet, award::Lot, award::Bid, 9);
    c.book.column(sheet, award::Bidder, award::Bidder, 28);
    c.book.column(sheet, award::Urn, award::Urn, 11);
    c.book.column(sheet, award::Setting, award::Setting, 20);
    c.book.column(sheet, award::Bookable, award::Awarded, 9);
    c.book.column(sheet, award::Why, award::Why, 22);
    c.book.column(sheet, award::Weekly, award::CostSoFar, 15);
    c.book.finishTable(sheet, 0, row - 1, award::Last);
}

}  // namespace tenderscore::xlsx
