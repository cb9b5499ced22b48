#include "xlsx/book.hpp"

#include <algorithm>
#include <utility>

#include "format/text.hpp"
#include "io/output_set.hpp"

namespace tenderscore::xlsx {

namespace {

constexpr double titleFontSize = 14;
constexpr std::size_t maxCellText = 32767;
constexpr lxw_color_t belowThresholdFill = 0xF8CBAD;
constexpr lxw_color_t flagFill = 0xFFE699;

void check(lxw_error error, std::string_view what, std::string_view detail = {}) {
    if (error != LXW_NO_ERROR) {
        throw io::OutputError("cannot write the workbook (" + std::string(what) +
                              (detail.empty() ? "" : " " + std::string(detail)) + "): " + lxw_strerror(error));
    }
}

lxw_row_t rowIndex(int row) {
    return static_cast<lxw_row_t>(row);
}
lxw_col_t colIndex(int col) {
    return static_cast<lxw_col_t>(col);
}

}  // namespace

std::string cellRef(int row, int col, bool absolute) {
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    lxw_rowcol_to_cell_abs(cell, rowIndex(row), colIndex(col), absolute, absolute);
    return cell;
}

std::string rangeRef(int firstRow, int lastRow, int col, bool absolute) {
    char range[LXW_MAX_CELL_RANGE_LENGTH];
    if (absolute) {
        lxw_rowcol_to_range_abs(range, rowIndex(firstRow), colIndex(col), rowIndex(lastRow), colIndex(col));
    } else {
        lxw_rowcol_to_range(range, rowIndex(firstRow), colIndex(col), rowIndex(lastRow), colIndex(col));
    }
    if (firstRow == lastRow) {
        // libxlsxwriter writes a one-cell range as the cell alone ("C6"); formulas keep "C6:C6".
        return std::string(range) + ":" + range;
    }
    return range;
}

std::string headerText(std::string_view text) {
    std::string result;
    for (const char c : text::xmlSafe(text)) {
        result += c;
        if (c == '&') {
            result += '&';
        }
    }
    constexpr std::size_t maxHeader = 200;  // Excel's limit is 255 characters including codes
    return result.size() > maxHeader ? text::truncateForCell(result, maxHeader) : result;
}

Book::Book(const std::filesystem::path& file, Properties properties) : _properties(std::move(properties)) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // rows go to disk as they are finished: flat memory
    options.use_zip64 = LXW_TRUE;
    _workbook = workbook_new_opt(file.c_str(), &options);
    if (_workbook == nullptr) {
        throw io::OutputError("cannot create the workbook " + file.string());
    }
    // Document properties are XML too (docProps/core.xml): the same guard as every cell.
    _properties.title = text::xmlSafe(_properties.title);
    _properties.subject = text::xmlSafe(_properties.subject);
    _properties.author = text::xmlSafe(_properties.author);
    lxw_doc_properties document{};
    document.title = _properties.title.data();
    document.subject = _properties.subject.data();
    document.author = _properties.author.data();
    // libxlsxwriter takes a creation time of 0 to mean "now", so a run at the epoch itself (a valid
    // SOURCE_DATE_EPOCH) would get a different workbook each time. Its document properties say one
    // second later instead; the run time shown on the Audit sheet and recorded is exact.
    document.created = _properties.created == 0 ? 1 : _properties.created;
    check(workbook_set_properties(_workbook, &document), "document properties");
    _header = "&C" + headerText(_properties.title);

    _formats.plain = addFormat();
    _formats.bold = addFormat();
    format_set_bold(_formats.bold);
    _formats.heading = addFormat();
    format_set_bold(_formats.heading);
    format_set_font_size(_formats.heading, titleFontSize);
    _formats.header = addFormat();
    format_set_bold(_formats.header);
    format_set_bottom(_formats.header, LXW_BORDER_THIN);
    format_set_text_wrap(_formats.header);
    const std::string moneyFormat = _properties.currency == "GBP" ? "\xC2\xA3#,##0.00" : "#,##0.00";
    _formats.money = addFormat();
    format_set_num_format(_formats.money, moneyFormat.c_str());
    _formats.exact = addFormat();
    format_set_num_format(_formats.exact, (moneyFormat + "####").c_str());
    std::string scoreFormat = "0";
    if (_properties.decimals > 0) {
        scoreFormat += "." + std::string(static_cast<std::size_t>(_properties.decimals), '0');
    }
    _formats.score = addFormat();
    format_set_num_format(_formats.score, scoreFormat.c_str());
    _formats.scoreBelow = addFormat();
    format_set_num_format(_formats.scoreBelow, scoreFormat.c_str());
    format_set_bg_color(_formats.scoreBelow, belowThresholdFill);
    format_set_bold(_formats.scoreBelow);
    _formats.wrap = addFormat();
    format_set_text_wrap(_formats.wrap);
    _formats.flag = addFormat();
    format_set_bg_color(_formats.flag, flagFill);
}

Book::~Book() {
    if (_workbook != nullptr) {
        (void)workbook_close(_workbook);  // only after an error: the file is a temporary and is removed
    }
}

