#include "xlsx/workbook.hpp"

#include "xlsx/book.hpp"
#include "xlsx/sheets.hpp"

namespace tenderscore::xlsx {

void writeWorkbook(const std::filesystem::path& file, const Pack& pack, const PackFiles& files, const Result& result,
                   const RunInfo& run) {
    const Tender& tender = pack.tender;
    Book::Properties properties;
    properties.title = tender.title.empty() ? tender.id : tender.title;
    properties.subject = "Tender evaluation " + tender.id;
    properties.author = tender.authority.empty() ? "tenderscore" : tender.authority;
    properties.created = run.runTime;
    properties.currency = tender.currency;
    properties.decimals = tender.evaluation.decimals;
    properties.reference = tender.id;
    properties.draft = true;  // approvals are not part of a run yet: every workbook is a draft
    Book book(file, properties);
    const SheetContext context{book, pack, files, result, run, book.formats()};

    // Sheets in reading order. The Summary's lot tables are written after the sheets they refer to,
    // the Audit and Sign-off sheets last: they ask for the hash of results.json, written meanwhile
    // on another thread.
    lxw_worksheet* signOffSheet = book.addSheet("Sign-off");
    lxw_worksheet* summarySheet = book.addSheet("Summary");
    lxw_worksheet* priceSheet = book.addSheet("Price");
    lxw_worksheet* qualitySheet = book.addSheet("Quality");
    lxw_worksheet* marksSheet = book.addSheet("Marks");
    lxw_worksheet* answersSheet = book.addSheet("Answers");
    lxw_worksheet* complianceSheet = book.addSheet("Compliance");
    lxw_worksheet* awardSheet = book.addSheet("Award");
    lxw_worksheet* sensitivitySheet = book.addSheet("Sensitivity");
    lxw_worksheet* auditSheet = book.addSheet("Audit");
    Layout layout;
    writeParameters(context, summarySheet, layout);
    writePriceSheet(context, priceSheet, layout);
    writeQualitySheet(context, qualitySheet, layout);
    writeMarksSheet(context, marksSheet);
    writeAnswersSheet(context, answersSheet);
    writeComplianceSheet(context, complianceSheet);
    writeAwardSheet(context, awardSheet, layout);
    writeSensitivitySheet(context, sensitivitySheet, layout);
    writeSummary(context, summarySheet, layout);
    writeAuditSheet(context, auditSheet);
    writeSignOffSheet(context, signOffSheet);
    book.close();
}

}  // namespace tenderscore::xlsx
