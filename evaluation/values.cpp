#include "evaluation/values.hpp"

#include <array>

namespace tenderscore {

namespace {

constexpr std::size_t maxIdLength = 64;
constexpr std::size_t maxMoneyIntegerDigits = 12;  // up to £999,999,999,999.99
constexpr std::size_t maxDecimalIntegerDigits = 15;
constexpr std::size_t maxDecimalFractionDigits = 6;
constexpr std::size_t maxMoneyFractionDigits = 2;

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool allDigits(std::string_view text) {
    for (const char c : text) {
        if (!isDigit(c)) {
            return false;
        }
    }
    return true;
}

std::int64_t digitsValue(std::string_view digits) {
    std::int64_t value = 0;
    for (const char c : digits) {
        value = value * 10 + (c - '0');
    }
    return value;
}

/// Splits "123.45" into integer and fraction digits; refuses anything but digits and one point
/// with digits on both sides.
bool splitDecimal(std::string_view text, std::size_t maxInteger, std::size_t maxFraction, std::string_view& integer,
                  std::string_view& fraction) {
    const auto point = text.find('.');
    integer = text.substr(0, point);
    fraction = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
    if (integer.empty() || integer.size() > maxInteger || !allDigits(integer)) {
        return false;
    }
    if (point != std::string_view::npos &&
        (fraction.empty() || fraction.size() > maxFraction || !allDigits(fraction))) {
        return false;
    }
    return true;
}

bool isLeapYear(std::int64_t year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(std::int64_t year, std::int64_t month) {
    constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : days[static_cast<std::size_t>(month - 1)];
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t year, std::int64_t month, std::int64_t day) {
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const std::int64_t yearOfEra = year - era * 400;
    const std::int64_t dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

/// Reads a fixed-width run of digits at `pos`.
bool fixedDigits(std::string_view text, std::size_t pos, std::size_t width, std::int64_t& value) {
    if (pos + width > text.size() || !allDigits(text.substr(pos, width))) {
        return false;
    }
    value = digitsValue(text.substr(pos, width));
    return true;
}

bool parseDateAt(std::string_view text, std::int64_t& year, std::int64_t& month, std::int64_t& day) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    if (!fixedDigits(text, 0, 4, year) || !fixedDigits(text, 5, 2, month) || !fixedDigits(text, 8, 2, day)) {
        return false;
    }
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

}  // namespace

namespace {

/// Unicode's White_Space, and the zero-width space, joiners, word joiner and byte order mark.
bool showsNothing(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200D) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x2060 ||
           c == 0x3000 || c == 0xFEFF;
}

}  // namespace

char32_t decodeUtf8(std::string_view bytes, std::size_t i, std::size_t& length) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
        length = 1;
        return c;
    }
    length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    char32_t value = c & (0xFFU >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
        value = (value << 6) | (static_cast<unsigned char>(bytes[i + k]) & 0x3FU);
    }
    return value;
}

bool isBlank(std::string_view text) {
    for (std::size_t i = 0, length = 0; i < text.size(); i += length) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (i + (lead < 0x80U ? 1 : lead < 0xE0U ? 2 : lead < 0xF0U ? 3 : 4) > text.size()) {
            return false;  // a cut sequence: whatever it is, it is not nothing
        }
        if (!showsNothing(decodeUtf8(text, i, length))) {
            return false;
        }
    }
    return true;
}

