// What the sheet writers share: the context they write from, each sheet's named columns, where the
// sheets put the figures the Summary refers to, and the cell helpers of the display edge. One
// <name>_sheet.cpp per sheet; workbook.cpp puts them in order.
#pragma once

#include <cstddef>
#include <ctime>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "evaluation/model.hpp"
#include "evaluation/result.hpp"
#include "xlsx/book.hpp"
#include "xlsx/workbook.hpp"

namespace tenderscore::xlsx {

/// Everything a sheet is written from.
struct SheetContext {
    Book& book;
    const Pack& pack;
    const PackFiles& files;
    const Result& result;
    const RunInfo& run;
    const Formats& f;

    [[nodiscard]] const Tender& tender() const { return pack.tender; }
    [[nodiscard]] const EvaluationRules& rules() const { return pack.tender.evaluation; }
};

// Each sheet's columns, so that its writer, its formulas and the Summary's formulas agree.
namespace summary {
/// A lot's ranking table.
enum Col { Rank, Bidder, Bid, EvaluatedPrice, PriceScore, QualityScore, TotalScore, Places, AnnualCost };
/// Headings, and the labelled figures of the method's parameters and under each lot's table.
enum Block { Heading = Rank, Label = Bidder, Figure = Bid, Note = EvaluatedPrice };
}  // namespace summary
namespace price {
enum Col { Lot, Bid, Bidder, Urn, Setting, Offered, Bookable, Weekly, Evaluated, Lowest, Ceiling, Score, Last = Score };
}
namespace quality {
/// The columns before the evaluators' marks (the question's text and the answer are on Answers).
enum Col { Bid, Bidder, Question, Weight, FirstMark };
/// The columns after the marks, each evaluator's mark and rationale taking two.
enum After { Consensus, ConsensusText, Moderator, Score, Weighted, Quality, Hotspot, Last = Hotspot };

/// Where the columns of a Quality sheet with `evaluators` evaluators are.
struct Columns {
    std::size_t evaluators = 0;

    [[nodiscard]] int mark(std::size_t evaluator) const { return FirstMark + 2 * static_cast<int>(evaluator); }
    [[nodiscard]] int rationale(std::size_t evaluator) const { return mark(evaluator) + 1; }
    [[nodiscard]] int operator[](After col) const { return mark(evaluators) + col; }
};
}  // namespace quality
namespace answers {
/// One row per bid, question and part of a long answer.
enum Col { Bid, Bidder, Question, QuestionText, Part, Answer, Last = Answer };
}  // namespace answers
namespace marks {
/// The evaluator matrix: the columns before the evaluators' marks, one column each.
enum Col { Bid, Bidder, Status, Question, FirstMark };
/// The columns after the marks.
enum After { Counted, Spread, Flags, Last = Flags };

struct Columns {
    std::size_t evaluators = 0;

