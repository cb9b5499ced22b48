#include "xlsx/sheets.hpp"

#include <algorithm>

#include "evaluation/explain.hpp"

namespace tenderscore::xlsx {

void header(const SheetContext& c, lxw_worksheet* sheet, int row, std::initializer_list<Title> titles) {
    c.book.headerRow(sheet, row);
    for (const Title& title : titles) {
        c.book.text(sheet, row, title.col, title.text, c.f.header);
    }
}

void exactNote(const SheetContext& c, lxw_worksheet* sheet, int row, int col, const Fraction& value, int decimals,
               long unit) {
    const Fraction shown = value / unit;
    if (toFraction(roundHalfUp(shown, decimals)) == shown) {
        return;
    }
    constexpr int noteDecimals = 10;
    Fraction exact = shown;
    exact.canonicalize();
    c.book.comment(sheet, row, col,
                   "Exact value " + exact.get_str() + " = " + toString(roundHalfUp(shown, noteDecimals)) +
                       "...; shown rounded to " + std::to_string(decimals) + " decimals");
}

double lotColumnWidth(const SheetContext& c) {
    constexpr double narrowest = 5;
    constexpr double perCharacter = 1.15;  // DejaVu Sans, which LibreOffice prints with here
    std::size_t longest = 0;
    for (const Lot& lot : c.tender().lots) {
        longest = std::max(longest, lot.id.size());
    }
    return std::max(narrowest, perCharacter * static_cast<double>(longest) + 1);
}

double value(const Fraction& fraction) {
    return toDouble(fraction);
}
double value(const Scaled& scaled) {
    return toDouble(toFraction(scaled));
}
double poundsOf(const Fraction& pence) {
    return toDouble(pence / 100);
}
double poundsOf(Pence pence) {
    return toDouble(pounds(pence));
}

std::string tieBreakText(const std::vector<TieBreakKey>& keys) {
    std::string text;
    for (const TieBreakKey key : keys) {
        text += key == TieBreakKey::Quality ? "quality, " : key == TieBreakKey::Price ? "price, " : "submitted, ";
    }
    return text + "then bid id";
}

std::string evaluatorName(const Evaluator& evaluator) {
    return evaluator.name.empty() ? evaluator.id : evaluator.name + " (" + evaluator.id + ")";
}

std::string codesInWords(const std::vector<Code>& codes, const char* separator) {
    std::string words;
    for (const Code& code : codes) {
        words += (words.empty() ? "" : separator) + explain(code) + " (" + spell(code) + ")";
    }
    return words;
}

std::string codesInLines(const std::vector<Code>& codes) {
    std::string lines;
    for (const Code& code : codes) {
        lines += (lines.empty() ? "" : "\n") + explain(code) + "\n(" + spell(code) + ")";
    }
    return lines;
}

std::size_t longestCode(const std::vector<Code>& codes) {
    std::size_t longest = 0;
    for (const Code& code : codes) {
        longest = std::max(longest, spell(code).size() + 2);
    }
    return longest;
}

}  // namespace tenderscore::xlsx
