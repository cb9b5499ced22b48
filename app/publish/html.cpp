#include "publish/html.hpp"

#include <array>

#include "format/text.hpp"

namespace tenderscore::publish {

namespace {

constexpr std::array<char, 16> hexDigits{'0', '1', '2', '3', '4', '5', '6', '7',
                                         '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

}  // namespace

std::string escape(std::string_view text) {
    return text::htmlText(text);
}

std::string cssString(std::string_view text) {
    // Every ASCII sign as a CSS hex escape keeps the string inside its quotes and the style element,
    // whatever the text holds.
    const std::string safe = text::xmlSafe(text);
    std::string out = "\"";
    for (const char c : safe) {
        const auto byte = static_cast<unsigned char>(c);
        const bool plain =
            byte >= 0x80 || c == ' ' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (plain) {
            out += c;
        } else {
            out += '\\';
            out += hexDigits[byte >> 4U];
            out += hexDigits[byte & 0xFU];
            out += ' ';
        }
    }
    out += '"';
    return out;
}

std::string element(std::string_view tag, std::string_view text) {
    std::string out = "<";
    out += tag;
    out += '>';
    out += escape(text);
    out += "</";
    out += tag;
    out += '>';
    return out;
}

std::string table(std::string_view caption, const std::vector<std::string>& headers, const std::vector<Row>& rows,
                  std::string_view cssClass) {
    std::string out = "<table";
    if (!cssClass.empty()) {
        out += " class=\"";
        out += escape(cssClass);
        out += '"';
    }
    out += ">\n<caption>" + escape(caption) + "</caption>\n<thead><tr>";
    for (const std::string& header : headers) {
        out += "<th scope=\"col\">" + escape(header) + "</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const Row& row : rows) {
        out += "<tr>";
        for (std::size_t i = 0; i < row.size(); ++i) {
            out += i == 0 ? "<th scope=\"row\">" + row[i] + "</th>" : "<td>" + row[i] + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
    return out;
}

}  // namespace tenderscore::publish
