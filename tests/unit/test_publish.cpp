// The publication's helpers: HTML and CSS escaping, the JSON tree, the ocid prefix, words.
#include <gtest/gtest.h>

#include "publish/html.hpp"
#include "publish/json_tree.hpp"
#include "publish/ocds.hpp"
#include "publish/words.hpp"

namespace tenderscore::publish {
namespace {

TEST(Html, EscapesMarkupQuotesAndAmpersands) {
    EXPECT_EQ(escape("<script>alert(\"x\")</script> & 'y'"),
              "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
}

TEST(Html, ShowsControlsAndBrokenUtf8AsHexButKeepsTabsNewlinesAndUtf8) {
    EXPECT_EQ(escape("a\x1B[31mb\x7F\tc\nd"), "a\\x1B[31mb\\x7F\tc\nd");
    EXPECT_EQ(escape("\xC3\xA9t\xC3\xA9 \xFF"), "\xC3\xA9t\xC3\xA9 \\xFF");
}

TEST(Html, CssStringEscapesEverySignSoTextCannotLeaveTheString) {
    EXPECT_EQ(cssString("Essex County Council"), "\"Essex County Council\"");
    EXPECT_EQ(cssString("a\"; } </style>"), "\"a\\22 \\3B  \\7D  \\3C \\2F style\\3E \"");
}

TEST(Html, TableHeadsColumnsAndRows) {
    EXPECT_EQ(table("Caption <1>", {"A", "B"}, {{"x", "y"}}),
              "<table>\n<caption>Caption &lt;1&gt;</caption>\n<thead><tr><th scope=\"col\">A</th><th "
              "scope=\"col\">B</th></tr></thead>\n<tbody>\n<tr><th scope=\"row\">x</th><td>y</td></tr>\n</tbody>\n"
              "</table>\n");
}

TEST(JsonTree, KeepsMemberOrderAndWritesDecimalsAsNumbers) {
    Json root = Json::object();
    root.set("z", Json::number("16405233.95"));
    Json& list = root.set("a", Json::array());
    list.push(Json::string("\"q\""));
    list.push(Json::boolean(true));
    root.set("empty", Json::object());
    EXPECT_EQ(root.text(),
              "{\n  \"z\": 16405233.95,\n  \"a\": [\n    \"\\\"q\\\"\",\n    true\n  ],\n  \"empty\": {}\n}\n");
}

TEST(JsonTree, RefusesANumberThatIsNotADecimal) {
    EXPECT_THROW((void)Json::number("1e3"), std::logic_error);
    EXPECT_THROW((void)Json::number("-1"), std::logic_error);
    EXPECT_THROW((void)Json::number("1."), std::logic_error);
}

TEST(Ocds, PrefixIsOcdsAndSixLowerCaseLettersOrDigits) {
    EXPECT_TRUE(isOcidPrefix("ocds-b5fd17"));
    EXPECT_FALSE(isOcidPrefix("ocds-B5FD17"));
    EXPECT_FALSE(isOcidPrefix("ocds-b5fd1"));
    EXPECT_FALSE(isOcidPrefix("ocds-b5fd170"));
    EXPECT_FALSE(isOcidPrefix("ocid-b5fd17"));
}

TEST(Words, OrdinalsDatesAndScores) {
    EXPECT_EQ(ordinal(1), "1st");
    EXPECT_EQ(ordinal(12), "12th");
    EXPECT_EQ(ordinal(22), "22nd");
    EXPECT_EQ(ordinal(113), "113th");
    EXPECT_EQ(isoText(1697068800), "2023-10-12T00:00:00Z");
    EXPECT_EQ(dayText(1697068800), "12 October 2023");
    DateTime late;
    late.epochSeconds = 1696248001;  // 2023-10-02T12:00:01Z: a second late must not read as 12:00
    EXPECT_EQ(instantText(late), "2 October 2023 at 12:00:01 UTC");
    EXPECT_EQ(scoreText(ratio(19, 4), 2), "4.75");
    EXPECT_EQ(scoreText(ratio(11, 3), 2), "3.67");
    EXPECT_EQ(scoreText(Fraction(4), 2), "4");
    EXPECT_EQ(roundedText(Fraction(13), 2), "13.00");
    EXPECT_EQ(ratingText(Rating::RequiresImprovement), "Requires improvement");
}

TEST(Words, VolumesAreGroupedInThousandsWithTheirDecimalsKept) {
    EXPECT_EQ(volumeText(Fraction(7300)), "7,300");
    EXPECT_EQ(volumeText(Fraction(600)), "600");
    EXPECT_EQ(volumeText(Fraction(1000000000)), "1,000,000,000");
    EXPECT_EQ(volumeText(ratio(25, 2)), "12.5");  // a band's volume may be a decimal
    EXPECT_EQ(volumeText(ratio(123456789, 1000)), "123,456.789");
}

}  // namespace
}  // namespace tenderscore::publish
