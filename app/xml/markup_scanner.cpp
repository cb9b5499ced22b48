// Markup: tags and their attributes, comments, CDATA sections, processing instructions and the XML
// declaration. See byte_scanner.hpp.
#include <algorithm>
#include <cctype>

#include "xml/byte_scanner.hpp"
#include "xml/characters.hpp"

namespace tenderscore::xml {

namespace {

constexpr SpecialBytes attributeBytes = specialBytes("<&\"'");

}  // namespace

void ByteScanner::markup() {
    if (byte(_i + 1) == '?') {
        processingInstruction();
    } else if (byte(_i + 1) == '!') {
        if (startsWith("<!--")) {
            comment();
        } else if (startsWith("<![CDATA[")) {
            cdata();
        } else if (startsWith("<!DOCTYPE")) {
            stop(_i, "a DOCTYPE is not allowed (entities are never expanded, external files never read)", "doctype");
        } else {
            stop(_i, "'<!' must start a comment (<!--) or a CDATA section (<![CDATA[)");
        }
    } else if (byte(_i + 1) == '/') {
        endTag();
    } else {
        startTag();
    }
}

void ByteScanner::startTag() {
    const std::size_t open = _i;
    ++_i;
    const std::string_view element = name(true);
    if (element.empty()) {
        stop(open,
             "'<' must start a tag, a comment, a CDATA section or a processing instruction (write &lt; "
             "for the character itself)");
        return;
    }
    if (qualifiedName(element, open + 1)) {
        _result.simpleNamespaces = false;
    }
    if (_depth + 1 > _limits.maxDepth) {
        stop(open, "elements are nested more than " + std::to_string(_limits.maxDepth) + " deep", "depth");
        return;
    }
    ++_result.elements;
    countNode(open);
    _attributes.clear();
    for (;;) {
        const bool spaced = skipSpaces();
        const unsigned char c = byte(_i);
        if (_stopped) {
            return;
        }
        if (_i >= _s.size()) {
            stop(open, "the tag <" + excerpt(element) + " is not closed with '>'");
            return;
        }
        if (c == '>' || (c == '/' && byte(_i + 1) == '>')) {
            duplicateAttributes();
            _i += c == '>' ? 1 : 2;
            _depth += c == '>' ? 1 : 0;
            return;
        }
        if (c == '/') {
            stop(_i, "'/' in the tag <" + excerpt(element) + " must be followed by '>'");
            return;
        }
        if (!spaced) {
            stop(_i,
                 "white space, '>' or '/>' must follow the name or the attribute before it in <" + excerpt(element));
            return;
        }
        if (!attribute(element)) {
            return;
        }
    }
}

/// name="value" or name='value'; false when the tag cannot be read further.
bool ByteScanner::attribute(std::string_view element) {
    const std::size_t at = _i;
    const std::string_view attribute = name(true);
    if (attribute.empty()) {
        stop(_i, "an attribute name, '>' or '/>' must follow in <" + excerpt(element));
        return false;
    }
    // A prefix, or a namespace declared below the document element, needs the tree's namespace check.
    if (qualifiedName(attribute, at) || (attribute == "xmlns" && _result.elements > 1)) {
        _result.simpleNamespaces = false;
    }
    countNode(at);
    _attributes.emplace_back(attribute, at);
    skipSpaces();
    const bool equals = byte(_i) == '=';
    _i += equals ? 1 : 0;
    skipSpaces();
    const unsigned char quote = byte(_i);
    if (!equals || (quote != '"' && quote != '\'')) {
        stop(_i, "attribute '" + excerpt(attribute) + "' needs '=' and a value in quotes");
        return false;
    }
    const std::size_t valueStart = ++_i;
    while (!_stopped) {
        skipPlain(attributeBytes);
        if (_i >= _s.size()) {
            break;
        }
        const unsigned char c = byte(_i);
        if (c == quote) {
            _result.longestValue = std::max(_result.longestValue, _i - valueStart);
            ++_i;
            return true;
        } else if (c == '"' || c == '\'') {
            ++_i;
        } else if (c == '<') {
            problem(_i, "'<' is not allowed in an attribute value (write &lt;)");
            ++_i;
        } else if (c == '&') {
            reference();
        } else {
            checkedByte();
        }
    }
    if (!_stopped) {
        stop(at, "the value of attribute '" + excerpt(attribute) + "' is not closed");
    }
    return false;
}

void ByteScanner::duplicateAttributes() {
    constexpr std::size_t few = 8;  // compared pair by pair; more are sorted first
    if (_attributes.size() > few) {
        std::stable_sort(_attributes.begin(), _attributes.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    for (std::size_t j = 1; j < _attributes.size(); ++j) {
        for (std::size_t i = _attributes.size() > few ? j - 1 : 0; i < j; ++i) {
            if (_attributes[i].first == _attributes[j].first) {
                const auto& later = _attributes[i].second < _attributes[j].second ? _attributes[j] : _attributes[i];
                problem(later.second, "attribute '" + excerpt(later.first) + "' appears more than once");
                break;
            }
        }
    }
}

void ByteScanner::endTag() {
    const std::size_t open = _i;
    _i += 2;
    const std::string_view element = name(true);
    if (element.empty()) {
        stop(open, "'</' must be followed by the name of the element it closes");
        return;
    }
    skipSpaces();
    if (byte(_i) != '>') {
        stop(_i, "the end tag </" + excerpt(element) + " must be closed with '>'");
        return;
    }
    ++_i;
    if (_depth == 0) {
        stop(open, "the end tag </" + excerpt(element) + "> closes no element");
        return;
    }
    --_depth;
}

bool ByteScanner::closeAt(std::string_view terminator, std::size_t open, const char* what) {
    const bool comment = terminator == "-->";
    bool reported = false;
    for (;;) {
        scanTo(static_cast<unsigned char>(terminator[0]));
        if (_stopped) {
            return false;
        }
        if (_i >= _s.size()) {
            stop(open, std::string("the ") + what + " is not closed with " + std::string(terminator));
            return false;
        }
        if (startsWith(terminator)) {
            _i += terminator.size();
            return true;
        }
        if (comment && startsWith("--") && !reported) {
            problem(_i, "'--' is not allowed inside a comment");
            reported = true;
        }
        ++_i;
    }
}

void ByteScanner::comment() {
    const std::size_t open = _i;
    _i += std::string_view("<!--").size();
    (void)closeAt("-->", open, "comment");
}

void ByteScanner::cdata() {
    const std::size_t open = _i;
    if (_depth == 0) {
        problem(open, "a CDATA section outside the document element");
    }
    countNode(open);
    _i += std::string_view("<![CDATA[").size();
    if (closeAt("]]>", open, "CDATA section")) {
        _result.longestText = std::max(_result.longestText, _i - open);
    }
}

void ByteScanner::processingInstruction() {
    const std::size_t open = _i;
    _i += 2;
    const std::string_view target = name(false);
    if (target.empty()) {
        stop(open, "'<?' must be followed by the name of a processing instruction");
        return;
    }
    if (target == "xml") {
        problem(open, "the XML declaration must be at the very start of the file, with nothing before it");
    } else if (equalsIgnoringCase(target, "xml")) {
        problem(open, "a processing instruction cannot be named '" + std::string(target) +
                          "' (the name xml is reserved in any case)");
    } else if (target.find(':') != std::string_view::npos) {
        problem(open + 2, "the name of a processing instruction cannot contain ':'", "namespace");
    }
    if (!startsWith("?>") && !isSpace(byte(_i))) {
        stop(_i, "the name of a processing instruction must be followed by white space or '?>'");
        return;
    }
    (void)closeAt("?>", open, "processing instruction");
}

/// S? '=' S? and a quoted value, as in the XML declaration; nothing when they are not there.
std::optional<std::string_view> ByteScanner::declarationValue() {
    skipSpaces();
    if (byte(_i) != '=') {
        return std::nullopt;
    }
    ++_i;
    skipSpaces();
    const unsigned char quote = byte(_i);
    if (quote != '"' && quote != '\'') {
        return std::nullopt;
    }
    const std::size_t end = _s.find(static_cast<char>(quote), _i + 1);
    const std::size_t close = _s.find("?>", _i + 1);
    if (end == std::string_view::npos || end > close) {
        return std::nullopt;
    }
    const std::string_view value = _s.substr(_i + 1, end - _i - 1);
    _i = end + 1;
    return value;
}

/// <?xml version="1.x" encoding="..." standalone="yes|no"?>, the last two optional, in this order.
void ByteScanner::declaration() {
    const std::size_t open = _i;
    const auto malformed = [&](const std::string& what) {
        stop(open, "the XML declaration " + what + R"(; write <?xml version="1.0" encoding="UTF-8"?>)");
    };
    _i += std::string_view("<?xml").size();
    skipSpaces();
    if (!startsWith("version")) {
        malformed("must start with version=\"1.0\"");
        return;
    }
    _i += std::string_view("version").size();
    const auto version = declarationValue();
    if (!version || version->size() < 3 || version->substr(0, 2) != "1." ||
        !std::all_of(version->begin() + 2, version->end(), [](char c) { return c >= '0' && c <= '9'; })) {
        malformed("must give version=\"1.0\"");
        return;
    }
    bool spaced = skipSpaces();
    if (spaced && startsWith("encoding")) {
        _i += std::string_view("encoding").size();
        const std::size_t at = _i;
        const auto encoding = declarationValue();
        const bool isName = encoding && !encoding->empty() &&
                            std::isalpha(static_cast<unsigned char>((*encoding)[0])) &&
                            std::all_of(encoding->begin(), encoding->end(), [](char c) {
                                return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
                            });
        if (!isName) {
            malformed("has a malformed encoding");
            return;
        }
        if (!equalsIgnoringCase(*encoding, "UTF-8")) {
            problem(at, "the declared encoding is '" + excerpt(*encoding) + "'; only UTF-8 is accepted", "encoding");
        }
        spaced = skipSpaces();
    }
    if (spaced && startsWith("standalone")) {
        _i += std::string_view("standalone").size();
        const auto standalone = declarationValue();
        if (!standalone || (*standalone != "yes" && *standalone != "no")) {
            malformed(R"(must give standalone="yes" or standalone="no")");
            return;
        }
        skipSpaces();
    }
    if (!startsWith("?>")) {
        malformed("holds something other than version, encoding and standalone, in this order");
        return;
    }
    _i += 2;
}
}  // namespace tenderscore::xml
