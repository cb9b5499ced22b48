#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "evaluation/exact.hpp"
#include "evaluation/values.hpp"

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

TEST(Exact, ConvertsToTheNearestDouble) {
    EXPECT_EQ(toDouble(ratio(596300, 100)), 5963.0);
    EXPECT_EQ(toDouble(ratio(440206, 100)), 4402.06);  // GMP's own conversion truncates to 4402.0599...
    EXPECT_EQ(toDouble(ratio(5771, 100)), 57.71);
    EXPECT_EQ(toDouble(ratio(-5771, 100)), -57.71);
    EXPECT_EQ(toDouble(ratio(1, 3)), 1.0 / 3.0);
    EXPECT_EQ(toDouble(ratio(2, 3)), 2.0 / 3.0);
    EXPECT_EQ(toDouble(Fraction(0)), 0.0);
    EXPECT_EQ(toDouble(Fraction(mpz_class(1) << 200)), std::ldexp(1.0, 200));
    // 2^53 + 1 lies half-way between two doubles: ties go to the even one, 2^53.
    EXPECT_EQ(toDouble(Fraction((mpz_class(1) << 53) + 1)), std::ldexp(1.0, 53));
    EXPECT_EQ(toDouble(Fraction((mpz_class(1) << 53) + 3)), std::ldexp(1.0, 53) + 4);
    // Against IEEE division, which is correctly rounded, for operands a double holds exactly.
    std::uint64_t state = 88172645463325252ULL;
    auto next = [&] {
        state ^= state << 13U;
        state ^= state >> 7U;
        state ^= state << 17U;
        return state >> 12U;  // 52 bits
    };
    for (int i = 0; i < 20000; ++i) {
        const std::uint64_t n = next() >> (next() % 50);
        const std::uint64_t d = (next() >> (next() % 50)) + 1;
        Fraction exact(mpz_class(std::to_string(n)), mpz_class(std::to_string(d)));
        exact.canonicalize();
        ASSERT_EQ(toDouble(exact), static_cast<double>(n) / static_cast<double>(d)) << n << "/" << d;
    }
}

TEST(Exact, WeightsWithDecimalsAddUpExactly) {
    EXPECT_EQ(*parseDecimal("65.5") + *parseDecimal("34.5"), 100);
    EXPECT_EQ(*parseDecimal("33.333333") + *parseDecimal("33.333333") + *parseDecimal("33.333334"), 100);
    EXPECT_EQ(toPlainDecimal(*parseDecimal("65.50")), "65.5");
    EXPECT_EQ(toPlainDecimal(Fraction(70)), "70");
}

}  // namespace
}  // namespace tenderscore
