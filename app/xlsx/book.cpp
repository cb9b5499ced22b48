#include "xlsx/book.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "format/text.hpp"
#include "io/output_set.hpp"

namespace tenderscore::xlsx {

namespace {

constexpr double titleFontSize = 14;
constexpr std::size_t maxCellText = 32767;
constexpr lxw_color_t belowThresholdFill = 0xF8CBAD;
constexpr lxw_color_t flagFill = 0xFFE699;
constexpr lxw_color_t draftRed = 0xC00000;
constexpr lxw_color_t linkBlue = 0x0563C1;
constexpr double draftFontSize = 16;

// A4 (paper 9) with half-inch side margins, in points: the width and height a page prints on.
constexpr std::uint8_t paperA4 = 9;
constexpr double sideMargin = 0.5;    // inches
constexpr double topMargin = 0.75;    // inches, room for the header and footer
constexpr double headerMargin = 0.3;  // inches
constexpr double a4Short = 595.3 - 2 * 72 * sideMargin;
constexpr double a4Long = 841.9 - 2 * 72 * topMargin;
constexpr double a4LongWide = 841.9 - 2 * 72 * sideMargin;
constexpr double a4ShortTall = 595.3 - 2 * 72 * topMargin;
// Page breaks are worked out from the rows' heights; LibreOffice takes the header and footer out of
// the page's body, and rows may print a little taller, so a block is kept well off the edge.
constexpr double pageSlack = 0.85;

/// A column's printed width in points. A width is in digits of the default font, plus 5 pixels of
/// padding; LibreOffice without Calibri measures the digit of DejaVu Sans, 7 points at 11 points,
/// the widest a reader's machine will print it (Calibri's is 5.25), so it is reckoned here.
double columnPoints(double width) {
    constexpr double padding = 0.71;  // 5 pixels, in digits: libxlsxwriter writes width + 0.71
    constexpr double digit = 7.0;
    return (width + padding) * digit;
}

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
    _header = "&L" + headerText(_properties.title) + (_properties.draft ? "&R&\"-,Bold\"DRAFT" : "");
    _footer = "&L&A&CPage &P of &N&R" + headerText(_properties.reference);

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
    _formats.flagWrap = addFormat();
    format_set_bg_color(_formats.flagWrap, flagFill);
    format_set_text_wrap(_formats.flagWrap);
    _formats.mark = addFormat();
    format_set_align(_formats.mark, LXW_ALIGN_CENTER);
    _formats.note = addFormat();
    format_set_indent(_formats.note, 1);
    _formats.signLine = addFormat();
    format_set_bottom(_formats.signLine, LXW_BORDER_THIN);
    _formats.signLabel = addFormat();
    format_set_align(_formats.signLabel, LXW_ALIGN_VERTICAL_BOTTOM);
    _formats.link = addFormat();
    format_set_underline(_formats.link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(_formats.link, linkBlue);
    format_set_text_wrap(_formats.link);
    _formats.draft = addFormat();
    format_set_bold(_formats.draft);
    format_set_font_size(_formats.draft, draftFontSize);
    format_set_font_color(_formats.draft, draftRed);
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
    used(sheet, row, col);
    const std::string cell = text::truncateForCell(text::xmlSafe(value), maxCellText);
    check(worksheet_write_string(sheet, rowIndex(row), colIndex(col), cell.c_str(), format), "text cell");
}

void Book::link(lxw_worksheet* sheet, int row, int col, const std::string& toSheet, int toRow, int toCol,
                std::string_view text) {
    used(sheet, row, col);
    const std::string target = "internal:'" + toSheet + "'!" + cellRef(toRow, toCol);
    const std::string shown = text::truncateForCell(text::xmlSafe(text), maxCellText);
    check(worksheet_write_url_opt(sheet, rowIndex(row), colIndex(col), target.c_str(), _formats.link, shown.c_str(),
                                  nullptr),
          "link", target);
}

void Book::number(lxw_worksheet* sheet, int row, int col, double value, lxw_format* format) {
    format = format == nullptr ? _formats.plain : format;
    used(sheet, row, col);
    check(worksheet_write_number(sheet, rowIndex(row), colIndex(col), value, format), "number cell");
}

void Book::formula(lxw_worksheet* sheet, int row, int col, const std::string& formula, double cached,
                   lxw_format* format) {
    format = format == nullptr ? _formats.plain : format;
    used(sheet, row, col);
    check(worksheet_write_formula_num(sheet, rowIndex(row), colIndex(col), formula.c_str(), format, cached), "formula",
          formula);
}

void Book::formulaText(lxw_worksheet* sheet, int row, int col, const std::string& formula, const std::string& cached,
                       lxw_format* format) {
    format = format == nullptr ? _formats.plain : format;
    used(sheet, row, col);
    const std::string shown = text::truncateForCell(text::xmlSafe(cached), maxCellText);
    check(worksheet_write_formula_str(sheet, rowIndex(row), colIndex(col), formula.c_str(), format, shown.c_str()),
          "formula", formula);
}

void Book::comment(lxw_worksheet* sheet, int row, int col, std::string_view value) {
    const std::string note = text::truncateForCell(text::xmlSafe(value), maxCellText);
    check(worksheet_write_comment(sheet, rowIndex(row), colIndex(col), note.c_str()), "cell note");
}

void Book::used(lxw_worksheet* sheet, int row, int col) {
    Extent& extent = _extents[sheet];
    extent.lastRow = std::max(extent.lastRow, row);
    extent.lastCol = std::max(extent.lastCol, col);
}

void Book::column(lxw_worksheet* sheet, int first, int last, double width, lxw_format* format) {
    for (int col = first; col <= last; ++col) {
        _extents[sheet].widths[col] = width;
    }
    check(worksheet_set_column(sheet, colIndex(first), colIndex(last), width, format), "column width");
}

namespace {

/// The lines of `text` wrapped at spaces in `perLine` characters, each as [start, end) in `text`.
std::vector<std::pair<std::size_t, std::size_t>> wrap(std::string_view text, std::size_t perLine) {
    std::vector<std::pair<std::size_t, std::size_t>> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t paragraphEnd = std::min(text.find('\n', start), text.size());
        std::size_t lineStart = start;
        std::size_t width = 0;
        std::size_t at = start;
        while (at < paragraphEnd) {
            const std::size_t space = std::min(text.find(' ', at), paragraphEnd);
            const std::size_t word = text::displayWidth(text.substr(at, space - at));
            if (width > 0 && width + 1 + word > perLine) {
                lines.emplace_back(lineStart, at);
                lineStart = at;
                width = 0;
            }
            // A word longer than a line is broken where the line ends (a line counts bytes here, so
            // a line of characters of more than one byte is shorter still), between whole characters.
            width += (width > 0 ? 1 : 0) + word;
            while (width > perLine) {
                std::size_t cut = std::min(lineStart + perLine, space);
                while (cut < space && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
                    ++cut;
                }
                lines.emplace_back(lineStart, cut);
                lineStart = cut;
                width -= perLine;
            }
            at = space + 1;
        }
        lines.emplace_back(lineStart, paragraphEnd);
        start = paragraphEnd + 1;
    }
    return lines;
}

std::size_t charactersPerLine(double width) {
    // A width is in digits; prose averages narrower than a digit (by about a sixth in DejaVu Sans
    // and in Calibri), so a line of `width` characters fits, capitals and all.
    return static_cast<std::size_t>(std::max(1.0, std::floor(width)));
}

}  // namespace

int Book::linesFor(std::string_view text, double width) {
    return static_cast<int>(wrap(text, charactersPerLine(width)).size());
}

std::vector<std::string_view> Book::splitLines(std::string_view text, double width, int maxLines) {
    const auto lines = wrap(text, charactersPerLine(width));
    const auto perPart = static_cast<std::size_t>(std::max(1, maxLines));
    std::vector<std::string_view> parts;
    for (std::size_t first = 0; first < lines.size(); first += perPart) {
        const std::size_t last = std::min(first + perPart, lines.size()) - 1;
        const std::size_t from = lines[first].first;
        const std::size_t to = last + 1 < lines.size() ? lines[last + 1].first : text.size();
        std::string_view part = text.substr(from, to - from);
        while (!part.empty() && (part.back() == ' ' || part.back() == '\n')) {
            part.remove_suffix(1);
        }
        parts.push_back(part);
    }
    return parts;
}

std::string Book::fitRow(std::string_view text, double width) {
    if (linesFor(text, width) <= maxRowLines) {
        return std::string(text);
    }
    constexpr int markerLines = 3;
    return std::string(splitLines(text, width, maxRowLines - markerLines).front()) + std::string(cutMarker);
}

void Book::setRowHeight(lxw_worksheet* sheet, int row, double points) {
    _extents[sheet].heights[row] = points;
    check(worksheet_set_row(sheet, rowIndex(row), points, nullptr), "row height");
}

void Book::rowLines(lxw_worksheet* sheet, int row, int lines) {
    constexpr double lineHeight = 15;
    if (lines > 1) {
        setRowHeight(sheet, row, lineHeight * std::min(lines, maxRowLines));
    }
}

void Book::headerRow(lxw_worksheet* sheet, int row) {
    constexpr double height = 45;  // three lines of the header font
    setRowHeight(sheet, row, height);
}

void Book::keepTogether(lxw_worksheet* sheet, int first, int last) {
    _extents[sheet].blocks.emplace_back(first, last);
}

void Book::finishTable(lxw_worksheet* sheet, int headerRow, int lastRow, int lastCol, Page page) {
    worksheet_freeze_panes(sheet, rowIndex(headerRow + 1), 0);
    if (lastRow > headerRow) {
        check(worksheet_autofilter(sheet, rowIndex(headerRow), 0, rowIndex(lastRow), colIndex(lastCol)), "autofilter");
    }
    page.headerRow = headerRow;
    finishSheet(sheet, page);
}

void Book::finishSheet(lxw_worksheet* sheet, const Page& page) {
    const Extent& extent = _extents[sheet];
    worksheet_set_paper(sheet, paperA4);
    if (page.landscape) {
        worksheet_set_landscape(sheet);
    } else {
        worksheet_set_portrait(sheet);
    }
    worksheet_set_margins(sheet, sideMargin, sideMargin, topMargin, topMargin);
    double width = 0;
    for (int col = 0; col <= extent.lastCol; ++col) {
        const auto found = extent.widths.find(col);
        width += columnPoints(found == extent.widths.end() ? LXW_DEF_COL_WIDTH : found->second);
    }
    const double pageWidth = page.landscape ? a4LongWide : a4Short;
    const int scale = std::clamp(static_cast<int>(std::floor(pageWidth / width * 100)), page.minimumScale, 100);
    worksheet_set_print_scale(sheet, static_cast<std::uint16_t>(scale));
    if (page.headerRow >= 0) {
        check(worksheet_repeat_rows(sheet, rowIndex(page.headerRow), rowIndex(page.headerRow)), "print titles");
    }
    if (!page.columnGroups.empty()) {
        worksheet_print_across(sheet);  // a page's rows and their continuation across come together
    }
    if (page.keyColumns > 0) {
        check(worksheet_repeat_columns(sheet, 0, colIndex(page.keyColumns - 1)), "print title columns");
    }
    check(worksheet_print_area(sheet, 0, 0, rowIndex(extent.lastRow), colIndex(extent.lastCol)), "print area");
    pageBreaks(sheet, page, extent, scale);
    lxw_header_footer_options margins{};
    margins.margin = headerMargin;
    check(worksheet_set_header_opt(sheet, _header.c_str(), &margins), "page header");
    check(worksheet_set_footer_opt(sheet, _footer.c_str(), &margins), "page footer");
    lxw_protection protection{};
    protection.autofilter = LXW_TRUE;
    protection.sort = LXW_TRUE;
    protection.format_columns = LXW_TRUE;
    protection.format_rows = LXW_TRUE;
    worksheet_protect(sheet, nullptr, &protection);
}

void Book::pageBreaks(lxw_worksheet* sheet, const Page& page, const Extent& extent, int scale) {
    const auto heightOf = [&](int row) {
        const auto found = extent.heights.find(row);
        return found == extent.heights.end() ? LXW_DEF_ROW_HEIGHT : found->second;
    };
    // Down: a block that fits on a page but not on the rest of the current one starts a new page.
    const double pageHeight = (page.landscape ? a4ShortTall : a4Long) * 100.0 / scale * pageSlack;
    const double titles = page.headerRow >= 0 ? heightOf(page.headerRow) : 0;
    std::vector<lxw_row_t> rows;
    double used = 0;
    std::size_t block = 0;
    for (int row = 0; row <= extent.lastRow; ++row) {
        while (block < extent.blocks.size() && extent.blocks[block].first < row) {
            ++block;
        }
        if (block < extent.blocks.size() && extent.blocks[block].first == row && row > 0) {
            double height = 0;
            for (int r = row; r <= extent.blocks[block].second; ++r) {
                height += heightOf(r);
            }
            if (used + height > pageHeight && titles + height <= pageHeight) {
                rows.push_back(rowIndex(row));
                used = row > page.headerRow ? titles : 0;
            }
        }
        if (used + heightOf(row) > pageHeight) {
            used = row > page.headerRow ? titles : 0;  // the page breaks here by itself
        }
        used += heightOf(row);
    }
    // Across: a sheet wider than a page at the smallest scale starts each page at a group of columns.
    const double pageWidth = (page.landscape ? a4LongWide : a4Short) * 100.0 / scale;
    const auto widthOf = [&](int col) {
        const auto found = extent.widths.find(col);
        return columnPoints(found == extent.widths.end() ? LXW_DEF_COL_WIDTH : found->second);
    };
    double keys = 0;
    for (int col = 0; col < page.keyColumns; ++col) {
        keys += widthOf(col);
    }
    std::vector<lxw_col_t> cols;
    double across = 0;
    std::size_t group = 0;
    for (int col = 0; col <= extent.lastCol; ++col) {
        if (group < page.columnGroups.size() && page.columnGroups[group] == col) {
            double groupWidth = 0;
            const int end = group + 1 < page.columnGroups.size() ? page.columnGroups[group + 1] : extent.lastCol + 1;
            for (int c = col; c < end; ++c) {
                groupWidth += widthOf(c);
            }
            if (across + groupWidth > pageWidth && col > 0) {
                cols.push_back(colIndex(col));
                across = keys;
            }
            ++group;
        }
        across += widthOf(col);
    }
    // A sheet holds at most LXW_BREAKS_MAX (1,023) manual breaks each way, Excel's limit; libxlsxwriter
    // counts a longer list in 16 bits and never ends. Past the limit, pages break where they fall.
    if (rows.size() > LXW_BREAKS_MAX) {
        rows.resize(LXW_BREAKS_MAX);
    }
    if (cols.size() > LXW_BREAKS_MAX) {
        cols.resize(LXW_BREAKS_MAX);
    }
    if (!rows.empty()) {
        rows.push_back(0);
        _rowBreaks.push_back(std::move(rows));
        check(worksheet_set_h_pagebreaks(sheet, _rowBreaks.back().data()), "page breaks");
    }
    if (!cols.empty()) {
        cols.push_back(0);
        _colBreaks.push_back(std::move(cols));
        check(worksheet_set_v_pagebreaks(sheet, _colBreaks.back().data()), "page breaks");
    }
}

void Book::insertChart(lxw_worksheet* sheet, int row, int col, lxw_chart* chart, double xScale, double yScale) {
    lxw_chart_options options{};
    options.x_scale = xScale;
    options.y_scale = yScale;
    check(worksheet_insert_chart_opt(sheet, rowIndex(row), colIndex(col), chart, &options), "chart");
    // A chart is 480 x 288 pixels before scaling: the rows and columns it covers are printed too.
    constexpr double chartWidth = 480 * 0.75;
    constexpr double chartHeight = 288 * 0.75;
    Extent& extent = _extents[sheet];
    extent.lastRow =
        std::max(extent.lastRow, row + static_cast<int>(std::ceil(chartHeight * yScale / LXW_DEF_ROW_HEIGHT)));
    double across = 0;
    int last = col;
    for (; across < chartWidth * xScale; ++last) {
        const auto found = extent.widths.find(last);
        across += columnPoints(found == extent.widths.end() ? LXW_DEF_COL_WIDTH : found->second);
    }
    extent.lastCol = std::max(extent.lastCol, last - 1);
}

void Book::close() {
    lxw_workbook* workbook = _workbook;
    _workbook = nullptr;
    check(workbook_close(workbook), "closing");
}

}  // namespace tenderscore::xlsx
