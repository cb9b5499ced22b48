#include "xml/well_formed.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "xml/byte_scanner.hpp"
#include "xml/characters.hpp"

namespace tenderscore::xml {

namespace {

constexpr std::string_view byteOrderMark = "\xEF\xBB\xBF";
constexpr SpecialBytes textBytes = specialBytes("<&]");
constexpr SpecialBytes otherBytes = specialBytes("-?]");  // comments, processing instructions, CDATA

/// NameStartChar and NameChar in ASCII, the bytes of almost every name.
constexpr std::array<bool, 0x80> asciiNames(bool start) {
    std::array<bool, 0x80> table{};
    for (char32_t c = 0; c < table.size(); ++c) {
        table[c] = start ? isAsciiNameStart(c) : isAsciiNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }
    return table;
}
constexpr std::array<bool, 0x80> asciiNameStart = asciiNames(true);
constexpr std::array<bool, 0x80> asciiName = asciiNames(false);

}  // namespace

ByteCheck checkBytes(std::string_view bytes, const ReadLimits& limits) {
    return ByteScanner(bytes, limits).run();
}

ByteCheck ByteScanner::run() {
    if (const std::size_t bad = firstInvalidUtf8(_s); bad != std::string_view::npos) {
        stop(bad, "the file is not valid UTF-8 (byte " + std::to_string(bad) + ")", "encoding");
        return std::move(_result);
    }
    if (startsWith(byteOrderMark)) {
        _i = byteOrderMark.size();
    }
    if (startsWith("<?xml") && (isSpace(byte(_i + 5)) || byte(_i + 5) == '?')) {
        declaration();
    }
    while (!_stopped && _i < _s.size()) {
        if (_depth == 0) {
            outside();
        } else {
            content();
        }
    }
    return std::move(_result);
}

void ByteScanner::problem(std::size_t offset, std::string message, const char* rule) {
    if (_stopped) {
        return;
    }
    if (_result.problems.size() == maxProblemsPerFile) {
        stop(offset,
             "further problems in this file are not listed (the first " + std::to_string(maxProblemsPerFile) + " are)");
        return;
    }
    _result.problems.push_back({offset, rule, std::move(message)});
}

void ByteScanner::stop(std::size_t offset, std::string message, const char* rule) {
    if (_stopped) {
        return;  // one report of why the scan stopped is enough
    }
    _result.problems.push_back({offset, rule, std::move(message)});
    _stopped = true;
}

void ByteScanner::countNode(std::size_t offset) {
    if (++_result.nodes > _limits.maxNodes) {
        stop(offset,
             "the file has more than " + std::to_string(_limits.maxNodes) +
                 " elements, attributes and pieces of text (the limit limits.maxNodes)",
             "nodes");
    }
}

bool ByteScanner::skipSpaces() {
    const std::size_t start = _i;
    std::size_t i = _i;
    while (i < _s.size() && isSpace(static_cast<unsigned char>(_s[i]))) {
        ++i;
    }
    _i = i;
    return i > start;
}

/// A byte of class `special` that is not markup: a forbidden control character or the start
/// of U+FFFE or U+FFFF. Steps over it.
void ByteScanner::checkedByte() {
    const unsigned char c = byte(_i);
    if (c == 0xEF && byte(_i + 1) == 0xBF && (byte(_i + 2) == 0xBE || byte(_i + 2) == 0xBF)) {
        problem(_i, "the character " + codePoint(byte(_i + 2) == 0xBE ? 0xFFFE : 0xFFFF) +
                        " is not allowed in XML (it is not a character)");
        _i += 3;
        return;
    }
    if (isForbiddenControl(c)) {
        problem(_i, "the control character " + codePoint(c) + " is not allowed in XML, not even as a reference");
    }
    ++_i;
}

/// Steps over characters until the byte `end` (or the end of the file), checking each.
void ByteScanner::scanTo(unsigned char end) {
    while (!_stopped) {
        skipPlain(otherBytes);
        if (_i >= _s.size() || byte(_i) == end) {
            return;
        }
        if (isCheckedByte(byte(_i))) {
            checkedByte();
        } else {
            ++_i;
        }
    }
}

void ByteScanner::skipPlain(const SpecialBytes& special) {
    const auto* const data = reinterpret_cast<const unsigned char*>(_s.data());
    const auto* const end = data + _s.size();
    const auto* p = data + _i;
    while (p != end && !special[*p]) {
        ++p;
    }
    _i = static_cast<std::size_t>(p - data);
}

/// A name at the current byte, or nothing (and no step) when no name starts here. In a tag
/// (`inTag`) a character outside ASCII that XML does not allow in a name is reported and taken
/// as part of the name, so that the tag can still be read; elsewhere it ends the name.
std::string_view ByteScanner::name(bool inTag) {
    const std::size_t start = _i;
    const auto* const data = reinterpret_cast<const unsigned char*>(_s.data());
    while (_i < _s.size()) {
        const bool first = _i == start;
        if (data[_i] < 0x80) {
            // ASCII, one table lookup a byte: the bytes of almost every name.
            std::size_t i = _i;
            if (first && !asciiNameStart[data[i]]) {
                break;
            }
            i += first ? 1 : 0;
            while (i < _s.size() && data[i] < 0x80 && asciiName[data[i]]) {
                ++i;
            }
            const bool ended = i == _i || (i < _s.size() && data[i] < 0x80);
            _i = i;
            if (ended) {
                break;
            }
            continue;
        }
        std::size_t length = 0;
        const char32_t value = decodeUtf8(_s, _i, length);
        if (!(first ? isNameStartChar(value) : isNameChar(value))) {
            if (!inTag) {
                break;
            }
            problem(_i, "the character " + codePoint(value) + " is not allowed " +
                            (first ? "at the start of a name" : "in a name"));
        }
        _i += length;
    }
    return _s.substr(start, _i - start);
}

/// Namespaces in XML: at most one ':', with a name on each side (a local name cannot start
/// with a digit, '-' or '.'). True when the name has a prefix.
bool ByteScanner::qualifiedName(std::string_view qname, std::size_t offset) {
    std::size_t colon = 0;  // names are short: a loop, not a call to memchr
    while (colon < qname.size() && qname[colon] != ':') {
        ++colon;
    }
    if (colon == qname.size()) {
        return false;
    }
    bool valid = colon > 0 && colon + 1 < qname.size() && qname.find(':', colon + 1) == std::string_view::npos;
    if (valid) {
        std::size_t length = 0;
        valid = isNameStartChar(decodeUtf8(qname, colon + 1, length));
    }
    if (!valid) {
        problem(offset,
                "'" + excerpt(qname) +
                    "' is not a qualified name (a prefix, ':' and a local name, or a name "
                    "without ':')",
                "namespace");
    }
    return true;
}

/// A reference at '&': one of the five entities XML declares, or a character reference to a
/// character XML allows.
void ByteScanner::reference() {
    const std::size_t open = _i;
    if (byte(_i + 1) == '#') {
        std::size_t j = _i + 2;
        const bool hex = byte(j) == 'x';
        j += hex ? 1 : 0;
        char32_t value = 0;
        const std::size_t digitsAt = j;
        for (;; ++j) {
            const unsigned char c = byte(j);
            unsigned digit = 0;
            if (c >= '0' && c <= '9') {
                digit = c - '0';
            } else if (hex && c >= 'a' && c <= 'f') {
                digit = c - 'a' + 10;
            } else if (hex && c >= 'A' && c <= 'F') {
                digit = c - 'A' + 10;
            } else {
                break;
            }
            value = std::min<char32_t>(value * (hex ? 16 : 10) + digit, beyondUnicode);  // no overflow
        }
        if (j == digitsAt || byte(j) != ';') {
            problem(open, "a character reference must be &#digits; or &#xhex-digits; (a lower-case x)");
            _i = j;
            return;
        }
        if (!isXmlChar(value)) {
            problem(open, "the character reference " + excerpt(_s.substr(open, j + 1 - open)) + " is to " +
                              codePoint(value) + ", which XML does not allow");
        }
        _i = j + 1;
        return;
    }
    _i = open + 1;
    const std::string_view entity = name(false);
    if (!entity.empty() && byte(_i) == ';') {
        ++_i;
        if (entity != "amp" && entity != "lt" && entity != "gt" && entity != "quot" && entity != "apos") {
            problem(open, "the entity &" + excerpt(entity) +
                              "; is not defined: XML has only &amp; &lt; &gt; &quot; &apos; (write a character "
                              "reference such as &#160; instead)");
        }
        return;
    }
    problem(open, "a '&' must start a reference such as &amp; or &#160;; write &amp; for the character itself");
}

/// Text between markup inside the document element.
void ByteScanner::content() {
    const std::size_t start = _i;
    bool text = false;
    while (!_stopped) {
        const std::size_t from = _i;
        skipPlain(textBytes);
        for (std::size_t k = from; !text && k < _i; ++k) {
            text = !isSpace(byte(k));  // white space between elements is no node
        }
        if (_i >= _s.size() || byte(_i) == '<') {
            break;
        }
        text = true;
        const unsigned char c = byte(_i);
        if (c == '&') {
            reference();
        } else if (c == ']') {
            if (byte(_i + 1) == ']' && byte(_i + 2) == '>') {
                problem(_i, "']]>' is not allowed in text (write ]]&gt;)");
            }
            ++_i;
        } else {
            checkedByte();
        }
    }
    if (text) {
        _result.longestText = std::max(_result.longestText, _i - start);
        countNode(start);
    }
    if (_i < _s.size() && !_stopped) {
        markup();
    }
}

/// Before and after the document element: only white space, comments and processing instructions.
void ByteScanner::outside() {
    skipSpaces();
    if (_i >= _s.size()) {
        return;
    }
    if (byte(_i) == '<') {
        markup();
        return;
    }
    problem(_i, "text outside the document element");
    const void* next = std::memchr(_s.data() + _i, '<', _s.size() - _i);
    _i = next == nullptr ? _s.size() : static_cast<std::size_t>(static_cast<const char*>(next) - _s.data());
}
}  // namespace tenderscore::xml
