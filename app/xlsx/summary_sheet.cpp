// The Summary: the method's parameters as named cells, then for each lot its ranking table, its
// figures against its caps, its flags, its excluded bids and a chart of the scores.
#include "format/sensitivity_words.hpp"
#include "format/text.hpp"
#include "io/output_set.hpp"
#include "xlsx/sheets.hpp"

namespace tenderscore::xlsx {

namespace {

constexpr int chartRows = 16;
constexpr double bidderWidth = 28;
constexpr double lineWidth = 72;  // text from the Figure column to the page's edge
constexpr double noteWidth = 56;  // text from the Note column to the page's edge

/// The method's parameters live in visible cells on the Summary sheet, named so that every
/// formula reads like the method: =ROUND(PriceWeight*J5/I5,Decimals).
class Parameters {
public:
    Parameters(const SheetContext& c, lxw_worksheet* sheet, int row) : _c(c), _sheet(sheet), _row(row) {}

    void number(const char* label, const char* name, double figure) {
        _c.book.text(_sheet, _row, summary::Label, label);
        _c.book.number(_sheet, _row, summary::Figure, figure);
        if (name != nullptr) {
            define(name);
        }
        ++_row;
    }

    /// Words too long for the page go on over the rows below, a line a row.
    void text(const char* label, const std::string& words) {
        _c.book.text(_sheet, _row, summary::Label, label);
        for (const std::string_view line : Book::splitLines(words, lineWidth, 1)) {
            _c.book.text(_sheet, _row++, summary::Figure, line);
        }
    }

    /// Contract years = initial + extension years, the two parameters just written.
    void contractYears() {
        const Contract& contract = _c.tender().contract;
        _c.book.text(_sheet, _row, summary::Label, "Contract years");
        _c.book.formula(_sheet, _row, summary::Figure,
                        "=" + cellRef(_row - 2, summary::Figure) + "+" + cellRef(_row - 1, summary::Figure),
                        contract.initialYears + contract.extensionYears);
        define("ContractYears");
        ++_row;
    }

    void heading(const char* label) {
        ++_row;
        _c.book.text(_sheet, _row++, summary::Label, label, _c.f.bold);
    }

    [[nodiscard]] int row() const { return _row; }

private:
    void define(const char* name) { _c.book.defineName(name, "=Summary!" + cellRef(_row, summary::Figure, true)); }

