#include "publish/words.hpp"

#include <array>
#include <ctime>

#include "format/text.hpp"

namespace tenderscore::publish {

namespace {

constexpr std::array<const char*, 12> monthNames{"January", "February", "March",     "April",   "May",      "June",
                                                 "July",    "August",   "September", "October", "November", "December"};

std::tm utc(std::int64_t epochSeconds) {
    const auto seconds = static_cast<std::time_t>(epochSeconds);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    return parts;
}

std::string twoDigits(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

}  // namespace

std::string scoreText(const Fraction& score, int decimals) {
    if (score.get_den() == 1) {
        return score.get_num().get_str();
    }
    return roundedText(score, decimals);
}

std::string roundedText(const Fraction& score, int decimals) {
    return toString(roundHalfUp(score, decimals));
}

std::string ratingText(Rating rating) {
    switch (rating) {
    case Rating::Outstanding:
        return "Outstanding";
    case Rating::Good:
        return "Good";
    case Rating::RequiresImprovement:
        return "Requires improvement";
    case Rating::Inadequate:
        return "Inadequate";
    case Rating::NotYetInspected:
        return "Not yet inspected";
    }
    return {};
}

std::string moneyText(const Fraction& pence, const std::string& currency) {
    return text::money(roundToPence(pence), currency);
}

std::string volumeText(const Fraction& volume) {
    constexpr std::size_t group = 3;
    std::string text = toPlainDecimal(volume);
    std::size_t end = text.find('.');
    if (end == std::string::npos) {
        end = text.size();
    }
    const std::size_t start = text.front() == '-' ? 1 : 0;
    for (std::size_t at = end; at > start + group; at -= group) {
        text.insert(at - group, ",");
    }
    return text;
}

std::string ordinal(std::int64_t n) {
    constexpr int hundred = 100;
    constexpr int ten = 10;
    const std::int64_t lastTwo = n % hundred;
    const char* suffix = "th";
    if (lastTwo < 11 || lastTwo > 13) {
        switch (n % ten) {
        case 1:
            suffix = "st";
            break;
        case 2:
            suffix = "nd";
            break;
        case 3:
            suffix = "rd";
            break;
        default:
            break;
        }
    }
    return std::to_string(n) + suffix;
}

std::string count(std::int64_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string dayText(std::int64_t epochSeconds) {
    constexpr int firstYear = 1900;
    const std::tm parts = utc(epochSeconds);
    return std::to_string(parts.tm_mday) + " " + monthNames.at(static_cast<std::size_t>(parts.tm_mon)) + " " +
           std::to_string(parts.tm_year + firstYear);
}

std::string instantText(const DateTime& when) {
    const std::tm parts = utc(when.epochSeconds);
    // Seconds only when they are not zero: a tender one second late must not read as on time.
    const std::string seconds = parts.tm_sec != 0 ? ":" + twoDigits(parts.tm_sec) : "";
    return dayText(when.epochSeconds) + " at " + twoDigits(parts.tm_hour) + ":" + twoDigits(parts.tm_min) + seconds +
           " UTC";
}

std::string isoText(std::int64_t epochSeconds) {
    constexpr int firstYear = 1900;
    const std::tm parts = utc(epochSeconds);
    return std::to_string(parts.tm_year + firstYear) + "-" + twoDigits(parts.tm_mon + 1) + "-" +
           twoDigits(parts.tm_mday) + "T" + twoDigits(parts.tm_hour) + ":" + twoDigits(parts.tm_min) + ":" +
           twoDigits(parts.tm_sec) + "Z";
}

std::string sentence(std::string phrase) {
    if (!phrase.empty() && phrase.front() >= 'a' && phrase.front() <= 'z') {
        phrase.front() = static_cast<char>(phrase.front() - 'a' + 'A');
    }
    return phrase;
}

}  // namespace tenderscore::publish
