// HTML for the assessment summaries: every text that came from a bid, the tender or the panel is
// escaped here, whatever it holds, and a page is built from a few checked helpers so that no
// caller writes markup around unescaped text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tenderscore::publish {

/// Text as HTML character data or a quoted attribute value: & < > " ' escaped, and the controls HTML
/// does not allow in text (C0 but tab, LF and CR; DEL) and bytes that are not UTF-8 shown as \xNN, as
/// the workbook shows them (text::xmlSafe).
[[nodiscard]] std::string escape(std::string_view text);

/// Text as a CSS string literal (for the print header's `content`): quotes, backslashes, angle
/// brackets and every other ASCII character but letters, digits and spaces as CSS hex escapes (after
/// text::xmlSafe).
[[nodiscard]] std::string cssString(std::string_view text);

/// One row of a table: the cells are already HTML. A row's first cell is a header for the row.
using Row = std::vector<std::string>;

/// A table with a caption, column headers (text, escaped) and rows whose first cell heads the row.
[[nodiscard]] std::string table(std::string_view caption, const std::vector<std::string>& headers,
                                const std::vector<Row>& rows, std::string_view cssClass = {});

/// `<tag>escaped text</tag>`.
[[nodiscard]] std::string element(std::string_view tag, std::string_view text);

}  // namespace tenderscore::publish
