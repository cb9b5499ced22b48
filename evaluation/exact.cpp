#include "evaluation/exact.hpp"

#include <cmath>

#include <stdexcept>

namespace tenderscore {

namespace {

mpz_class powerOfTen(int exponent) {
    mpz_class result;
    mpz_ui_pow_ui(result.get_mpz_t(), 10, static_cast<unsigned long>(exponent));
    return result;
}

}  // namespace

Scaled roundHalfUp(const Fraction& value, int decimals) {
    if (decimals < 0) {
        throw std::invalid_argument("roundHalfUp: negative number of decimals");
    }
    const Fraction scaled = value * Fraction(powerOfTen(decimals));
    const mpz_class twiceNumerator = 2 * abs(scaled.get_num()) + scaled.get_den();
    // floor((2|n| + d) / 2d) is |x| + 1/2 rounded down, i.e. half-up on the magnitude.
    mpz_class magnitude;
    mpz_fdiv_q(magnitude.get_mpz_t(), twiceNumerator.get_mpz_t(), mpz_class(2 * scaled.get_den()).get_mpz_t());
    return Scaled{sgn(scaled) < 0 ? mpz_class(-magnitude) : magnitude, decimals};
}

std::string toString(const Scaled& value) {
    const bool negative = sgn(value.units) < 0;
    std::string digits = mpz_class(abs(value.units)).get_str();
    const auto width = static_cast<std::size_t>(value.decimals);
    if (digits.size() <= width) {
        digits.insert(0, width + 1 - digits.size(), '0');
    }
    std::string text = negative ? "-" : "";
    text += digits.substr(0, digits.size() - width);
    if (width > 0) {
        text += '.';
        text += digits.substr(digits.size() - width);
    }
    return text;
}

Fraction toFraction(const Scaled& value) {
    Fraction result(value.units, powerOfTen(value.decimals));
    result.canonicalize();
    return result;
}

Scaled operator+(const Scaled& a, const Scaled& b) {
    if (a.decimals != b.decimals) {
        throw std::invalid_argument("Scaled addition with different decimals");
    }
    return Scaled{a.units + b.units, a.decimals};
}

std::string toPlainDecimal(const Fraction& value) {
    constexpr int places = 6;
    std::string text = toString(roundHalfUp(value, places));
    while (text.back() == '0') {
        text.pop_back();
    }
    if (text.back() == '.') {
        text.pop_back();
    }
    return text;
}

std::string formatPence(Pence pence) {
    return toString(Scaled{mpz_class(static_cast<long>(pence)), 2});
}

Pence roundToPence(const Fraction& pence) {
    const Scaled rounded = roundHalfUp(pence, 0);
    if (!rounded.units.fits_slong_p()) {
        throw std::overflow_error("amount of money out of range");
    }
    return static_cast<Pence>(rounded.units.get_si());
}

Fraction pounds(Pence pence) {
    Fraction result(static_cast<long>(pence), 100);
    result.canonicalize();
    return result;
}

double toDouble(const Fraction& value) {
    // GMP's mpq_get_d truncates (5963/100 would give 59.629999999999995); a spreadsheet holding the
    // cached value must get the double nearest the exact value, as Excel would parse "59.63". The
    // quotient is taken to 54 or 55 bits, then rounded to 53 bits, half to even, with the
    // remainder as the sticky bit.
    const int sign = sgn(value);
    if (sign == 0) {
        return 0.0;
    }
    constexpr long significandBits = 53;
    mpz_class numerator = abs(value.get_num());
    mpz_class denominator = value.get_den();
    const long shift = significandBits + 1 -
                       (static_cast<long>(mpz_sizeinbase(numerator.get_mpz_t(), 2)) -
                        static_cast<long>(mpz_sizeinbase(denominator.get_mpz_t(), 2)));
    if (shift >= 0) {
        numerator <<= static_cast<mp_bitcnt_t>(shift);
    } else {
        denominator <<= static_cast<mp_bitcnt_t>(-shift);
    }
    mpz_class quotient;
    mpz_class remainder;
    mpz_tdiv_qr(quotient.get_mpz_t(), remainder.get_mpz_t(), numerator.get_mpz_t(), denominator.get_mpz_t());
    const auto extra = static_cast<mp_bitcnt_t>(mpz_sizeinbase(quotient.get_mpz_t(), 2)) - significandBits;
    const mpz_class dropped = quotient & ((mpz_class(1) << extra) - 1);
    const mpz_class half = mpz_class(1) << (extra - 1);
    quotient >>= extra;
    if (dropped > half || (dropped == half && (remainder != 0 || mpz_odd_p(quotient.get_mpz_t()) != 0))) {
        quotient += 1;  // at most 2^53: still exact in a double
    }
    const double magnitude = std::ldexp(quotient.get_d(), static_cast<int>(static_cast<long>(extra) - shift));
    return sign < 0 ? -magnitude : magnitude;
}

}  // namespace tenderscore
