// The Award sheet: the award walk of each lot in the order the tool took it, with why a step gave
// fewer places than bookable and running totals of places, providers and annual cost. Every
// compliant bid the walk gave no places is explained: a step the walk recorded (provider cap,
// budget), or, for a bid the walk never reached, a row saying the lot was full before it. A
// framework lot books no places: its rows are the admission walk, a row per compliant bid in rank
// order, admitted or not, with the providers admitted so far.
#include <algorithm>
#include <set>

#include "format/text.hpp"
#include "xlsx/sheets.hpp"

namespace tenderscore::xlsx {

namespace {

constexpr double bidderWidth = 14;
constexpr double settingWidth = 13;
constexpr double whyWidth = 20;

/// "=SUM($H$2:H5)": a column of the lot's steps so far.
std::string sumSoFar(int first, int row, award::Col col) {
    return "=SUM(" + cellRef(first, col, true) + ":" + cellRef(row, col) + ")";
}

/// Why a step gave fewer places than bookable, in words with the lot's limit.
std::string whyFewer(const SheetContext& c, const Lot& lot, const AwardStep& walk) {
    switch (walk.limit) {
    case AwardLimit::None:
        return "";
    case AwardLimit::SettingCap:
        return "per-home cap: at most " + std::to_string(lot.maxPlacesPerSetting.value_or(0)) + " places per home";
    case AwardLimit::LotFull:
        return "lot full at " + std::to_string(lot.maxPlaces) + " places";
    case AwardLimit::ProviderCap:
        return "provider cap of " + std::to_string(lot.maxProviders.value_or(0)) + " reached: no places";
    case AwardLimit::Budget:
        return "budget: annual budget " + text::money(lot.annualBudget.value_or(0), c.tender().currency) +
               (walk.awarded == 0 ? " reached" : " allows no more");
    }
    return "";
}

void writeStep(const SheetContext& c, lxw_worksheet* sheet, int row, int first, int step, const Lot& lot,
               const AwardStep& walk) {
    const Bid& bid = c.pack.bids[walk.bid];
    const std::string why = whyFewer(c, lot, walk);
    const std::string settingName = walk.setting ? bid.lotBids[walk.lotBid].settings[*walk.setting].name : "";
    c.book.rowLines(sheet, row,
                    std::max({Book::linesFor(why, whyWidth), Book::linesFor(bid.bidderName, bidderWidth),
                              Book::linesFor(settingName, settingWidth)}));
    c.book.text(sheet, row, award::Lot, lot.id);
    c.book.number(sheet, row, award::Step, step, c.f.mark);
    c.book.text(sheet, row, award::Bid, bid.id);
    c.book.text(sheet, row, award::Bidder, bid.bidderName, c.f.wrap);
    if (walk.setting) {
        const Setting& setting = bid.lotBids[walk.lotBid].settings[*walk.setting];
        c.book.text(sheet, row, award::Urn, setting.urn);
        c.book.text(sheet, row, award::Setting, setting.name, c.f.wrap);
        c.book.number(sheet, row, award::Bookable, walk.bookable);
        c.book.number(sheet, row, award::Weekly, poundsOf(setting.weeklyPrice), c.f.money);
    }
    c.book.number(sheet, row, award::Awarded, walk.awarded);
    c.book.text(sheet, row, award::Why, why, walk.limit == AwardLimit::None ? c.f.wrap : c.f.flagWrap);
    c.book.formula(sheet, row, award::Cost,
                   "=" + cellRef(row, award::Awarded) + "*" + cellRef(row, award::Weekly) + "*WeeksPerYear",
                   poundsOf(walk.annualCost), c.f.money);
    exactNote(c, sheet, row, award::Cost, walk.annualCost, 2, 100);
    c.book.formula(sheet, row, award::PlacesSoFar, sumSoFar(first, row, award::Awarded), walk.placesSoFar);
    c.book.number(sheet, row, award::ProvidersSoFar, walk.providersSoFar);
    c.book.formula(sheet, row, award::CostSoFar, sumSoFar(first, row, award::Cost), poundsOf(walk.annualCostSoFar),
                   c.f.money);
    exactNote(c, sheet, row, award::CostSoFar, walk.annualCostSoFar, 2, 100);
}

/// The compliant bids of the lot the walk never reached (in rank order), each on a row of its own:
/// the lot was full before them. Returns the next row.
int writeNotReached(const SheetContext& c, lxw_worksheet* sheet, int row, const Lot& lot, const LotResult& lotResult) {
    std::set<std::size_t> reached;  // once: a long walk and many bids would make a search per bid quadratic
    for (const AwardStep& walk : lotResult.walk) {
        reached.insert(walk.bid);
    }
    for (const LotBidResult& bidRow : lotResult.bids) {
        if (!bidRow.compliant() || reached.count(bidRow.bid) != 0) {
            continue;
        }
        const Bid& bid = c.pack.bids[bidRow.bid];
        const std::string why = "lot full before this bid (" + std::to_string(lot.maxPlaces) + " places): no places";
        c.book.rowLines(sheet, row,
                        std::max(Book::linesFor(why, whyWidth), Book::linesFor(bid.bidderName, bidderWidth)));
        c.book.text(sheet, row, award::Lot, lot.id);
        c.book.text(sheet, row, award::Bid, bid.id);
        c.book.text(sheet, row, award::Bidder, bid.bidderName, c.f.wrap);
        c.book.number(sheet, row, award::Awarded, 0);
        c.book.text(sheet, row, award::Why, why, c.f.flagWrap);
        ++row;
    }
    return row;
}

/// A framework lot's admission walk from `row`; returns the next row.
int writeAdmissions(const SheetContext& c, lxw_worksheet* sheet, int row, const Lot& lot, const LotResult& lotResult) {
    int admitted = 0;
    for (const LotBidResult& bidRow : lotResult.bids) {
        if (!bidRow.admitted) {
            continue;  // excluded
        }
        const Bid& bid = c.pack.bids[bidRow.bid];
        admitted += *bidRow.admitted ? 1 : 0;
        const std::string why = *bidRow.admitted ? "admitted: call-off order " + std::to_string(*bidRow.rank)
                                                 : "not admitted: the framework admits at most " +
                                                       std::to_string(lot.maxProviders.value_or(0)) + " providers";
        c.book.rowLines(sheet, row,
                        std::max(Book::linesFor(why, whyWidth), Book::linesFor(bid.bidderName, bidderWidth)));
        c.book.text(sheet, row, award::Lot, lot.id);
        c.book.number(sheet, row, award::Step, *bidRow.rank, c.f.mark);
        c.book.text(sheet, row, award::Bid, bid.id);
        c.book.text(sheet, row, award::Bidder, bid.bidderName, c.f.wrap);
        c.book.text(sheet, row, award::Setting, "framework", c.f.wrap);
        c.book.text(sheet, row, award::Why, why, *bidRow.admitted ? c.f.wrap : c.f.flagWrap);
        c.book.number(sheet, row, award::ProvidersSoFar, admitted);
        ++row;
    }
    return row;
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
            {award::Why, "Why fewer than bookable; admission"},
            {award::Weekly, "Weekly price"},
            {award::Cost, "Annual cost"},
            {award::PlacesSoFar, "Places so far"},
            {award::ProvidersSoFar, "Providers so far"},
            {award::CostSoFar, "Annual cost so far"}});
    layout.awardRows.clear();
    int row = 1;
    for (const LotResult& lotResult : c.result.lots) {
        const Lot& lot = c.tender().lots[lotResult.lot];
        const int first = row;
        if (lot.award == LotAward::Framework) {
            row = writeAdmissions(c, sheet, row, lot, lotResult);
            layout.awardRows.emplace_back(first, row - 1);
            continue;
        }
        int step = 0;
        for (const AwardStep& walk : lotResult.walk) {
            writeStep(c, sheet, row++, first, ++step, lot, walk);
        }
        row = writeNotReached(c, sheet, row, lot, lotResult);
        layout.awardRows.emplace_back(first, row - 1);
    }
    c.book.column(sheet, award::Lot, award::Lot, lotColumnWidth(c));
    c.book.column(sheet, award::Step, award::Step, 4);
    c.book.column(sheet, award::Bid, award::Bid, 9);
    c.book.column(sheet, award::Bidder, award::Bidder, bidderWidth);
    c.book.column(sheet, award::Urn, award::Urn, 9);
    c.book.column(sheet, award::Setting, award::Setting, settingWidth);
    c.book.column(sheet, award::Bookable, award::Awarded, 8);
    c.book.column(sheet, award::Why, award::Why, whyWidth);
    c.book.column(sheet, award::Weekly, award::Weekly, 10);
    c.book.column(sheet, award::Cost, award::Cost, 13);
    c.book.column(sheet, award::PlacesSoFar, award::ProvidersSoFar, 8);
    c.book.column(sheet, award::CostSoFar, award::CostSoFar, 14);
    Page page;
    page.landscape = true;
    page.keyColumns = award::Bidder + 1;
    page.columnGroups = {award::Urn, award::Weekly};
    c.book.finishTable(sheet, 0, row - 1, award::Last, page);
}

}  // namespace tenderscore::xlsx
