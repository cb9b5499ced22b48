#include <gtest/gtest.h>

#include <string>

#include "format/text.hpp"

namespace tenderscore::text {
namespace {

std::string repeated(const std::string& piece, std::size_t times) {
    std::string text;
    for (std::size_t i = 0; i < times; ++i) {
        text += piece;
    }
    return text;
}

TEST(Text, CellLengthCountsUtf16UnitsNotBytes) {
    EXPECT_EQ(cellLength("abc"), 3U);
    EXPECT_EQ(cellLength("\xC3\xA9"), 1U);          // é: two bytes, one unit
    EXPECT_EQ(cellLength("\xE2\x82\xAC"), 1U);      // €: three bytes, one unit
    EXPECT_EQ(cellLength("\xF0\x9F\x98\x80"), 2U);  // U+1F600: four bytes, a surrogate pair
}

TEST(Text, TwentyThousandAccentedCharactersFitACellWhole) {
    // 40,000 bytes but 20,000 characters: within Excel's 32,767, so nothing is cut.
    const std::string answer = repeated("\xC3\xA9", 20000);
    EXPECT_EQ(truncateForCell(answer, 32767), answer);
}

TEST(Text, LongTextIsCutToTheLimitInCharactersWithAMarker) {
    const std::string answer = repeated("\xC3\xA9", 40000);
    const std::string cell = truncateForCell(answer, 32767);
    EXPECT_EQ(cellLength(cell), 32767U);
    EXPECT_EQ(cell.substr(cell.size() - 12), " [truncated]");
    EXPECT_EQ(cell.substr(0, 2 * (32767 - 12)), repeated("\xC3\xA9", 32767 - 12));
}

TEST(Text, ACutNeverSplitsASurrogatePair) {
    // 13 units of room before the marker's 12 would end in the middle of the seventh U+1F600.
    const std::string answer = repeated("\xF0\x9F\x98\x80", 20);
    const std::string cell = truncateForCell(answer, 25);
    EXPECT_EQ(cell, repeated("\xF0\x9F\x98\x80", 6) + " [truncated]");
    EXPECT_EQ(cellLength(cell), 24U);
}

TEST(Text, TerminalSafeShowsC0DelAndC1ControlsButKeepsOtherText) {
    EXPECT_EQ(terminalSafe("a\x1B[31mb"), "a\\x1B[31mb");
    EXPECT_EQ(terminalSafe("\x7F"), "\\x7F");
    EXPECT_EQ(terminalSafe("\xC2\x9B"
                           "2J"),
              "\\xC2\\x9B2J");  // U+009B, the C1 CSI
    EXPECT_EQ(terminalSafe("\xC2\xA3"
                           "5"),
              "\xC2\xA3"
              "5");  // £ is not a control
    EXPECT_EQ(terminalSafe("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(Text, XmlSafeShowsWhatXmlForbidsAndKeepsWhatItAllows) {
    EXPECT_EQ(xmlSafe("tab\there\nand\rthere"), "tab\there\nand\rthere");
    EXPECT_EQ(xmlSafe("a\x01"
                      "b\x1B"),
              "a\\x01b\\x1B");
    EXPECT_EQ(xmlSafe("\xEF\xBF\xBE"), "\\xEF\\xBF\\xBE");  // U+FFFE
    EXPECT_EQ(xmlSafe("\xED\xA0\x80"), "\\xED\\xA0\\x80");  // a surrogate, U+D800
    EXPECT_EQ(xmlSafe("\xC0\xAF"), "\\xC0\\xAF");           // an overlong '/'
    EXPECT_EQ(xmlSafe("name\xFF.xml"), "name\\xFF.xml");    // not UTF-8
    EXPECT_EQ(xmlSafe("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"), "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
    EXPECT_EQ(xmlSafe("\xC2\x9B"), "\xC2\x9B");  // C1 controls are XML characters
}

}  // namespace
}  // namespace tenderscore::text