    const SheetContext& _c;
    lxw_worksheet* _sheet;
    int _row;
};

/// "SUM(Award!$H$2:$H$9)" over one lot's rows of a column of the Award sheet ("0" when none).
std::string awardSum(const Layout& layout, std::size_t lot, award::Col col) {
    const auto [first, last] = layout.awardRows[lot];
    if (last < first) {
        return "0";
    }
    return "SUM(Award!" + rangeRef(first, last, col, true) + ")";
}

void addChart(const SheetContext& c, lxw_worksheet* sheet, const Lot& lot, int at, int first, int last) {
    lxw_chart* chart = c.book.addChart(LXW_CHART_BAR_STACKED);
    const auto row = [](int r) { return static_cast<lxw_row_t>(r); };
    const auto col = [](summary::Col n) { return static_cast<lxw_col_t>(n); };
    for (const auto& [values, name] : {std::pair<summary::Col, const char*>{summary::PriceScore, "Price score"},
                                       {summary::QualityScore, "Quality score"}}) {
        lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
        if (series == nullptr) {
            throw io::OutputError("cannot add a chart series");
        }
        chart_series_set_categories(series, "Summary", row(first), col(summary::Bidder), row(last),
                                    col(summary::Bidder));
        chart_series_set_values(series, "Summary", row(first), col(values), row(last), col(values));
        chart_series_set_name(series, name);
    }
    chart_title_set_name(chart, ("Lot " + lot.id + ": price and quality scores in rank order").c_str());
    chart_axis_set_reverse(chart->y_axis);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    c.book.insertChart(sheet, at, summary::Bidder, chart, 1.6, 1.1);
}

/// The ranking table's row of lot bid `i` of lot `l` (compliant): each figure refers to its sheet.
void writeRankingRow(const SheetContext& c, lxw_worksheet* sheet, int row, const Layout& layout, std::size_t l,
                     std::size_t i) {
    const LotBidResult& bidRow = c.result.lots[l].bids[i];
    const Bid& bid = c.pack.bids[bidRow.bid];
    const int priceRow = layout.priceRow[l][i];
    const int qualityRow = layout.qualityRow[bidRow.bid];
    c.book.rowLines(sheet, row, Book::linesFor(bid.bidderName, bidderWidth));
    c.book.number(sheet, row, summary::Rank, *bidRow.rank);
    c.book.text(sheet, row, summary::Bidder, bid.bidderName, c.f.wrap);
    c.book.text(sheet, row, summary::Bid, bid.id);
    c.book.formula(sheet, row, summary::EvaluatedPrice, "=Price!" + cellRef(priceRow, price::Evaluated, true),
                   poundsOf(*bidRow.evaluatedPrice), c.f.money);
    exactNote(c, sheet, row, summary::EvaluatedPrice, *bidRow.evaluatedPrice, 2, 100);
    c.book.formula(sheet, row, summary::PriceScore, "=Price!" + cellRef(priceRow, price::Score, true),
                   value(*bidRow.priceScore), c.f.score);
    c.book.formula(sheet, row, summary::QualityScore, "=Quality!" + cellRef(qualityRow, layout.qualityCol, true),
                   value(*bidRow.qualityScore), c.f.score);
    c.book.formula(
        sheet, row, summary::TotalScore,
        "=ROUND(" + cellRef(row, summary::PriceScore) + "+" + cellRef(row, summary::QualityScore) + ",Decimals)",
        value(*bidRow.totalScore), c.f.score);
    if (bidRow.admitted) {  // a framework lot: admitted or not, no places and no cost
        c.book.text(sheet, row, summary::Places, *bidRow.admitted ? "yes" : "no", c.f.mark);
        return;
    }
    const auto [awardFirst, awardLast] = layout.awardRows[l];
    if (awardLast < awardFirst) {
        c.book.number(sheet, row, summary::Places, 0);
        c.book.number(sheet, row, summary::AnnualCost, 0, c.f.money);
        return;
    }
    const std::string bidCell = cellRef(row, summary::Bid);
    const std::string bids = "Award!" + rangeRef(awardFirst, awardLast, award::Bid, true);
    c.book.formula(
        sheet, row, summary::Places,
        "=SUMIF(" + bids + "," + bidCell + ",Award!" + rangeRef(awardFirst, awardLast, award::Awarded, true) + ")",
        *bidRow.awardedPlaces);
    c.book.formula(sheet, row, summary::AnnualCost,
                   "=ROUND(SUMIF(" + bids + "," + bidCell + ",Award!" +
                       rangeRef(awardFirst, awardLast, award::Cost, true) + "),2)",
                   poundsOf(*bidRow.annualCost), c.f.money);
}

/// One flag in words beside whose it is (the lot, or a bid's id, marked), as the excluded bids are
/// listed; returns the next row.
int writeFlag(const SheetContext& c, lxw_worksheet* sheet, int row, std::string_view whose, const Code& flag) {
    c.book.text(sheet, row, summary::Figure, whose, c.f.flag);
    const std::string words = codesInWords({flag});  // outlives the lines, which view it
    for (const std::string_view line : Book::splitLines(words, noteWidth, 1)) {
        c.book.text(sheet, row++, summary::Note, line, c.f.note);
    }
    return row;
}

/// The lot's flags, then its lot bids', each on its own lines under the figures; returns the next row.
int writeFlags(const SheetContext& c, lxw_worksheet* sheet, int row, const LotResult& lotResult) {
    c.book.text(sheet, row, summary::Label, "Flags", c.f.bold);
    const int first = row;
    for (const Code& flag : lotResult.flags) {
        row = writeFlag(c, sheet, row, "the lot", flag);
    }
    for (const LotBidResult& bidRow : lotResult.bids) {
        for (const Code& flag : bidRow.flags) {
            row = writeFlag(c, sheet, row, c.pack.bids[bidRow.bid].id, flag);
        }
    }
    if (row == first) {
        c.book.text(sheet, row++, summary::Figure, "none");
    }
    return row;
}

/// How close the lot's outcome was (version 2, section 2.7): its margin, in words beside it; the
/// decisive changes are on the Sensitivity sheet.
int writeMargin(const SheetContext& c, lxw_worksheet* sheet, int row, const LotResult& lotResult) {
    const Lot& lot = c.tender().lots[lotResult.lot];
    const LotSensitivity& sensitivity = lotResult.sensitivity;
    c.book.text(sheet, row, summary::Label, "Margin", c.f.bold);
    c.book.text(sheet, row, summary::Note, text::marginNote(sensitivity, lot.award), c.f.note);
    if (sensitivity.margin) {
        c.book.number(sheet, row++, summary::Figure, *sensitivity.margin,
                      *sensitivity.margin == 1 ? c.f.flag : nullptr);
    } else {
        c.book.text(sheet, row++, summary::Figure, "none");
    }
    return row;
}

/// A framework lot's figures: the providers admitted against its limits, what its prices are per,
/// and why no cost is given (version 2: a framework admits providers and books no places).
int writeFrameworkFigures(const SheetContext& c, lxw_worksheet* sheet, int row, const LotResult& lotResult, int first,
                          int last) {
    const Lot& lot = c.tender().lots[lotResult.lot];
    auto figure = [&](const char* label, const std::string& note) {
        c.book.text(sheet, row, summary::Label, label, c.f.bold);
        c.book.text(sheet, row, summary::Note, note, c.f.note);
    };
    std::string limits = lot.minProviders > 0 ? "at least " + std::to_string(lot.minProviders) : "";
    if (lot.maxProviders) {
        limits += (limits.empty() ? "" : ", ") + std::string("at most ") + std::to_string(*lot.maxProviders);
    }
    figure("Providers admitted", (limits.empty() ? "no cap" : limits) + "; call-offs go to them in rank order");
    if (last >= first) {
        c.book.formula(sheet, row++, summary::Figure,
                       "=COUNTIF(" + rangeRef(first, last, summary::Places) + R"(,"yes"))", lotResult.providers);
    } else {
        c.book.number(sheet, row++, summary::Figure, 0);
    }
    figure("Minimum Ofsted rating", "the provider's own rating; lower or none excludes the bid");
    c.book.text(sheet, row++, summary::Figure,
                lot.minOfstedRating ? std::string(ratingName(*lot.minOfstedRating)) : "none set");
    figure("Priced in", "each band's price weighted by its expected volume a year (Price sheet)");
    c.book.text(sheet, row++, summary::Figure,
                std::to_string(lot.bands.size()) + (lot.bands.size() == 1 ? " band" : " bands") + ", per " +
                    std::string(unitName(lot.unit)));
    figure("Annual cost", "not applicable: a framework books no places and commits to no volume");
    c.book.text(sheet, row++, summary::Figure, "n/a");
    row = writeMargin(c, sheet, row, lotResult);
    return writeFlags(c, sheet, row, lotResult);
}

/// The lot's figures against its caps, under its ranking table (rows first to last); returns the next row.
int writeLotFigures(const SheetContext& c, lxw_worksheet* sheet, int row, std::size_t l, const Layout& layout,
                    int first, int last) {
    const LotResult& lotResult = c.result.lots[l];
    const Lot& lot = c.tender().lots[lotResult.lot];
    if (lot.award == LotAward::Framework) {
        return writeFrameworkFigures(c, sheet, row, lotResult, first, last);
    }
    // The label, the figure and a note on it each in a cell of their own; the note set off by an indent.
    auto figure = [&](const char* label, const std::string& note) {
        c.book.text(sheet, row, summary::Label, label, c.f.bold);
        c.book.text(sheet, row, summary::Note, note, c.f.note);
    };
    figure("Places awarded", "between " + std::to_string(lot.minPlaces) + " and " + std::to_string(lot.maxPlaces));
    c.book.formula(sheet, row++, summary::Figure, "=" + awardSum(layout, l, award::Awarded), lotResult.awardedPlaces);
    figure("Places per home", "the most places awarded in any one home");
    if (lot.maxPlacesPerSetting) {
        c.book.number(sheet, row++, summary::Figure, *lot.maxPlacesPerSetting);
    } else {
        c.book.text(sheet, row++, summary::Figure, "no cap");
    }
    figure("Minimum Ofsted rating", "homes rated lower are not eligible");
    c.book.text(sheet, row++, summary::Figure,
                lot.minOfstedRating ? std::string(ratingName(*lot.minOfstedRating)) : "none set");
    figure("Providers", lot.maxProviders ? "at most " + std::to_string(*lot.maxProviders) : "no cap");
    if (last >= first) {
        c.book.formula(sheet, row++, summary::Figure, "=COUNTIF(" + rangeRef(first, last, summary::Places) + ",\">0\")",
                       lotResult.providers);
    } else {
        c.book.number(sheet, row++, summary::Figure, 0);
    }
    figure("Annual cost",
           lot.annualBudget ? "budget " + text::money(*lot.annualBudget, c.tender().currency) : "no budget set");
    const std::string exactAnnual = awardSum(layout, l, award::Cost);
    c.book.formula(sheet, row++, summary::Figure, "=ROUND(" + exactAnnual + ",2)", poundsOf(lotResult.annualCost),
                   c.f.money);
    const int years = c.tender().contract.initialYears + c.tender().contract.extensionYears;
    figure("Contract value", std::to_string(years) + (years == 1 ? " year" : " years") +
                                 ", annual cost uplifted each year, rounded once");
    c.book.formula(sheet, row++, summary::Figure,
                   "=ROUND(IF(UpliftPercent=0," + exactAnnual + "*ContractYears," + exactAnnual +
                       "*((1+UpliftPercent/100)^ContractYears-1)/(UpliftPercent/100)),2)",
                   poundsOf(lotResult.contractValue), c.f.money);
    row = writeMargin(c, sheet, row, lotResult);
    return writeFlags(c, sheet, row, lotResult);
}

/// The lot's excluded bids with their reasons in words and codes, a reason a row (each fits the
/// columns to the right of it); returns the next row.
int writeExcluded(const SheetContext& c, lxw_worksheet* sheet, int row, const LotResult& lotResult) {
    bool anyExcluded = false;
    for (const LotBidResult& bidRow : lotResult.bids) {
        if (bidRow.compliant()) {
            continue;
        }
        if (!anyExcluded) {
            ++row;
            c.book.text(sheet, row++, summary::Label, "Excluded bids", c.f.bold);
            anyExcluded = true;
        }
        // The bidder's name and the reasons run down the same rows, a line a row, so that a long
        // name does not make its first row taller than the reasons beside it need.
        const Bid& bid = c.pack.bids[bidRow.bid];
        c.book.text(sheet, row, summary::Bid, bid.id);
        const std::vector<std::string_view> name = Book::splitLines(bid.bidderName, bidderWidth, 1);
        std::vector<std::string> words;  // outlive the lines, which view them
        std::vector<std::string_view> reasons;
        for (const Code& reason : bidRow.reasons) {
            words.push_back(codesInWords({reason}));
        }
        for (const std::string& reason : words) {
            for (const std::string_view line : Book::splitLines(reason, noteWidth, 1)) {
                reasons.push_back(line);
            }
        }
        for (std::size_t i = 0; i < std::max(name.size(), reasons.size()); ++i, ++row) {
            if (i < name.size()) {
                c.book.text(sheet, row, summary::Bidder, name[i]);
            }
            if (i < reasons.size()) {
                c.book.text(sheet, row, summary::Note, reasons[i], c.f.note);
            }
        }
    }
    return row;
}

}  // namespace

void writeParameters(const SheetContext& c, lxw_worksheet* sheet, Layout& layout) {
    const EvaluationRules& rules = c.rules();
    const Contract& contract = c.tender().contract;
    c.book.text(sheet, 0, summary::Heading, c.tender().title.empty() ? c.tender().id : c.tender().title, c.f.heading);
    Parameters parameters(c, sheet, 2);
    parameters.text("Authority", c.tender().authority);
    parameters.text("Reference", c.tender().id);
    parameters.text("Deadline for bids", c.tender().deadline ? c.tender().deadline->text : "not set");
    parameters.text("Method",
                    "Price " + toPlainDecimal(rules.priceWeight) + " : quality " + toPlainDecimal(rules.qualityWeight) +
                        "; price method " + std::string(priceMethodName(rules.priceMethod)) + "; consensus " +
                        std::string(consensusName(rules.consensus)) + "; scores rounded half-up to " +
                        std::to_string(rules.decimals) + " decimals; ties broken by " + tieBreakText(rules.tieBreak));
    parameters.heading("Method parameters");
    parameters.number("Price weight", "PriceWeight", value(rules.priceWeight));
    parameters.number("Quality weight", "QualityWeight", value(rules.qualityWeight));
    parameters.text("Price method", std::string(priceMethodName(rules.priceMethod)));
    parameters.text("Consensus rule", std::string(consensusName(rules.consensus)));
    parameters.number("Decimals (rounding half-up)", "Decimals", rules.decimals);
    parameters.number("Quality marks out of", "ScaleMax", rules.scaleMax);
    parameters.number("Minimum score on each question", "MinScoreEach", value(rules.minScoreEach));
    parameters.number("Minimum quality (% of weight)", "MinQualityPercent", value(rules.minQualityPercent));
    parameters.number("Weeks per year", "WeeksPerYear", value(contract.weeksPerYear));
    parameters.number("Annual uplift (%)", "UpliftPercent", value(contract.annualUpliftPercent));
    parameters.number("Initial years", nullptr, contract.initialYears);
    parameters.number("Extension years", nullptr, contract.extensionYears);
    parameters.contractYears();
    parameters.text("Tie-break", tieBreakText(rules.tieBreak));
    layout.summaryRow = parameters.row() + 1;
}

void writeSummary(const SheetContext& c, lxw_worksheet* sheet, const Layout& layout) {
    int row = layout.summaryRow;
    for (std::size_t l = 0; l < c.result.lots.size(); ++l) {
        const LotResult& lotResult = c.result.lots[l];
        const Lot& lot = c.tender().lots[lotResult.lot];
        ++row;
        const int lotFirst = row;
        c.book.text(sheet, row++, summary::Heading, "Lot " + lot.id + (lot.name.empty() ? "" : ": " + lot.name),
                    c.f.heading);
        const bool framework = lot.award == LotAward::Framework;
        const std::string priceHeading = framework ? "Evaluated price (per " + std::string(unitName(lot.unit)) + ")"
                                                   : std::string("Evaluated price (per place-week)");
        header(c, sheet, row++,
               {{summary::Rank, "Rank"},
                {summary::Bidder, "Bidder"},
                {summary::Bid, "Bid"},
                {summary::EvaluatedPrice, priceHeading.c_str()},
                {summary::PriceScore, "Price score"},
                {summary::QualityScore, "Quality score"},
                {summary::TotalScore, "Total score"},
                {summary::Places, framework ? "Admitted" : "Places awarded"},
                {summary::AnnualCost, framework ? "" : "Annual cost"}});
        const int first = row;
        for (std::size_t i = 0; i < lotResult.bids.size(); ++i) {
            if (lotResult.bids[i].compliant()) {
                writeRankingRow(c, sheet, row++, layout, l, i);
            }
        }
        const int last = row - 1;
        row = writeLotFigures(c, sheet, row + 1, l, layout, first, last);
        row = writeExcluded(c, sheet, row, lotResult);
        c.book.keepTogether(sheet, lotFirst, row - 1);  // the lot's table, figures and exclusions
        if (last >= first) {
            // A caption above the chart: it names the chart, and LibreOffice does not print a page
            // that holds a chart but no cell.
            ++row;
            c.book.text(sheet, row, summary::Bidder,
                        "Lot " + lot.id + ": each compliant bid's price and quality scores, as in the table above",
                        c.f.bold);
            addChart(c, sheet, lot, row + 1, first, last);
            c.book.keepTogether(sheet, row, row + 1 + chartRows);  // a chart is never split over two pages
            row += chartRows + 2;
        }
    }
    c.book.column(sheet, summary::Rank, summary::Rank, 5);
    c.book.column(sheet, summary::Bidder, summary::Bidder, bidderWidth);
    c.book.column(sheet, summary::Bid, summary::Bid, 15);  // the lot's figures: £99,999,999.99
    c.book.column(sheet, summary::EvaluatedPrice, summary::EvaluatedPrice, 12);
    c.book.column(sheet, summary::PriceScore, summary::Places, 9);
    c.book.column(sheet, summary::AnnualCost, summary::AnnualCost, 14);
    worksheet_freeze_panes(sheet, 1, 0);
    Page page;
    page.landscape = true;
    c.book.finishSheet(sheet, page);
}

}  // namespace tenderscore::xlsx
