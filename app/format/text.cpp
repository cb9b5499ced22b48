#include "format/text.hpp"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <ctime>

#include <unistd.h>

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

std::string isoTime(std::int64_t seconds) {
    const auto time = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&time, &utc);
    std::array<char, 32> buffer{};
    (void)std::strftime(buffer.data(), buffer.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);  // always fits
    return buffer.data();
}

std::string money(Pence pence, const std::string& currency) {
    if (currency == "GBP") {
        return "\xC2\xA3" + groupedPounds(pence);
    }
    return groupedPounds(pence) + " " + currency;
}

std::string describeCodes(const std::vector<Code>& codes) {
    std::string result;
    for (const Code& code : codes) {
        if (!result.empty()) {
            result += "; ";
        }
        result += explain(code);
    }
    return result;
}

std::string describeSpelledCode(std::string_view spelled) {
    const std::optional<Code> code = parseCode(spelled);
    return code ? explain(*code) : std::string(spelled);
}

std::size_t cellLength(std::string_view text) {
    constexpr unsigned char continuationMask = 0xC0;
    constexpr unsigned char continuation = 0x80;
    constexpr unsigned char fourByteLead = 0xF0;  // a code point above U+FFFF: two UTF-16 units
    std::size_t units = 0;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte & continuationMask) != continuation) {
            units += byte >= fourByteLead ? 2 : 1;
        }
    }
    return units;
}

namespace {

/// The length of the valid UTF-8 sequence starting at `at` that encodes a character XML 1.0
/// allows, or 0.
std::size_t xmlCharacterLength(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const auto lead = byte(at);
    constexpr unsigned char tab = 0x09;
    constexpr unsigned char lineFeed = 0x0A;
    constexpr unsigned char carriageReturn = 0x0D;
    if (lead < 0x80) {
        return lead >= 0x20 || lead == tab || lead == lineFeed || lead == carriageReturn ? 1 : 0;
    }
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code = lead & 0x1FU;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        code = lead & 0x0FU;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code = lead & 0x07U;
    } else {
        return 0;
    }
    if (at + length > text.size()) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0U) != 0x80U) {
            return 0;
        }
        code = (code << 6U) | (byte(at + i) & 0x3FU);
    }
    const bool shortest = (length == 3 && code >= 0x800) || (length == 4 && code >= 0x10000) || length == 2;
    const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
    const bool nonCharacter = code == 0xFFFE || code == 0xFFFF;
    return shortest && !surrogate && !nonCharacter && code <= 0x10FFFF ? length : 0;
}

}  // namespace

std::string xmlSafe(std::string_view text) {
    static constexpr std::array<char, 16> hex{'0', '1', '2', '3', '4', '5', '6', '7',
                                              '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    std::string result;
    result.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        if (const std::size_t length = xmlCharacterLength(text, at); length > 0) {
            result.append(text, at, length);
            at += length;
            continue;
        }
        const auto byte = static_cast<unsigned char>(text[at++]);
        result += "\\x";
        result += hex[byte >> 4U];
        result += hex[byte & 0xFU];
    }
    return result;
}

std::string truncateForCell(std::string_view text, std::size_t limit) {
    if (cellLength(text) <= limit) {
        return std::string(text);
    }
    static constexpr std::string_view marker = " [truncated]";
    const std::size_t room = limit - marker.size();
    constexpr unsigned char continuationMask = 0xC0;
    constexpr unsigned char continuation = 0x80;
    constexpr unsigned char fourByteLead = 0xF0;
    // The longest prefix of whole characters that fits in `room` UTF-16 units.
    std::size_t units = 0;
    std::size_t cut = 0;
    while (cut < text.size()) {
        const auto lead = static_cast<unsigned char>(text[cut]);
        const std::size_t width = lead >= fourByteLead ? 2 : 1;
        if (units + width > room) {
            break;
        }
        units += width;
        ++cut;
        while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & continuationMask) == continuation) {
            ++cut;
        }
    }
    return std::string(text.substr(0, cut)) + std::string(marker);
}

std::string terminalSafe(std::string_view text) {
    static constexpr std::array<char, 16> hex{'0', '1', '2', '3', '4', '5', '6', '7',
                                              '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    const auto shown = [&](std::string& out, unsigned char byte) {
        out += "\\x";
        out += hex[byte >> 4U];
        out += hex[byte & 0xFU];
    };
    constexpr unsigned char c1Lead = 0xC2;  // U+0080 to U+009F are C2 80 to C2 9F in UTF-8
    constexpr unsigned char c1Last = 0x9F;
    constexpr unsigned char continuation = 0x80;
    std::string result;
    result.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const unsigned char next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0U;
        if (byte < 0x20 || byte == 0x7F) {
            shown(result, byte);
        } else if (byte == c1Lead && next >= continuation && next <= c1Last) {
            shown(result, byte);
            shown(result, next);
            ++i;
        } else {
            result += text[i];
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

bool colourWanted(int fd) {
    const char* noColour = std::getenv("NO_COLOR");
    return isatty(fd) == 1 && (noColour == nullptr || *noColour == '\0');
}

std::string red(std::string_view text) {
    return "\x1B[31m" + std::string(text) + "\x1B[0m";
}

std::string htmlText(std::string_view text) {
    constexpr unsigned char del = 0x7F;
    // xmlSafe shows controls and bytes that are not UTF-8 as \xNN; DEL, which XML allows and HTML
    // does not, likewise.
    const std::string safe = xmlSafe(text);
    std::string out;
    out.reserve(safe.size());
    for (const char c : safe) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            if (static_cast<unsigned char>(c) == del) {
                out += "\\x7F";
            } else {
                out += c;
            }
        }
    }
    return out;
}

}  // namespace tenderscore::text
