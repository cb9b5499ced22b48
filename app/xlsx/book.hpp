// A thin, checked layer over libxlsxwriter: every call's return value is checked and turned into
// io::OutputError, text is always written as text (never a formula) and cut at Excel's cell limit
// with a visible marker, and formulas are written with their exact cached value.
#pragma once

#include <ctime>
#include <filesystem>
#include <string>
#include <string_view>

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
    void column(lxw_worksheet* sheet, int first, int last, double width, lxw_format* format = nullptr);
    /// Sets a row tall enough for `lines` lines of wrapped text (at most a readable maximum).
    void rowLines(lxw_worksheet* sheet, int row, int lines);
    /// About how many lines `text` takes wrapped in a column `width` characters wide.
    [[nodiscard]] static int linesFor(std::string_view text, double width);
    /// A table's header row, tall enough for wrapped column titles.
    void headerRow(lxw_worksheet* sheet, int row);

    /// Frozen header row, autofilter over the table, printing set-up and protection.
    void finishTable(lxw_worksheet* sheet, int headerRow, int lastRow, int lastCol);
    /// Printing set-up and protection for any sheet: landscape, one page wide, the tender named
    /// in the header, page numbers in the footer, protected against accidental edits (no password).
    void finishSheet(lxw_worksheet* sheet);

    void insertChart(lxw_worksheet* sheet, int row, int col, lxw_chart* chart, double xScale, double yScale);

    /// Closes the workbook, writing the file; checked.
    void close();

    [[nodiscard]] const Formats& formats() const { return _formats; }

private:
    lxw_format* addFormat();

    lxw_workbook* _workbook = nullptr;
    Properties _properties;
    std::string _header;
    Formats _formats;
};

}  // namespace tenderscore::xlsx