bool isId(std::string_view text) {
    if (text.empty() || text.size() > maxIdLength) {
        return false;
    }
    for (const char c : text) {
        const bool allowed =
            isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == '_' || c == '-';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

std::optional<Pence> parseMoney(std::string_view text) {
    std::string_view integer;
    std::string_view fraction;
    if (!splitDecimal(text, maxMoneyIntegerDigits, maxMoneyFractionDigits, integer, fraction)) {
        return std::nullopt;
    }
    std::int64_t pence = digitsValue(integer) * 100;
    if (!fraction.empty()) {
        pence += digitsValue(fraction) * (fraction.size() == 1 ? 10 : 1);
    }
    if (pence <= 0) {
        return std::nullopt;
    }
    return pence;
}

std::optional<Fraction> parseDecimal(std::string_view text) {
    std::string_view integer;
    std::string_view fraction;
    if (!splitDecimal(text, maxDecimalIntegerDigits, maxDecimalFractionDigits, integer, fraction)) {
        return std::nullopt;
    }
    std::string digits(integer);
    digits += fraction;
    std::string denominator = "1";
    denominator.append(fraction.size(), '0');
    Fraction value(mpz_class(digits, 10), mpz_class(denominator, 10));
    value.canonicalize();
    return value;
}

std::optional<std::int64_t> parseInt(std::string_view text) {
    constexpr std::size_t maxDigits = 10;
    if (text.empty() || text.size() > maxDigits || !allDigits(text)) {
        return std::nullopt;
    }
    const std::int64_t value = digitsValue(text);
    if (value > maxIntValue) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::uint64_t> parseCount(std::string_view text, std::uint64_t max) {
    if (text.empty() || !allDigits(text)) {
        return std::nullopt;
    }
    constexpr std::uint64_t ten = 10;
    std::uint64_t value = 0;
    for (const char c : text) {
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (digit > max || value > (max - digit) / ten) {
            return std::nullopt;
        }
        value = value * ten + digit;
    }
    return value;
}

std::optional<Rating> parseRating(std::string_view text) {
    if (text == "Outstanding") {
        return Rating::Outstanding;
    }
    if (text == "Good") {
        return Rating::Good;
    }
    if (text == "RequiresImprovement") {
        return Rating::RequiresImprovement;
    }
    if (text == "Inadequate") {
        return Rating::Inadequate;
    }
    if (text == "NotYetInspected") {
        return Rating::NotYetInspected;
    }
    return std::nullopt;
}

std::string_view ratingName(Rating rating) {
    switch (rating) {
    case Rating::Outstanding:
        return "Outstanding";
    case Rating::Good:
        return "Good";
    case Rating::RequiresImprovement:
        return "RequiresImprovement";
    case Rating::Inadequate:
        return "Inadequate";
    case Rating::NotYetInspected:
        return "NotYetInspected";
    }
    return "NotYetInspected";
}

bool isDate(std::string_view text) {
    std::int64_t year = 0;
    std::int64_t month = 0;
    std::int64_t day = 0;
    return text.size() == 10 && parseDateAt(text, year, month, day);
}

std::optional<DateTime> parseDateTime(std::string_view text) {
    // YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm)
    std::int64_t year = 0;
    std::int64_t month = 0;
    std::int64_t day = 0;
    std::int64_t hour = 0;
    std::int64_t minute = 0;
    std::int64_t second = 0;
    if (!parseDateAt(text, year, month, day) || text.size() < 20 || text[10] != 'T' || text[13] != ':' ||
        text[16] != ':') {
        return std::nullopt;
    }
    if (!fixedDigits(text, 11, 2, hour) || !fixedDigits(text, 14, 2, minute) || !fixedDigits(text, 17, 2, second) ||
        hour > 23 || minute > 59 || second > 59) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    std::int64_t nanoseconds = 0;
    if (text[pos] == '.') {
        constexpr std::size_t maxFractionDigits = 9;
        const std::size_t start = ++pos;
        while (pos < text.size() && isDigit(text[pos])) {
            ++pos;
        }
        const std::size_t count = pos - start;
        if (count == 0 || count > maxFractionDigits) {
            return std::nullopt;
        }
        nanoseconds = digitsValue(text.substr(start, count));
        for (std::size_t i = count; i < maxFractionDigits; ++i) {
            nanoseconds *= 10;
        }
    }
    std::int64_t offsetSeconds = 0;
    const std::string_view zone = text.substr(std::min(pos, text.size()));
    if (zone == "Z") {
        offsetSeconds = 0;
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
        std::int64_t zoneHours = 0;
        std::int64_t zoneMinutes = 0;
        if (!fixedDigits(zone, 1, 2, zoneHours) || !fixedDigits(zone, 4, 2, zoneMinutes) || zoneHours > 14 ||
            zoneMinutes > 59) {
            return std::nullopt;
        }
        offsetSeconds = (zoneHours * 60 + zoneMinutes) * 60 * (zone[0] == '-' ? -1 : 1);
    } else {
        return std::nullopt;
    }
    DateTime result;
    result.epochSeconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    result.nanoseconds = static_cast<std::int32_t>(nanoseconds);
    result.text = std::string(text);
    return result;
}

}  // namespace tenderscore
