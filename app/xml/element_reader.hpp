// Reading one element of our namespace strictly: its attributes as typed values, its text, and its
// child elements against a content model, every problem reported under the rule named in spec
// section 1.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "evaluation/diagnostic.hpp"
#include "evaluation/exact.hpp"
#include "evaluation/values.hpp"
#include "xml/xml_source.hpp"

namespace tenderscore::xml {

/// The largest money value of the format: £999,999,999,999.99.
inline constexpr Pence maxMoney = 99'999'999'999'999;

/// One element of our namespace, read strictly: unknown attributes in our namespace are reported
/// on construction, and each typed getter reports a missing or malformed value under the rule
/// named in spec section 1.
class ElementReader {
public:
    ElementReader(const XmlSource& source, pugi::xml_node element, Diagnostics& errors,
                  std::initializer_list<const char*> attributes);

    [[nodiscard]] SourceRef at() const { return _source.at(_element); }
    [[nodiscard]] pugi::xml_node node() const { return _element; }

    [[nodiscard]] std::optional<std::string> id(const char* name, bool required = true);
    [[nodiscard]] std::optional<std::string> text(const char* name, bool required = true);
    /// Money, at most `max` pence.
    [[nodiscard]] std::optional<Pence> money(const char* name, bool required = true, Pence max = maxMoney);
    [[nodiscard]] std::optional<Fraction> decimal(const char* name, bool required = true);
    /// A decimal from `min` to `max`.
    [[nodiscard]] std::optional<Fraction> decimal(const char* name, bool required, const Fraction& min,
                                                  const Fraction& max);
    [[nodiscard]] std::optional<int> integer(const char* name, bool required, int min, int max);
    [[nodiscard]] std::optional<Rating> rating(const char* name, bool required = true);
    [[nodiscard]] std::optional<DateTime> dateTime(const char* name, bool required = true);
    [[nodiscard]] std::optional<std::string> date(const char* name, bool required = true);
    [[nodiscard]] std::optional<bool> boolean(const char* name, bool required = true);
    /// One of the given words.
    [[nodiscard]] std::optional<std::string> choice(const char* name, std::initializer_list<const char*> words,
                                                    bool required = true);

    /// The element's character content; our elements inside it are reported.
    [[nodiscard]] std::string content();

    /// One entry of a content model: element names allowed at this point and how many times.
    struct Part {
        std::initializer_list<const char*> names;
        std::size_t min = 0;
        std::size_t max = 1;
    };
    static constexpr std::size_t unbounded = static_cast<std::size_t>(-1);

    /// The child elements in our namespace, checked against a sequence of parts: order, counts and
    /// unknown names are reported. Elements of other namespaces are skipped (extensions); elements
    /// in no namespace are reported (an xmlns="" would otherwise make one vanish).
    [[nodiscard]] std::vector<pugi::xml_node> children(std::initializer_list<Part> model);

    void error(const std::string& rule, const std::string& message);

private:
    const char* raw(const char* name, bool required);
    void invalid(const char* name, const char* rule, const char* expected, const char* value);
    /// Reports a child element in no namespace; true when `child` is one.
    bool inNoNamespace(pugi::xml_node child);

    const XmlSource& _source;
    pugi::xml_node _element;
    Diagnostics& _errors;
};

/// Sets `target` when a value was read; leaves the default otherwise.
template <typename T>
void assign(T& target, std::optional<T> value) {
    if (value) {
        target = std::move(*value);
    }
}

inline constexpr std::size_t many = ElementReader::unbounded;
inline constexpr int maxInt = static_cast<int>(maxIntValue);

}  // namespace tenderscore::xml
