#include <gtest/gtest.h>

#include "exact.hpp"
#include "values.hpp"

namespace tenderscore {
namespace {

std::string rounded(const Fraction& value, int decimals) {
    return toString(roundHalfUp(value, decimals));
}

TEST(Exact, RoundsExactHalfUpAtZeroDecimals) {
    EXPECT_EQ(rounded(ratio(5, 2), 0), "3");
    EXPECT_EQ(rounded(ratio(7, 2), 0), "4");
    EXPECT_EQ(rounded(ratio(49, 20), 0), "2");  // 2.45
}

TEST(Exact, RoundsExactHalfUpAtTwoDecimals) {
    EXPECT_EQ(rounded(ratio(1, 8), 2), "0.13");         // 0.125
    EXPECT_EQ(rounded(ratio(2001, 16000), 2), "0.13");  // 0.1250625
    EXPECT_EQ(rounded(ratio(1249, 10000), 2), "0.12");  // 0.1249
    EXPECT_EQ(rounded(ratio(200, 3), 2), "66.67");
    EXPECT_EQ(rounded(ratio(100, 3), 2), "33.33");
}

TEST(Exact, RoundsExactHalfUpAtSixDecimals) {
    EXPECT_EQ(rounded(ratio(1, 2000000), 6), "0.000001");     // 0.0000005
    EXPECT_EQ(rounded(ratio(49, 100000000), 6), "0.000000");  // 0.00000049
    EXPECT_EQ(rounded(ratio(2, 3), 6), "0.666667");
}

TEST(Exact, RoundsNegativeHalvesAwayFromZero) {
    EXPECT_EQ(rounded(ratio(-5, 2), 0), "-3");
    EXPECT_EQ(rounded(ratio(-1, 8), 2), "-0.13");
}

TEST(Exact, FormatsScaledValuesWithTheirDecimals) {
    EXPECT_EQ(toString(Scaled{7, 0}), "7");
    EXPECT_EQ(toString(Scaled{5, 2}), "0.05");
    EXPECT_EQ(toString(Scaled{9262, 2}), "92.62");
    EXPECT_EQ(toString(Scaled{1, 6}), "0.000001");
}

TEST(Exact, AddsScaledValuesExactly) {
    EXPECT_EQ(toString(Scaled{6862, 2} + Scaled{2400, 2}), "92.62");
    EXPECT_THROW((void)(Scaled{1, 2} + Scaled{1, 3}), std::invalid_argument);
}

TEST(Exact, FormatsPenceAsPounds) {
    EXPECT_EQ(formatPence(545000), "5450.00");
    EXPECT_EQ(formatPence(5), "0.05");
    EXPECT_EQ(formatPence(356402970), "3564029.70");
}

TEST(Exact, RoundsPenceHalfUp) {
    EXPECT_EQ(roundToPence(ratio(11, 2)), 6);
    EXPECT_EQ(roundToPence(ratio(553214, 100)), 5532);
}

TEST(Exact, WeightsWithDecimalsAddUpExactly) {
    EXPECT_EQ(*parseDecimal("65.5") + *parseDecimal("34.5"), 100);
    EXPECT_EQ(*parseDecimal("33.333333") + *parseDecimal("33.333333") + *parseDecimal("33.333334"), 100);
    EXPECT_EQ(toPlainDecimal(*parseDecimal("65.50")), "65.5");
    EXPECT_EQ(toPlainDecimal(Fraction(70)), "70");
}

}  // namespace
}  // namespace tenderscore
