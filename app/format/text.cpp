#include "format/text.hpp"

#include <array>

#include "evaluation/explain.hpp"

namespace tenderscore::text {

std::string groupedPounds(Pence pence) {
    const std::string plain = formatPence(pence);
    const auto point = plain.find('.');
    const bool negative = plain.front() == '-';
    const std::string whole = plain.substr(negative ? 1 : 0, point - (negative ? 1 : 0));
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) {
            grouped += ',';
        }
        grouped += whole[i];
    }
    return (negative ? "-" : "") + grouped + plain.substr(point);
}

std::string money(Pence pence, const std::string& currency) {
    if (currency == "GBP") {
        return "\xC2\xA3" + groupedPounds(pence);
    }
    return groupedPounds(pence) + " " + currency;
}

std::string describeCodes(const std::vector<std::string>& codes) {
    std::string result;
    for (const std::string& code : codes) {
        if (!result.empty()) {
            result += "; ";
        }
        result += explain(code);
    }
    return result;
}

std::string truncateForCell(std::string_view text, std::size_t limit) {
    if (text.size() <= limit) {
        return std::string(text);
    }
    static constexpr std::string_view marker = " [truncated]";
    std::size_t cut = limit - marker.size();
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
        --cut;  // do not split a UTF-8 sequence
    }
    return std::string(text.substr(0, cut)) + std::string(marker);
}

std::string terminalSafe(std::string_view text) {
    static constexpr std::array<char, 16> hex{'0', '1', '2', '3', '4', '5', '6', '7',
                                              '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    std::string result;
    result.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) {
            result += "\\x";
            result += hex[byte >> 4U];
            result += hex[byte & 0xFU];
        } else {
            result += c;
        }
    }
    return result;
}

std::size_t displayWidth(std::string_view text) {
    std::size_t width = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
            ++width;
        }
    }
    return width;
}

}  // namespace tenderscore::text
