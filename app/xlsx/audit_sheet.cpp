// The Audit sheet: the tool and the run, every input file with its role and SHA-256, the hash of
// results.json and the audit log's checkpoint, and the method's parameters.
#include "format/text.hpp"
#include "xlsx/sheets.hpp"

namespace tenderscore::xlsx {

namespace {
constexpr double labelWidth = 36;
}  // namespace

void writeAuditSheet(const SheetContext& c, lxw_worksheet* sheet) {
    const EvaluationRules& rules = c.rules();
    const Contract& contract = c.tender().contract;
    int row = 0;
    c.book.text(sheet, row++, audit::Label, "Audit", c.f.heading);
    ++row;
    auto line = [&](const char* label, const std::string& text) {
        c.book.text(sheet, row, audit::Label, label, c.f.bold);
        c.book.text(sheet, row++, audit::Text, text);
    };
    line("Tool", "tenderscore " + c.run.toolVersion);
    line("Run time (UTC)", text::isoTime(c.run.runTime));
    line("Tender", c.tender().id);
    line("results.json SHA-256", c.run.resultsSha256());
    // In the form `tenderscore audit verify --checkpoint` takes, so that it can be copied from here.
    const std::string& checkpoint = c.run.logCheckpoint;
    line("Audit log checkpoint before this run", checkpoint.empty() ? "not recorded in an audit log" : checkpoint);
    if (!checkpoint.empty()) {
        line("Check the log still holds it", "tenderscore audit verify --audit FILE --checkpoint " + checkpoint);
    }
    ++row;
    c.book.text(sheet, row, audit::Label, "Input file", c.f.header);
    c.book.text(sheet, row, audit::Text, "Role", c.f.header);
    c.book.text(sheet, row++, audit::Hash, "SHA-256", c.f.header);
    auto input = [&](const InputFile& file, const std::string& role) {
        c.book.rowLines(sheet, row, Book::linesFor(file.name, labelWidth));
        c.book.text(sheet, row, audit::Label, file.name, c.f.wrap);
        c.book.text(sheet, row, audit::Text, role);
        c.book.text(sheet, row++, audit::Hash, file.sha256);
    };
    input(c.files.tender, "tender");
    for (std::size_t b = 0; b < c.files.bids.size(); ++b) {
        input(c.files.bids[b], "bid " + c.pack.bids[b].id);
    }
    if (c.files.scores) {
        input(*c.files.scores, "scores");
    }
    ++row;
    c.book.text(sheet, row++, audit::Label, "Method parameters", c.f.bold);
    line("Price : quality", toPlainDecimal(rules.priceWeight) + " : " + toPlainDecimal(rules.qualityWeight));
    line("Price method", std::string(priceMethodName(rules.priceMethod)));
    line("Consensus rule", std::string(consensusName(rules.consensus)));
    line("Decimals", std::to_string(rules.decimals) + " (half-up)");
    line("Quality scale", "0 to " + std::to_string(rules.scaleMax));
    line("Minimum score on each question", toPlainDecimal(rules.minScoreEach));
    line("Minimum quality (% of quality weight)", toPlainDecimal(rules.minQualityPercent));
    line("Tie-break", tieBreakText(rules.tieBreak));
    line("Abnormally low below mean by (%)",
         rules.abnormallyLowBelowMeanPercent ? toPlainDecimal(*rules.abnormallyLowBelowMeanPercent) : "not applied");
    line("Weeks per year", toPlainDecimal(contract.weeksPerYear));
    line("Annual uplift (%)", toPlainDecimal(contract.annualUpliftPercent));
    line("Contract years", std::to_string(contract.initialYears) + " + " + std::to_string(contract.extensionYears));
    c.book.column(sheet, audit::Label, audit::Label, labelWidth);
    c.book.column(sheet, audit::Text, audit::Text, 40);
    c.book.column(sheet, audit::Hash, audit::Hash, 68);
    Page page;
    page.landscape = true;
    c.book.finishSheet(sheet, page);
}

}  // namespace tenderscore::xlsx
