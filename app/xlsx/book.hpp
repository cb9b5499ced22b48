// A thin, checked layer over libxlsxwriter: every call's return value is checked and turned into
// io::OutputError, text is always written as text (never a formula) and cut at Excel's cell limit
// with a visible marker, and formulas are written with their exact cached value.
#pragma once

#include <ctime>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xlsxwriter.h>

namespace tenderscore::xlsx {

/// "$C$6" (absolute) or "C6" for a 0-based row and column, by libxlsxwriter's lxw_rowcol_to_cell_abs.
[[nodiscard]] std::string cellRef(int row, int col, bool absolute = false);
/// "C6:C9" for a column range ("C6:C6" for one cell), by libxlsxwriter's lxw_rowcol_to_range(_abs).
[[nodiscard]] std::string rangeRef(int firstRow, int lastRow, int col, bool absolute = false);

/// Text safe for a page header or footer ('&' is a control character there).
[[nodiscard]] std::string headerText(std::string_view text);

/// Every cell is aligned to the top, so rows with wrapped text read straight across.
struct Formats {
    lxw_format* plain = nullptr;
    lxw_format* bold = nullptr;
    lxw_format* heading = nullptr;
    lxw_format* header = nullptr;
    lxw_format* money = nullptr;
    lxw_format* score = nullptr;
    lxw_format* scoreBelow = nullptr;  // a score under its threshold
    lxw_format* exact = nullptr;       // unrounded intermediate figures
    lxw_format* wrap = nullptr;
    lxw_format* flag = nullptr;
    lxw_format* flagWrap = nullptr;   // a flag in a wrapped column
    lxw_format* mark = nullptr;       // an evaluator's mark, centred under its title
    lxw_format* note = nullptr;       // text beside a figure, set off from it by an indent
    lxw_format* signLine = nullptr;   // a line to sign or date on
    lxw_format* signLabel = nullptr;  // its label, on the line
    lxw_format* draft = nullptr;      // the DRAFT mark of the Sign-off sheet
    lxw_format* link = nullptr;       // a link to another sheet
};

/// How a sheet prints on A4. Paper, margins, the tender in the header and "Page n of m" in the
/// footer are the same for every sheet; the scale is worked out from the columns' widths so that
/// the sheet fits the page across when it can and is never printed below minimumScale.
struct Page {
    bool landscape = false;
    int headerRow = -1;             // repeated at the top of every page; -1: none
    int keyColumns = 0;             // the first columns, repeated on every page across
    std::vector<int> columnGroups;  // columns a page across may start at, when the sheet is wider than a page
    /// 11-point text is never printed below 8 points; the Quality sheet asks for 9.
    int minimumScale = 73;
};

class Book {
public:
    struct Properties {
        std::string title;
        std::string subject;
        std::string author;
        std::time_t created = 0;
        std::string currency;
        int decimals = 2;
        std::string reference;  // the tender's id, in every page's footer
        bool draft = true;      // until the approvals are recorded: DRAFT in every page's header
    };

    Book(const std::filesystem::path& file, Properties properties);
    ~Book();
    Book(const Book&) = delete;
    Book& operator=(const Book&) = delete;

    lxw_worksheet* addSheet(const char* name);
    lxw_chart* addChart(std::uint8_t type);
    void defineName(const std::string& name, const std::string& formula);

    /// Bidder and panel text: always a string cell, never a formula.
    void text(lxw_worksheet* sheet, int row, int col, std::string_view value, lxw_format* format = nullptr);
    void number(lxw_worksheet* sheet, int row, int col, double value, lxw_format* format = nullptr);
    /// A live formula with the exact value the tool computed as its cached result.
    void formula(lxw_worksheet* sheet, int row, int col, const std::string& formula, double cached,
                 lxw_format* format = nullptr);
    void formulaText(lxw_worksheet* sheet, int row, int col, const std::string& formula, const std::string& cached,
                     lxw_format* format = nullptr);
    /// A note on a cell (shown on hover; not printed): the exact value behind a rounded figure.
    void comment(lxw_worksheet* sheet, int row, int col, std::string_view text);
    /// A link to a cell of another sheet of the book, shown as `text`.
    void link(lxw_worksheet* sheet, int row, int col, const std::string& toSheet, int toRow, int toCol,
              std::string_view text);
    void column(lxw_worksheet* sheet, int first, int last, double width, lxw_format* format = nullptr);
    /// Sets a row tall enough for `lines` lines of wrapped text, up to Excel's largest row.
    void rowLines(lxw_worksheet* sheet, int row, int lines);
    /// How many lines `text` takes wrapped at spaces in a column `width` characters wide; generous,
    /// since a row too short hides the end of its text on paper.
    [[nodiscard]] static int linesFor(std::string_view text, double width);
    /// `text` cut at spaces into parts of at most `maxLines` lines each in a column `width` wide.
    [[nodiscard]] static std::vector<std::string_view> splitLines(std::string_view text, double width, int maxLines);
    /// The most lines of wrapped text a row can show (Excel's largest row, 409 points).
    static constexpr int maxRowLines = 27;
    /// `text` whole when a row can show it in a column `width` wide, otherwise as much as it can
    /// with a visible marker that the rest is in the input file: never cut silently on paper.
    [[nodiscard]] static std::string fitRow(std::string_view text, double width);
    static constexpr std::string_view cutMarker = " [cut to fit the row: the whole text is in the input file]";
    /// A table's header row, tall enough for wrapped column titles.
    void headerRow(lxw_worksheet* sheet, int row);
    /// Rows `first` to `last` (a table, a chart and its heading) start a new page when they would
    /// not fit on the rest of the current one.
    void keepTogether(lxw_worksheet* sheet, int first, int last);

    /// Frozen header row, autofilter over the table, printing set-up and protection.
    void finishTable(lxw_worksheet* sheet, int headerRow, int lastRow, int lastCol, Page page);
    /// Printing set-up and protection for any sheet: A4, the page's orientation and scale, the tender
    /// and the draft mark in the header, the sheet, "Page n of m" and the tender's reference in the
    /// footer, page breaks that keep blocks whole, protected against accidental edits (no password).
    void finishSheet(lxw_worksheet* sheet, const Page& page);

    void insertChart(lxw_worksheet* sheet, int row, int col, lxw_chart* chart, double xScale, double yScale);

    /// Closes the workbook, writing the file; checked.
    void close();

    [[nodiscard]] const Formats& formats() const { return _formats; }

private:
    /// What printing needs to know of a sheet: its columns' widths, its rows' heights, its extent
    /// and the blocks to keep on one page.
    struct Extent {
        std::map<int, double> widths;
        std::map<int, double> heights;
        int lastRow = 0;
        int lastCol = 0;
        std::vector<std::pair<int, int>> blocks;
    };

    lxw_format* addFormat();
    void used(lxw_worksheet* sheet, int row, int col);
    void setRowHeight(lxw_worksheet* sheet, int row, double points);
    void pageBreaks(lxw_worksheet* sheet, const Page& page, const Extent& extent, int scale);

    lxw_workbook* _workbook = nullptr;
    Properties _properties;
    std::string _header;
    std::string _footer;
    Formats _formats;
    std::map<lxw_worksheet*, Extent> _extents;
    // libxlsxwriter keeps pointers to the page breaks until the workbook is closed.
    std::vector<std::vector<lxw_row_t>> _rowBreaks;
    std::vector<std::vector<lxw_col_t>> _colBreaks;
};

}  // namespace tenderscore::xlsx
