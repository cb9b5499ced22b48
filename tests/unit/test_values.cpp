#include <gtest/gtest.h>

#include "evaluation/values.hpp"

namespace tenderscore {
namespace {

TEST(Values, MoneyAcceptsPoundsWithUpToTwoDecimals) {
    EXPECT_EQ(parseMoney("5450"), 545000);
    EXPECT_EQ(parseMoney("5450.5"), 545050);
    EXPECT_EQ(parseMoney("5450.50"), 545050);
    EXPECT_EQ(parseMoney("0.01"), 1);
}

TEST(Values, MoneyRefusesSignsExponentsSeparatorsAndZero) {
    for (const char* bad : {"-5450", "+5450", "5.45e3", "5,450.00", "5450.001", "0", "0.00", "NaN", "inf", " 5450",
                            "5450 ", "", ".5", "5.", "£5450", "5450.5.0", "0x10"}) {
        EXPECT_FALSE(parseMoney(bad)) << bad;
    }
}

TEST(Values, DecimalAcceptsUpToSixFractionDigits) {
    EXPECT_EQ(*parseDecimal("52.14"), ratio(5214, 100));
    EXPECT_EQ(*parseDecimal("0.000001"), ratio(1, 1000000));
    EXPECT_EQ(*parseDecimal("0"), 0);
    EXPECT_FALSE(parseDecimal("0.0000001"));
    EXPECT_FALSE(parseDecimal("-1"));
    EXPECT_FALSE(parseDecimal("1e2"));
    EXPECT_FALSE(parseDecimal("1,5"));
}

TEST(Values, IntAcceptsDigitsOnly) {
    EXPECT_EQ(parseInt("18"), 18);
    EXPECT_EQ(parseInt("007"), 7);
    EXPECT_FALSE(parseInt("1.0"));
    EXPECT_FALSE(parseInt("-1"));
    EXPECT_FALSE(parseInt("+1"));
    EXPECT_FALSE(parseInt(""));
    EXPECT_FALSE(parseInt("99999999999"));
    EXPECT_FALSE(parseInt("1000000001"));
}

TEST(Values, IdAllowsOnlyItsCharactersUpTo64) {
    EXPECT_TRUE(isId("BID-004"));
    EXPECT_TRUE(isId("a.b_c-D9"));
    EXPECT_TRUE(isId(std::string(64, 'x')));
    EXPECT_FALSE(isId(std::string(65, 'x')));
    EXPECT_FALSE(isId(""));
    EXPECT_FALSE(isId("BID 004"));
    EXPECT_FALSE(isId("BID/004"));
    EXPECT_FALSE(isId("BÏD"));
}

TEST(Values, RatingsAreOrderedWithNotYetInspectedBelowAll) {
    EXPECT_EQ(parseRating("RequiresImprovement"), Rating::RequiresImprovement);
    EXPECT_FALSE(parseRating("good"));
    EXPECT_LT(Rating::NotYetInspected, Rating::Inadequate);
    EXPECT_LT(Rating::Inadequate, Rating::RequiresImprovement);
    EXPECT_LT(Rating::Good, Rating::Outstanding);
}

TEST(Values, DateTimesWithDifferentZonesCompareAsInstants) {
    const DateTime utc = *parseDateTime("2023-10-02T11:59:00Z");
    const DateTime bst = *parseDateTime("2023-10-02T12:59:00+01:00");
    EXPECT_FALSE(utc < bst);
    EXPECT_FALSE(bst < utc);
    EXPECT_LT(*parseDateTime("2023-10-02T11:59:00Z"), *parseDateTime("2023-10-02T11:59:00.5Z"));
    EXPECT_EQ(parseDateTime("1970-01-01T00:00:00Z")->epochSeconds, 0);
    EXPECT_EQ(parseDateTime("2023-10-02T12:00:00Z")->epochSeconds, 1696248000);
}

TEST(Values, DateTimesNeedAZoneAndARealDate) {
    EXPECT_FALSE(parseDateTime("2023-10-02T12:00:00"));
    EXPECT_FALSE(parseDateTime("2023-02-29T12:00:00Z"));
    EXPECT_TRUE(parseDateTime("2024-02-29T12:00:00Z"));
    EXPECT_FALSE(parseDateTime("2023-10-02 12:00:00Z"));
    EXPECT_FALSE(parseDateTime("2023-10-02T24:00:00Z"));
    EXPECT_FALSE(parseDateTime("2023-10-02T12:00:00+1:00"));
    EXPECT_TRUE(isDate("2024-04-01"));
    EXPECT_FALSE(isDate("2024-04-31"));
}

TEST(Values, BlankTextIsWhiteSpaceAndZeroWidthCharactersOnly) {
    EXPECT_TRUE(isBlank(""));
    EXPECT_TRUE(isBlank(" \t\r\n"));
    EXPECT_TRUE(isBlank("\u00A0\u2003\u3000"));        // no-break, em and ideographic spaces
    EXPECT_TRUE(isBlank("\u200B\u200D\u2060\uFEFF"));  // zero-width space, joiner, word joiner, BOM
    EXPECT_FALSE(isBlank("\u00A0x"));
    EXPECT_FALSE(isBlank("\u00E9"));  // e acute shows
    EXPECT_FALSE(isBlank("-"));
    EXPECT_FALSE(isBlank("\xC2"));  // a cut sequence is not nothing
}

}  // namespace
}  // namespace tenderscore
