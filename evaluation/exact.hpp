// Exact numbers: money in pence, scores and prices as exact fractions, and the one rounding rule
// of the method (half-up, away from zero) applied where the spec names it.
#pragma once

#include <cstdint>
#include <string>

#include <gmpxx.h>

namespace tenderscore {

/// An exact rational number. Every ratio of the method is one of these; no floating point decides.
using Fraction = mpq_class;

/// The exact fraction numerator / denominator, in canonical form (GMP requires it for comparisons).
[[nodiscard]] inline Fraction ratio(long numerator, long denominator) {
    Fraction value(numerator, denominator);
    value.canonicalize();
    return value;
}

/// Money in pence.
using Pence = std::int64_t;

/// A value rounded to a fixed number of decimals, held as an integer count of 10^-decimals units.
struct Scaled {
    mpz_class units;
    int decimals = 0;

    friend bool operator==(const Scaled& a, const Scaled& b) { return a.decimals == b.decimals && a.units == b.units; }
};

/// Rounds half-up (away from zero) to `decimals` places: 0.125 -> 0.13 and -0.125 -> -0.13.
[[nodiscard]] Scaled roundHalfUp(const Fraction& value, int decimals);

/// Fixed-point text with exactly `decimals` fraction digits ("92.62", "7", "-0.50").
[[nodiscard]] std::string toString(const Scaled& value);

/// The exact value of a scaled number.
[[nodiscard]] Fraction toFraction(const Scaled& value);

/// Sum of two values at the same number of decimals.
[[nodiscard]] Scaled operator+(const Scaled& a, const Scaled& b);

/// A decimal as people write it, without trailing zeros ("70", "65.5", "52.14"); rounded at six
/// places, which holds every decimal the input format allows exactly.
[[nodiscard]] std::string toPlainDecimal(const Fraction& value);

/// Pence as pounds with two decimals ("5450.00").
[[nodiscard]] std::string formatPence(Pence pence);

/// An exact amount of pence rounded half-up to whole pence.
[[nodiscard]] Pence roundToPence(const Fraction& pence);

/// Pounds as a fraction from pence.
[[nodiscard]] Fraction pounds(Pence pence);

/// A fraction as the nearest double (ties to even), for display edges only (the workbook's cached
/// values); never for a decision.
[[nodiscard]] double toDouble(const Fraction& value);

}  // namespace tenderscore
