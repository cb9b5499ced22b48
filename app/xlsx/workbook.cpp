#include "workbook.hpp"

#include <string_view>

#include <xlsxwriter.h>

#include "format/text.hpp"
#include "io/output_set.hpp"

namespace tenderscore::xlsx {

namespace {

constexpr double titleFontSize = 14;
constexpr std::size_t maxCellText = 32767;

void check(lxw_error error, const std::string& what) {
    if (error != LXW_NO_ERROR) {
        throw io::OutputError("cannot write the workbook (" + what + "): " + lxw_strerror(error));
    }
}

std::string methodName(PriceMethod method) {
    switch (method) {
    case PriceMethod::LowestOverBid:
        return "lowest-over-bid";
    case PriceMethod::LinearFromLowest:
        return "linear-from-lowest";
    case PriceMethod::CeilingLinear:
        return "ceiling-linear";
    }
    return "";
}

std::string consensusName(ConsensusRule rule) {
    switch (rule) {
    case ConsensusRule::Moderated:
        return "moderated";
    case ConsensusRule::Mean:
        return "mean";
    case ConsensusRule::Median:
        return "median";
    }
    return "";
}

std::string tieBreakText(const std::vector<TieBreakKey>& keys) {
    std::string text;
    for (const TieBreakKey key : keys) {
        text += key == TieBreakKey::Quality ? "quality, " : key == TieBreakKey::Price ? "price, " : "submitted, ";
    }
    return text + "then bid id";
}

/// The workbook being written: the libxlsxwriter handle and the formats shared by every sheet.
class Writer {
public:
    Writer(const std::filesystem::path& file, const RunInfo& run, const Tender& tender) {
        lxw_workbook_options options{};
        options.constant_memory = LXW_FALSE;
        _workbook = workbook_new_opt(file.c_str(), &options);
        if (_workbook == nullptr) {
            throw io::OutputError("cannot create the workbook " + file.string());
        }
        _title = tender.title.empty() ? tender.id : tender.title;
        _subject = "Tender evaluation " + tender.id;
        _author = tender.authority.empty() ? "tenderscore" : tender.authority;
        lxw_doc_properties properties{};
        properties.title = _title.data();
        properties.subject = _subject.data();
        properties.author = _author.data();
        properties.created = run.runTime;
        check(workbook_set_properties(_workbook, &properties), "document properties");
        _bold = addFormat();
        format_set_bold(_bold);
        _heading = addFormat();
        format_set_bold(_heading);
        format_set_font_size(_heading, titleFontSize);
        _header = addFormat();
        format_set_bold(_header);
        format_set_bottom(_header, LXW_BORDER_THIN);
        format_set_text_wrap(_header);
        _money = addFormat();
        format_set_num_format(_money, tender.currency == "GBP" ? "\xC2\xA3#,##0.00" : "#,##0.00");
        _score = addFormat();
        std::string scoreFormat = "0";
        if (tender.evaluation.decimals > 0) {
            scoreFormat += "." + std::string(static_cast<std::size_t>(tender.evaluation.decimals), '0');
        }
        format_set_num_format(_score, scoreFormat.c_str());
        _wrap = addFormat();
        format_set_text_wrap(_wrap);
    }

    ~Writer() {
        if (_workbook != nullptr) {
            // Only reached when an error interrupted writing: free without checking.
            (void)workbook_close(_workbook);
        }
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    lxw_worksheet* sheet(const char* name) {
        lxw_worksheet* worksheet = workbook_add_worksheet(_workbook, name);
        if (worksheet == nullptr) {
            throw io::OutputError(std::string("cannot add the sheet ") + name);
        }
        return worksheet;
    }

    /// Bidder and panel text: always a string cell, never a formula; over-long text truncated visibly.
    void text(lxw_worksheet* sheet, int row, int col, std::string_view value, lxw_format* format = nullptr) {
        const std::string cell = text::truncateForCell(value, maxCellText);
        check(worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), cell.c_str(),
                                     format),
              "text cell");
    }
    void number(lxw_worksheet* sheet, int row, int col, double value, lxw_format* format = nullptr) {
        check(worksheet_write_number(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), value, format),
              "number cell");
    }
    void column(lxw_worksheet* sheet, int first, int last, double width, lxw_format* format = nullptr) {
        check(worksheet_set_column(sheet, static_cast<lxw_col_t>(first), static_cast<lxw_col_t>(last), width, format),
              "column width");
    }

    void close() {
        lxw_workbook* workbook = _workbook;
        _workbook = nullptr;
        check(workbook_close(workbook), "closing");
    }

    lxw_format* bold() const { return _bold; }
    lxw_format* heading() const { return _heading; }
    lxw_format* header() const { return _header; }
    lxw_format* money() const { return _money; }
    lxw_format* score() const { return _score; }
    lxw_format* wrap() const { return _wrap; }

private:
    lxw_format* addFormat() {
        lxw_format* format = workbook_add_format(_workbook);
        if (format == nullptr) {
            throw io::OutputError("cannot add a cell format");
        }
        return format;
    }

    lxw_workbook* _workbook = nullptr;
    std::string _title;
    std::string _subject;
    std::string _author;
    lxw_format* _bold = nullptr;
    lxw_format* _heading = nullptr;
    lxw_format* _header = nullptr;
    lxw_format* _money = nullptr;
    lxw_format* _score = nullptr;
    lxw_format* _wrap = nullptr;
};

