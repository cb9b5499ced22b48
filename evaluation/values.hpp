// Strict readers for the value types of spec section 1. Input text is never passed through
// floating point or a lenient integer conversion: what does not fit the type exactly is refused.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "evaluation/exact.hpp"

namespace tenderscore {

/// Ofsted inspection ratings, ordered so that a larger value is a better rating.
enum class Rating { NotYetInspected = -1, Inadequate = 0, RequiresImprovement = 1, Good = 2, Outstanding = 3 };

/// An instant from an ISO 8601 date-time with a zone, normalised to UTC for comparison.
struct DateTime {
    std::int64_t epochSeconds = 0;
    std::int32_t nanoseconds = 0;
    std::string text;  // as written, for display

    friend bool operator<(const DateTime& a, const DateTime& b) {
        return a.epochSeconds != b.epochSeconds ? a.epochSeconds < b.epochSeconds : a.nanoseconds < b.nanoseconds;
    }
};

/// The largest `int` value accepted anywhere (places, months, years): far beyond any real tender.
inline constexpr std::int64_t maxIntValue = 1'000'000'000;

[[nodiscard]] bool isId(std::string_view text);

/// The code point of the UTF-8 sequence at `i` of bytes known to be valid UTF-8, and its length
/// (the readers check the bytes first; text the core is given has been read by them).
[[nodiscard]] char32_t decodeUtf8(std::string_view bytes, std::size_t i, std::size_t& length);

/// Text that shows nothing: only Unicode white space (the no-break and ideographic spaces among
/// it) and zero-width characters. A reason, rationale or moderation note like that is none.
[[nodiscard]] bool isBlank(std::string_view text);
[[nodiscard]] std::optional<Pence> parseMoney(std::string_view text);
[[nodiscard]] std::optional<Fraction> parseDecimal(std::string_view text);
[[nodiscard]] std::optional<std::int64_t> parseInt(std::string_view text);
/// Digits only, at most `max`: run numbers, counts and sizes on a command line or in a configuration.
[[nodiscard]] std::optional<std::uint64_t> parseCount(std::string_view text, std::uint64_t max);
[[nodiscard]] std::optional<Rating> parseRating(std::string_view text);
[[nodiscard]] std::optional<DateTime> parseDateTime(std::string_view text);
/// A calendar date `YYYY-MM-DD`.
[[nodiscard]] bool isDate(std::string_view text);

[[nodiscard]] std::string_view ratingName(Rating rating);

}  // namespace tenderscore
