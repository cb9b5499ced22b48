#include "json/json_writer.hpp"

#include <array>

namespace tenderscore::json {

std::string quote(std::string_view text) {
    static constexpr std::array<char, 16> hex{'0', '1', '2', '3', '4', '5', '6', '7',
                                              '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20 || c == 0x7F) {
                out += "\\u00";
                out += hex[c >> 4U];
                out += hex[c & 0xFU];
            } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                       (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                        static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
                out += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
                i += 2;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
    return out;
}

void JsonWriter::newline() {
    _out += '\n';
    _out.append(_first.size() * 2, ' ');
}

void JsonWriter::beforeValue() {
    if (_afterKey) {
        _afterKey = false;
        return;
    }
    if (!_first.empty()) {
        if (!_first.back()) {
            _out += ',';
        }
        _first.back() = false;
        newline();
    }
}

JsonWriter& JsonWriter::key(std::string_view name) {
    beforeValue();
    _out += quote(name);
    _out += ": ";
    _afterKey = true;
    return *this;
}

void JsonWriter::beginObject() {
    beforeValue();
    _out += '{';
    _first.push_back(true);
}

void JsonWriter::endObject() {
    const bool empty = _first.back();
    _first.pop_back();
    if (!empty) {
        newline();
    }
    _out += '}';
}

void JsonWriter::beginArray() {
    beforeValue();
    _out += '[';
    _first.push_back(true);
}

void JsonWriter::endArray() {
    const bool empty = _first.back();
    _first.pop_back();
    if (!empty) {
        newline();
    }
    _out += ']';
}

void JsonWriter::string(std::string_view value) {
    beforeValue();
    _out += quote(value);
}

void JsonWriter::number(std::int64_t value) {
    beforeValue();
    _out += std::to_string(value);
}

void JsonWriter::null() {
    beforeValue();
    _out += "null";
}

void JsonWriter::boolean(bool value) {
    beforeValue();
    _out += value ? "true" : "false";
}

std::string JsonWriter::finish() {
    _out += '\n';
    return std::move(_out);
}

}  // namespace tenderscore::json
