// The Price sheet: each compliant bid's eligible homes (places lots) or priced bands (framework
// lots), and on the bid's first row its evaluated price, the lot's lowest, the ceiling and the
// price score by the tender's price method. Either way the evaluated price is the same weighted
// mean: of weekly prices by bookable places, or of band prices by the bands' volumes.
#include <algorithm>

#include "evaluation/price.hpp"
#include "xlsx/sheets.hpp"

namespace tenderscore::xlsx {

namespace {

constexpr double bidderWidth = 16;
constexpr double settingWidth = 16;

std::string priceScoreFormula(PriceMethod method, int row) {
    const std::string p = cellRef(row, price::Evaluated);
    const std::string l = cellRef(row, price::Lowest);
    const std::string c = cellRef(row, price::Ceiling);
    switch (method) {
    case PriceMethod::LowestOverBid:
        return "=ROUND(PriceWeight*" + l + "/" + p + ",Decimals)";
    case PriceMethod::LinearFromLowest:
        return "=ROUND(PriceWeight*MAX(0,(2*" + l + "-" + p + ")/" + l + "),Decimals)";
    case PriceMethod::CeilingLinear:
        return "=ROUND(IF(" + c + "=" + l + ",PriceWeight,PriceWeight*(" + c + "-" + p + ")/(" + c + "-" + l +
               ")),Decimals)";
    }
    return "";
}

/// The bid's evaluated price (over its rows first to last), the lot's lowest (over the lot's rows),
/// the ceiling and the price score, on the bid's first row: rows are written in order, as
/// libxlsxwriter's constant-memory mode requires.
void writeBidPrice(const SheetContext& c, lxw_worksheet* sheet, const LotResult& lotResult, const Lot& lot,
                   const LotBidResult& bidRow, std::pair<int, int> bidRows, std::pair<int, int> lotRows) {
    const auto [first, last] = bidRows;
    c.book.formula(sheet, first, price::Evaluated,
                   "=SUMPRODUCT(" + rangeRef(first, last, price::Bookable) + "," +
                       rangeRef(first, last, price::Weekly) + ")/SUM(" + rangeRef(first, last, price::Bookable) + ")",
                   poundsOf(*bidRow.evaluatedPrice), c.f.money);
    exactNote(c, sheet, first, price::Evaluated, *bidRow.evaluatedPrice, 2, 100);
    c.book.formula(sheet, first, price::Lowest,
                   "=MIN(" + rangeRef(lotRows.first, lotRows.second, price::Evaluated, true) + ")",
                   poundsOf(*lotResult.lowestPrice), c.f.money);
    exactNote(c, sheet, first, price::Lowest, *lotResult.lowestPrice, 2, 100);
    if (const std::optional<Fraction> ceiling = priceCeiling(lot)) {
        c.book.number(sheet, first, price::Ceiling, poundsOf(*ceiling), c.f.money);
        exactNote(c, sheet, first, price::Ceiling, *ceiling, 2, 100);
    }
    c.book.formula(sheet, first, price::Score, priceScoreFormula(c.rules().priceMethod, first),
                   value(*bidRow.priceScore), c.f.score);
}

/// The rows a compliant lot bid takes: one per eligible home, or one per band of a framework lot.
int rowsOf(const Lot& lot, const LotBidResult& bidRow) {
    return static_cast<int>(lot.award == LotAward::Framework ? lot.bands.size() : bidRow.eligible.size());
}

/// A framework lot bid's row for one band: the band, its volume (the weight) and the bid's price.
void writeBand(const SheetContext& c, lxw_worksheet* sheet, int row, const Band& band, const Bid& bid,
               const LotBid& lotBid) {
    c.book.rowLines(
        sheet, row,
        std::max(Book::linesFor(bid.bidderName, bidderWidth), Book::linesFor(band.description, settingWidth)));
    c.book.text(sheet, row, price::Urn, band.id);
    c.book.text(sheet, row, price::Setting, band.description, c.f.wrap);
    c.book.number(sheet, row, price::Bookable, value(band.volume));
    for (const BandPrice& bandPrice : lotBid.prices) {
        if (bandPrice.band == band.id) {  // every band is priced: the lot bid is compliant
            c.book.number(sheet, row, price::Weekly, poundsOf(bandPrice.amount), c.f.money);
        }
    }
}

/// One lot's rows from `row`; returns the next row.
int writeLot(const SheetContext& c, lxw_worksheet* sheet, int row, const LotResult& lotResult,
             std::vector<int>& priceRows) {
    const Lot& lot = c.tender().lots[lotResult.lot];
    int lotRows = 0;
    for (const LotBidResult& bidRow : lotResult.bids) {
        if (bidRow.compliant()) {
            lotRows += rowsOf(lot, bidRow);
        }
    }
    const std::pair<int, int> lotRange{row, row + lotRows - 1};
    priceRows.assign(lotResult.bids.size(), 0);
    for (std::size_t i = 0; i < lotResult.bids.size(); ++i) {
        const LotBidResult& bidRow = lotResult.bids[i];
        if (!bidRow.compliant()) {
            continue;
        }
        const Bid& bid = c.pack.bids[bidRow.bid];
        const LotBid& lotBid = bid.lotBids[bidRow.lotBid];
        const int first = row;
        const int last = row + rowsOf(lot, bidRow) - 1;
        priceRows[i] = first;
        c.book.keepTogether(sheet, first, last);
        if (lot.award == LotAward::Framework) {
            for (const Band& band : lot.bands) {
                c.book.text(sheet, row, price::Lot, lot.id);
                c.book.text(sheet, row, price::Bid, bid.id);
                c.book.text(sheet, row, price::Bidder, bid.bidderName, c.f.wrap);
                writeBand(c, sheet, row, band, bid, lotBid);
                if (row == first) {
                    writeBidPrice(c, sheet, lotResult, lot, bidRow, {first, last}, lotRange);
                }
                ++row;
            }
            continue;
        }
        for (const EligibleSetting& entry : bidRow.eligible) {
            const Setting& setting = lotBid.settings[entry.setting];
            c.book.rowLines(
                sheet, row,
                std::max(Book::linesFor(bid.bidderName, bidderWidth), Book::linesFor(setting.name, settingWidth)));
            c.book.text(sheet, row, price::Lot, lot.id);
            c.book.text(sheet, row, price::Bid, bid.id);
            c.book.text(sheet, row, price::Bidder, bid.bidderName, c.f.wrap);
            c.book.text(sheet, row, price::Urn, setting.urn);
            c.book.text(sheet, row, price::Setting, setting.name, c.f.wrap);
            c.book.number(sheet, row, price::Offered, setting.places);
            c.book.number(sheet, row, price::Bookable, entry.bookable);
            c.book.number(sheet, row, price::Weekly, poundsOf(setting.weeklyPrice), c.f.money);
            if (row == first) {
                writeBidPrice(c, sheet, lotResult, lot, bidRow, {first, last}, lotRange);
            }
            ++row;
        }
    }
    return row;
}

bool hasFramework(const SheetContext& c) {
    const auto& lots = c.tender().lots;
    return std::any_of(lots.begin(), lots.end(), [](const Lot& lot) { return lot.award == LotAward::Framework; });
}

}  // namespace

void writePriceSheet(const SheetContext& c, lxw_worksheet* sheet, Layout& layout) {
    header(c, sheet, 0,
           {{price::Lot, "Lot"},
            {price::Bid, "Bid"},
            {price::Bidder, "Bidder"},
            {price::Urn, hasFramework(c) ? "URN or band" : "URN"},
            {price::Setting, hasFramework(c) ? "Setting or band" : "Setting"},
            {price::Offered, "Places offered"},
            {price::Bookable, hasFramework(c) ? "Bookable places or band volume" : "Bookable places"},
            {price::Weekly, hasFramework(c) ? "Price per unit" : "Weekly price"},
            {price::Evaluated, "Evaluated price"},
            {price::Lowest, "Lowest in lot"},
            {price::Ceiling, "Ceiling"},
            {price::Score, "Price score"}});
    layout.priceRow.resize(c.result.lots.size());
    int row = 1;
    for (std::size_t l = 0; l < c.result.lots.size(); ++l) {
        row = writeLot(c, sheet, row, c.result.lots[l], layout.priceRow[l]);
    }
    c.book.column(sheet, price::Lot, price::Lot, lotColumnWidth(c));
    c.book.column(sheet, price::Bid, price::Bid, 9);
    c.book.column(sheet, price::Bidder, price::Bidder, bidderWidth);
    c.book.column(sheet, price::Urn, price::Urn, 9);
    c.book.column(sheet, price::Setting, price::Setting, settingWidth);
    c.book.column(sheet, price::Offered, price::Bookable, 8);
    c.book.column(sheet, price::Weekly, price::Ceiling, 10);
    c.book.column(sheet, price::Score, price::Score, 8);
    Page page;
    page.landscape = true;
    c.book.finishTable(sheet, 0, row - 1, price::Last, page);
}

}  // namespace tenderscore::xlsx
