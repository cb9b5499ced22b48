// Characters as XML 1.0 (fifth edition) sees them: which code points are characters at all, which
// may appear in names, and the byte classes the well-formedness scan uses. The bytes are UTF-8.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "evaluation/values.hpp"  // decodeUtf8

namespace tenderscore::xml {

inline constexpr char32_t beyondUnicode = 0x110000;

/// Offset of the first byte that does not start a well-formed UTF-8 sequence (no overlongs, no
/// surrogates, nothing above U+10FFFF), or npos when all is well.
[[nodiscard]] std::size_t firstInvalidUtf8(std::string_view bytes);

/// Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
[[nodiscard]] bool isXmlChar(char32_t c);
/// NameStartChar in ASCII.
[[nodiscard]] constexpr bool isAsciiNameStart(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
/// NameStartChar and NameChar, for any code point.
[[nodiscard]] bool isNameStartChar(char32_t c);
[[nodiscard]] bool isNameChar(char32_t c);

[[nodiscard]] inline bool isSpace(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// A C0 control character other than tab, line feed and carriage return: never allowed.
[[nodiscard]] constexpr bool isForbiddenControl(unsigned c) {
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/// A byte the scan must look at in any text: a forbidden control character, or 0xEF, which starts
/// U+FFFE and U+FFFF (EF BF BE, EF BF BF), the only non-characters valid UTF-8 can hold.
[[nodiscard]] constexpr bool isCheckedByte(unsigned c) {
    return isForbiddenControl(c) || c == 0xEF;
}

/// The bytes a scanning loop must stop at; it steps over every other byte at once.
using SpecialBytes = std::array<bool, 256>;

/// The checked bytes and `specials`.
[[nodiscard]] constexpr SpecialBytes specialBytes(std::string_view specials) {
    SpecialBytes table{};
    for (unsigned c = 0; c < table.size(); ++c) {
        table[c] = isCheckedByte(c);
    }
    for (const char c : specials) {
        table[static_cast<unsigned char>(c)] = true;
    }
    return table;
}

/// "U+0001"; "a number beyond U+10FFFF" for anything larger.
[[nodiscard]] std::string codePoint(char32_t c);

/// At most 40 bytes of `text` for a message, cut at a character boundary.
[[nodiscard]] std::string excerpt(std::string_view text);

[[nodiscard]] bool equalsIgnoringCase(std::string_view a, std::string_view b);

}  // namespace tenderscore::xml
