#include "xml/uri.hpp"

#include <cstddef>

namespace tenderscore::xml {

namespace {

/// A reader over the text, one grammar rule a function, each stepping over what it matched.
class UriReader {
public:
    explicit UriReader(std::string_view text) : _s(text) {}

    /// scheme ":" hier-part [ "?" query ] [ "#" fragment ], or a relative reference.
    bool reference() {
        if (absolute()) {
            return true;
        }
        _i = 0;
        return relative();
    }

private:
    [[nodiscard]] char at(std::size_t i) const { return i < _s.size() ? _s[i] : '\0'; }
    [[nodiscard]] bool ended() const { return _i == _s.size(); }

    static bool alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
    static bool digit(char c) { return c >= '0' && c <= '9'; }
    static bool hex(char c) { return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
    static bool unreserved(char c) { return alpha(c) || digit(c) || c == '-' || c == '.' || c == '_' || c == '~'; }
    static bool subDelimiter(char c) {
        return c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' || c == '+' ||
               c == ',' || c == ';' || c == '=';
    }

    /// The length of a percent-encoded byte at `i`, or 0.
    [[nodiscard]] std::size_t percent(std::size_t i) const {
        return at(i) == '%' && hex(at(i + 1)) && hex(at(i + 2)) ? 3 : 0;
    }
    /// The length of a pchar at the current place (other than `forbidden`), or 0.
    [[nodiscard]] std::size_t pchar(char forbidden = '\0') const {
        const char c = at(_i);
        if (ended() || c == forbidden) {
            return 0;
        }
        if (unreserved(c) || subDelimiter(c) || c == ':' || c == '@') {
            return 1;
        }
        return percent(_i);
    }

    bool absolute() {
        if (!alpha(at(_i))) {
            return false;
        }
        while (alpha(at(_i)) || digit(at(_i)) || at(_i) == '+' || at(_i) == '-' || at(_i) == '.') {
            ++_i;
        }
        if (at(_i) != ':') {
            return false;
        }
        ++_i;
        return path(false) && queryAndFragment();
    }

    bool relative() { return path(true) && queryAndFragment(); }

    /// "//" authority path-abempty, or an absolute path, or a rootless path (without ':' in its
    /// first segment in a relative reference), or nothing.
    bool path(bool relativeReference) {
        if (at(_i) == '/' && at(_i + 1) == '/') {
            _i += 2;
            return authority() && segmentsAfterSlash();
        }
        if (at(_i) == '/') {
            ++_i;
            (void)segment();
            return segmentsAfterSlash();
        }
        if (pchar() != 0) {
            if (!segment(relativeReference ? ':' : '\0')) {
                return false;
            }
            return segmentsAfterSlash();
        }
        return true;
    }

    /// One or more pchars (never `forbidden`); false when there is none.
    bool segment(char forbidden = '\0') {
        const std::size_t start = _i;
        for (std::size_t n = pchar(forbidden); n != 0; n = pchar(forbidden)) {
            _i += n;
        }
        return _i > start;
    }

    bool segmentsAfterSlash() {
        while (at(_i) == '/') {
            ++_i;
            (void)segment();
        }
        return true;
    }

    /// [ userinfo "@" ] host [ ":" port ], with libxml2's readings: anything inside brackets is
    /// an IP literal, and a ':' must be followed by a port of at least one digit.
    bool authority() {
        const std::size_t start = _i;
        while (true) {
            const std::size_t n = at(_i) == ':' ? 1 : pchar('@');
            if (n == 0) {
                break;
            }
            _i += n;
        }
        if (at(_i) == '@') {
            ++_i;
        } else {
            _i = start;
        }
        if (at(_i) == '[') {
            while (!ended() && at(_i) != ']') {
                ++_i;
            }
            if (at(_i) != ']') {
                return false;
            }
            ++_i;
        } else {
            for (char c = at(_i); !ended() && (unreserved(c) || subDelimiter(c) || percent(_i) != 0); c = at(_i)) {
                _i += c == '%' ? 3 : 1;
            }
        }
        if (at(_i) == ':') {
            ++_i;
            if (!digit(at(_i))) {
                return false;
            }
            while (digit(at(_i))) {
                ++_i;
            }
        }
        return true;
    }

    /// [ "?" query ] [ "#" fragment ] and the end: a query is pchars, '/' and '?'; a fragment may
    /// also hold '[' and ']'.
    bool queryAndFragment() {
        if (at(_i) == '?') {
            ++_i;
            while (pchar() != 0 || at(_i) == '/' || at(_i) == '?') {
                _i += pchar() != 0 ? pchar() : 1;
            }
        }
        if (at(_i) == '#') {
            ++_i;
            while (pchar() != 0 || at(_i) == '/' || at(_i) == '?' || at(_i) == '[' || at(_i) == ']') {
                _i += pchar() != 0 ? pchar() : 1;
            }
        }
        return ended();
    }

    std::string_view _s;
    std::size_t _i = 0;
};

}  // namespace

bool isUriReference(std::string_view text) {
    return UriReader(text).reference();
}

}  // namespace tenderscore::xml
