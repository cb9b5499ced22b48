// PDF copies of the summaries, printed by Debian's headless Chromium when it is installed. The HTML
// is the product; the PDF a convenience, and not reproducible byte for byte (Chromium stamps its
// own creation time and ids), so no test compares PDF bytes.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace tenderscore::publish {

/// The Chromium to print with: TENDERSCORE_CHROMIUM when set (empty: print no PDFs), else
/// `chromium` found on PATH; nothing when there is none.
[[nodiscard]] std::optional<std::filesystem::path> findChromium();

/// Prints `html` (a file) to the PDF file `pdf`, with a profile of its own in `profile`. Throws
/// io::OutputError when Chromium fails, times out, or writes no PDF.
void printToPdf(const std::filesystem::path& chromium, const std::filesystem::path& html,
                const std::filesystem::path& pdf, const std::filesystem::path& profile);

}  // namespace tenderscore::publish
