// Text for people: money and decimals as a panel writes them, codes in words, and text made safe
// for a terminal or a spreadsheet cell.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "evaluation/code.hpp"
#include "evaluation/exact.hpp"

namespace tenderscore::text {

/// "£5,963.00" for GBP; "5,963.00 EUR" otherwise.
[[nodiscard]] std::string money(Pence pence, const std::string& currency);
/// "2023-10-12T00:00:00Z" for seconds since 1970, as every output states a time.
[[nodiscard]] std::string isoTime(std::int64_t seconds);
/// Amount with thousands separators and two decimals: "5,963.00".
[[nodiscard]] std::string groupedPounds(Pence pence);
/// Each code in words, joined with "; ".
[[nodiscard]] std::string describeCodes(const std::vector<Code>& codes);
/// A code as results.json spells it, in words; text that spells no code is shown as it is.
[[nodiscard]] std::string describeSpelledCode(std::string_view spelled);
/// The length of UTF-8 text as a spreadsheet counts it: UTF-16 code units (a character above U+FFFF
/// counts twice). Excel's limit for a cell is 32,767 of them.
[[nodiscard]] std::size_t cellLength(std::string_view text);
/// Text that may go into any part of an XML document (a workbook's cells, its document properties,
/// page headers): every character XML 1.0 does not allow (C0 controls other than tab, LF and CR,
/// U+FFFE, U+FFFF) and every byte that is not part of valid UTF-8 (file names can hold any bytes)
/// is shown as \xNN, as the terminal shows it.
[[nodiscard]] std::string xmlSafe(std::string_view text);
/// At most `limit` UTF-16 code units, cut between whole characters, with a visible marker when cut.
[[nodiscard]] std::string truncateForCell(std::string_view text, std::size_t limit);
/// Text as HTML character data or a quoted attribute value: & < > " ' escaped, and the controls HTML
/// does not allow (and bytes that are not UTF-8) shown as \xNN, as xmlSafe and the terminal show them.
[[nodiscard]] std::string htmlText(std::string_view text);
/// Control characters shown as \xNN so bidder text cannot drive a terminal: C0 (ESC, CR, tab ...),
/// DEL, and C1 (U+0080 to U+009F, whose CSI a terminal obeys like ESC [) as their two UTF-8 bytes.
[[nodiscard]] std::string terminalSafe(std::string_view text);
/// Whether output to file descriptor `fd` may be coloured: it is a terminal, and NO_COLOR
/// (no-color.org) is not set to a non-empty value. Files, pipes and tests get plain text.
[[nodiscard]] bool colourWanted(int fd);
/// `text` in red, for a terminal the caller has found colourWanted; text already terminal-safe.
[[nodiscard]] std::string red(std::string_view text);
/// Number of characters (code points) in UTF-8 text.
[[nodiscard]] std::size_t displayWidth(std::string_view text);

}  // namespace tenderscore::text