    [[nodiscard]] int mark(std::size_t evaluator) const { return FirstMark + static_cast<int>(evaluator); }
    [[nodiscard]] int operator[](After col) const { return mark(evaluators) + col; }
};
}  // namespace marks
namespace compliance {
enum Col { Bid, Bidder, CompanyNumber, Submitted, Lot, Status, Reasons, Notes, Declarations, Last = Declarations };
}
namespace award {
enum Col {
    Lot,
    Step,
    Bid,
    Bidder,
    Urn,
    Setting,
    Bookable,
    Awarded,
    Why,
    Weekly,
    Cost,
    PlacesSoFar,
    ProvidersSoFar,
    CostSoFar,
    Last = CostSoFar
};
}
namespace audit {
/// A label and its text; the table of input files puts the file, its role and its hash in them.
enum Col { Label, Text, Hash };
}  // namespace audit
namespace sensitivity {
/// A line for each lot's margin, then a row for each decisive change.
enum Col { Lot, Bid, Question, Evaluator, From, To, Effect, Rationale, Last = Rationale };
}  // namespace sensitivity
namespace signoff {
/// A label and its text: every block of the Sign-off sheet reads down the page.
enum Col { Label, Text, Last = Text };
}  // namespace signoff

/// Where the other sheets put the figures the Summary's formulas refer to (0-based rows), by
/// position in Result::lots and in each LotResult::bids.
struct Layout {
    int summaryRow = 0;                          // the Summary's first row under the method's parameters
    std::vector<std::vector<int>> priceRow;      // [lot][lot bid] -> the bid's first row on Price (compliant)
    std::vector<int> qualityRow;                 // [bid] -> the bid's first row on Quality
    int qualityCol = 0;                          // the quality score's column on Quality
    std::vector<std::pair<int, int>> awardRows;  // [lot] -> first and last row on Award (last < first: none)
};

// The sheets, in the order they are written: the Summary's parameters first (they define the names
// every formula uses), its lot tables after the sheets they refer to.
void writeParameters(const SheetContext& c, lxw_worksheet* sheet, Layout& layout);
void writePriceSheet(const SheetContext& c, lxw_worksheet* sheet, Layout& layout);
void writeQualitySheet(const SheetContext& c, lxw_worksheet* sheet, Layout& layout);
void writeMarksSheet(const SheetContext& c, lxw_worksheet* sheet);
void writeAnswersSheet(const SheetContext& c, lxw_worksheet* sheet);
void writeComplianceSheet(const SheetContext& c, lxw_worksheet* sheet);
void writeAwardSheet(const SheetContext& c, lxw_worksheet* sheet, Layout& layout);
void writeSummary(const SheetContext& c, lxw_worksheet* sheet, const Layout& layout);
void writeSensitivitySheet(const SheetContext& c, lxw_worksheet* sheet, const Layout& layout);
void writeAuditSheet(const SheetContext& c, lxw_worksheet* sheet);
/// Written last, though it is the first sheet: it names the hash of results.json.
void writeSignOffSheet(const SheetContext& c, lxw_worksheet* sheet);

// Cell helpers.
struct Title {
    int col;
    const char* text;
};
/// A table's header row: each title in its column.
void header(const SheetContext& c, lxw_worksheet* sheet, int row, std::initializer_list<Title> titles);

/// A note with the exact value behind a figure shown rounded to `decimals`, when the two differ:
/// "Exact value 11/3 = 3.6666666667...". `unit` divides the value first (100: pence to pounds).
void exactNote(const SheetContext& c, lxw_worksheet* sheet, int row, int col, const Fraction& value, int decimals,
               long unit = 1);

// Numbers become doubles here, at the display edge.
[[nodiscard]] double value(const Fraction& fraction);
/// A column of lot ids wide enough for the longest ("L1" and "F-CORE" alike).
[[nodiscard]] double lotColumnWidth(const SheetContext& c);
[[nodiscard]] double value(const Scaled& scaled);
[[nodiscard]] double poundsOf(const Fraction& pence);
[[nodiscard]] double poundsOf(Pence pence);

// The method in words.
[[nodiscard]] std::string tieBreakText(const std::vector<TieBreakKey>& keys);
/// "Jane Smith (E1)", or the id alone when the evaluator is not named.
[[nodiscard]] std::string evaluatorName(const Evaluator& evaluator);
/// Each code in words with the code beside it, "submitted after the deadline (LATE)", joined by
/// `separator`; or, for a wrapped column, with the code on a line of its own so that it never breaks.
[[nodiscard]] std::string codesInWords(const std::vector<Code>& codes, const char* separator = "; ");
[[nodiscard]] std::string codesInLines(const std::vector<Code>& codes);
/// The longest spelling of `codes`, in characters: a column that shows them whole is wider.
[[nodiscard]] std::size_t longestCode(const std::vector<Code>& codes);

}  // namespace tenderscore::xlsx
