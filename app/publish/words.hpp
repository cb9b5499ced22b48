// Figures and dates as a bidder reads them in a summary: "£5,633.33", "4.75", "5th",
// "2 October 2023 at 12:14 UTC". Display only: every figure is the core's, rounded half-up for
// showing where it is not whole.
#pragma once

#include <cstdint>
#include <string>

#include "evaluation/exact.hpp"
#include "evaluation/values.hpp"

namespace tenderscore::publish {

/// An exact score: whole numbers as they are ("4"), others rounded to `decimals` ("4.75").
[[nodiscard]] std::string scoreText(const Fraction& score, int decimals);
/// An exact score rounded half-up to `decimals`, always with them ("13.00").
[[nodiscard]] std::string roundedText(const Fraction& score, int decimals);
/// An Ofsted rating as people write it: "Requires improvement".
[[nodiscard]] std::string ratingText(Rating rating);
/// An exact amount of pence as money, rounded to the penny: "£5,633.33".
[[nodiscard]] std::string moneyText(const Fraction& pence, const std::string& currency);
/// An exact quantity (a band's volume) with thousands separated: "7,300", "1,250.5".
[[nodiscard]] std::string volumeText(const Fraction& volume);
/// 1st, 2nd, 3rd, 4th, 11th, 21st ...
[[nodiscard]] std::string ordinal(std::int64_t n);
/// "1 place", "3 places".
[[nodiscard]] std::string count(std::int64_t n, const std::string& one, const std::string& many);
/// "2 October 2023 at 12:14 UTC" for an instant.
[[nodiscard]] std::string instantText(const DateTime& when);
/// "12 October 2023" for seconds since the epoch.
[[nodiscard]] std::string dayText(std::int64_t epochSeconds);
/// "2023-10-12T00:00:00Z" for seconds since the epoch (OCDS dates).
[[nodiscard]] std::string isoText(std::int64_t epochSeconds);
/// The first letter in upper case (ASCII), for a sentence made of a phrase.
[[nodiscard]] std::string sentence(std::string phrase);

}  // namespace tenderscore::publish