lxw_format* Book::addFormat() {
    lxw_format* format = workbook_add_format(_workbook);
    if (format == nullptr) {
        throw io::OutputError("cannot add a cell format");
    }
    format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
    return format;
}

lxw_worksheet* Book::addSheet(const char* name) {
    lxw_worksheet* sheet = workbook_add_worksheet(_workbook, name);
    if (sheet == nullptr) {
        throw io::OutputError(std::string("cannot add the sheet ") + name);
    }
    return sheet;
}

lxw_chart* Book::addChart(std::uint8_t type) {
    lxw_chart* chart = workbook_add_chart(_workbook, type);
    if (chart == nullptr) {
        throw io::OutputError("cannot add a chart");
    }
    return chart;
}

void Book::defineName(const std::string& name, const std::string& formula) {
    check(workbook_define_name(_workbook, name.c_str(), formula.c_str()), "defined name", name);
}

void Book::text(lxw_worksheet* sheet, int row, int col, std::string_view value, lxw_format* format) {
    format = format == nullptr ? _formats.plain : format;
    const std::string cell = text::truncateForCell(text::xmlSafe(value), maxCellText);
    check(worksheet_write_string(sheet, rowIndex(row), colIndex(col), cell.c_str(), format), "text cell");
}

void Book::number(lxw_worksheet* sheet, int row, int col, double value, lxw_format* format) {
    format = format == nullptr ? _formats.plain : format;
    check(worksheet_write_number(sheet, rowIndex(row), colIndex(col), value, format), "number cell");
}

void Book::formula(lxw_worksheet* sheet, int row, int col, const std::string& formula, double cached,
                   lxw_format* format) {
    format = format == nullptr ? _formats.plain : format;
    check(worksheet_write_formula_num(sheet, rowIndex(row), colIndex(col), formula.c_str(), format, cached), "formula",
          formula);
}

void Book::formulaText(lxw_worksheet* sheet, int row, int col, const std::string& formula, const std::string& cached,
                       lxw_format* format) {
    format = format == nullptr ? _formats.plain : format;
    const std::string shown = text::truncateForCell(text::xmlSafe(cached), maxCellText);
    check(worksheet_write_formula_str(sheet, rowIndex(row), colIndex(col), formula.c_str(), format, shown.c_str()),
          "formula", formula);
}

void Book::column(lxw_worksheet* sheet, int first, int last, double width, lxw_format* format) {
    check(worksheet_set_column(sheet, colIndex(first), colIndex(last), width, format), "column width");
}

int Book::linesFor(std::string_view text, double width) {
    const auto perLine = static_cast<std::size_t>(std::max(1.0, width - 1));
    int lines = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        lines += static_cast<int>(
            std::max<std::size_t>(1, (text::displayWidth(text.substr(start, end - start)) + perLine - 1) / perLine));
        start = end + 1;
    }
    return lines;
}

void Book::rowLines(lxw_worksheet* sheet, int row, int lines) {
    constexpr int maxLines = 12;
    constexpr double lineHeight = 15;
    if (lines > 1) {
        check(worksheet_set_row(sheet, rowIndex(row), lineHeight * std::min(lines, maxLines), nullptr), "row height");
    }
}

void Book::headerRow(lxw_worksheet* sheet, int row) {
    constexpr double height = 45;  // three lines of the header font
    check(worksheet_set_row(sheet, rowIndex(row), height, nullptr), "header row height");
}

void Book::finishTable(lxw_worksheet* sheet, int headerRow, int lastRow, int lastCol) {
    worksheet_freeze_panes(sheet, rowIndex(headerRow + 1), 0);
    if (lastRow > headerRow) {
        check(worksheet_autofilter(sheet, rowIndex(headerRow), 0, rowIndex(lastRow), colIndex(lastCol)), "autofilter");
    }
    check(worksheet_repeat_rows(sheet, rowIndex(headerRow), rowIndex(headerRow)), "print titles");
    finishSheet(sheet);
}

void Book::finishSheet(lxw_worksheet* sheet) {
    worksheet_set_landscape(sheet);
    worksheet_fit_to_pages(sheet, 1, 0);
    check(worksheet_set_header(sheet, _header.c_str()), "page header");
    check(worksheet_set_footer(sheet, "&CPage &P of &N"), "page footer");
    lxw_protection protection{};
    protection.autofilter = LXW_TRUE;
    protection.sort = LXW_TRUE;
    protection.format_columns = LXW_TRUE;
    protection.format_rows = LXW_TRUE;
    worksheet_protect(sheet, nullptr, &protection);
}

void Book::insertChart(lxw_worksheet* sheet, int row, int col, lxw_chart* chart, double xScale, double yScale) {
    lxw_chart_options options{};
    options.x_scale = xScale;
    options.y_scale = yScale;
    check(worksheet_insert_chart_opt(sheet, rowIndex(row), colIndex(col), chart, &options), "chart");
}

void Book::close() {
    lxw_workbook* workbook = _workbook;
    _workbook = nullptr;
    check(workbook_close(workbook), "closing");
}

}  // namespace tenderscore::xlsx