double scoreValue(const std::optional<Scaled>& value) {
    return value ? toDouble(toFraction(*value)) : 0.0;
}

double poundsValue(Pence pence) {
    return toDouble(pounds(pence));
}

void writeSummary(Writer& w, const Pack& pack, const Result& result) {
    const Tender& tender = pack.tender;
    const EvaluationRules& rules = tender.evaluation;
    lxw_worksheet* sheet = w.sheet("Summary");
    w.column(sheet, 0, 0, 7);
    w.column(sheet, 1, 1, 34);
    w.column(sheet, 2, 2, 12);
    w.column(sheet, 3, 8, 14);
    int row = 0;
    w.text(sheet, row++, 0, tender.title.empty() ? tender.id : tender.title, w.heading());
    w.text(sheet, row, 0, "Authority", w.bold());
    w.text(sheet, row++, 2, tender.authority);
    w.text(sheet, row, 0, "Reference", w.bold());
    w.text(sheet, row++, 2, tender.id);
    w.text(sheet, row, 0, "Method", w.bold());
    w.text(sheet, row++, 2,
           "Price " + toPlainDecimal(rules.priceWeight) + " : quality " + toPlainDecimal(rules.qualityWeight) +
               "; price method " + methodName(rules.priceMethod) + "; consensus " + consensusName(rules.consensus) +
               "; scores rounded half-up to " + std::to_string(rules.decimals) + " decimals; ties broken by " +
               tieBreakText(rules.tieBreak));
    for (const LotResult& lotResult : result.lots) {
        const Lot& lot = tender.lots[lotResult.lot];
        ++row;
        w.text(sheet, row++, 0, "Lot " + lot.id + (lot.name.empty() ? "" : ": " + lot.name), w.heading());
        const char* headers[] = {"Rank",        "Bidder",        "Bid",         "Evaluated price (per place-week)",
                                 "Price score", "Quality score", "Total score", "Places awarded",
                                 "Annual cost"};
        int col = 0;
        for (const char* header : headers) {
            w.text(sheet, row, col++, header, w.header());
        }
        ++row;
        for (const LotBidResult& bidRow : lotResult.bids) {
            if (!bidRow.compliant()) {
                continue;
            }
            const Bid& bid = pack.bids[bidRow.bid];
            Fraction cost = 0;
            for (const Award& award : lotResult.awards) {
                if (award.bid == bidRow.bid) {
                    cost += tender.contract.weeksPerYear * static_cast<long>(award.weeklyPrice) * award.places;
                }
            }
            w.number(sheet, row, 0, *bidRow.rank);
            w.text(sheet, row, 1, bid.bidderName);
            w.text(sheet, row, 2, bid.id);
            w.number(sheet, row, 3, poundsValue(roundToPence(*bidRow.evaluatedPrice)), w.money());
            w.number(sheet, row, 4, scoreValue(bidRow.priceScore), w.score());
            w.number(sheet, row, 5, scoreValue(bidRow.qualityScore), w.score());
            w.number(sheet, row, 6, scoreValue(bidRow.totalScore), w.score());
            w.number(sheet, row, 7, *bidRow.awardedPlaces);
            w.number(sheet, row, 8, poundsValue(roundToPence(cost)), w.money());
            ++row;
        }
        ++row;
        auto figure = [&](const std::string& label, const std::string& value) {
            w.text(sheet, row, 1, label, w.bold());
            w.text(sheet, row++, 2, value);
        };
        figure("Places awarded", std::to_string(lotResult.awardedPlaces) + " (between " +
                                     std::to_string(lot.minPlaces) + " and " + std::to_string(lot.maxPlaces) + ")");
        figure("Providers", std::to_string(lotResult.providers) +
                                (lot.maxProviders ? " (at most " + std::to_string(*lot.maxProviders) + ")" : ""));
        figure("Annual cost",
               text::money(lotResult.annualCost, tender.currency) +
                   (lot.annualBudget ? " (budget " + text::money(*lot.annualBudget, tender.currency) + ")" : ""));
        figure("Contract value", text::money(lotResult.contractValue, tender.currency));
        figure("Flags", lotResult.flags.empty() ? "none" : text::describeCodes(lotResult.flags));
        bool anyExcluded = false;
        for (const LotBidResult& bidRow : lotResult.bids) {
            if (bidRow.compliant()) {
                continue;
            }
            if (!anyExcluded) {
                ++row;
                w.text(sheet, row++, 1, "Excluded bids", w.bold());
                anyExcluded = true;
            }
            const Bid& bid = pack.bids[bidRow.bid];
            w.text(sheet, row, 1, bid.bidderName);
            w.text(sheet, row, 2, bid.id);
            w.text(sheet, row++, 3, text::describeCodes(bidRow.reasons));
        }
    }
}

}  // namespace

void writeWorkbook(const std::filesystem::path& file, const Pack& pack, const xml::PackFiles& /*files*/,
                   const Result& result, const RunInfo& run) {
    Writer writer(file, run, pack.tender);
    writeSummary(writer, pack, result);
    writer.close();
}

}  // namespace tenderscore::xlsx
