// A parsed XML input file that knows where each node came from (line and column) and which
// namespace each element is in. pugixml has no namespace support; the resolution here follows
// Namespaces in XML 1.0 for element names: a prefix or the default namespace declared on the
// element or an ancestor.
#pragma once

#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "common/limits.hpp"
#include "evaluation/diagnostic.hpp"
#include "evaluation/exact.hpp"
#include "evaluation/values.hpp"

namespace tenderscore::xml {

class XmlSource {
public:
    /// Parses the bytes of a file reported as `displayName`, in place (move the bytes in to avoid a
    /// copy). On failure adds the problems to
    /// `errors` and returns nothing. The root element must be `rootName` in namespace `ns`.
    static std::optional<XmlSource> parse(std::string bytes, const std::string& displayName, const char* rootName,
                                          const char* ns, Diagnostics& errors, const ReadLimits& limits = {});

    [[nodiscard]] pugi::xml_node root() const { return _document->document_element(); }
    [[nodiscard]] SourceRef at(pugi::xml_node node) const;
    [[nodiscard]] SourceRef atOffset(std::ptrdiff_t offset) const;
    /// Where the text of a text node, or the text an element holds before its first child, starts.
    [[nodiscard]] SourceRef atText(pugi::xml_node element) const;
    [[nodiscard]] const std::string& file() const { return _file.str(); }
    [[nodiscard]] const char* ns() const { return _ns; }

    /// The namespace URI of an element, or "" when it is in no namespace. `unbound` is set when the
    /// element's prefix is not declared.
    [[nodiscard]] std::string_view namespaceOf(pugi::xml_node element, bool* unbound = nullptr) const;
    [[nodiscard]] static const char* localName(pugi::xml_node element);
    [[nodiscard]] bool isOurs(pugi::xml_node element) const;

    /// Frees an element that has been read, with everything in it. The scores of a large pack are
    /// released mark by mark as they are read, so that the tree and the model built from it are
    /// never both whole at once.
    void release(pugi::xml_node element) const;

private:
    XmlSource() = default;
    /// Depth, attribute and text limits over the whole tree, without recursion.
    [[nodiscard]] bool withinLimits(const ReadLimits& limits, Diagnostics& errors) const;

    FileName _file;
    const char* _ns = "";
    std::shared_ptr<std::string> _bytes;  // the file, parsed in place: the tree points into it
    std::vector<std::size_t> _lineStarts;
    std::shared_ptr<pugi::xml_document> _document;
};

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
    [[nodiscard]] std::optional<Pence> money(const char* name, bool required = true);
    [[nodiscard]] std::optional<Fraction> decimal(const char* name, bool required = true);
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
    /// unknown names are reported. Elements of other namespaces are skipped (extensions).
    [[nodiscard]] std::vector<pugi::xml_node> children(std::initializer_list<Part> model);

    void error(const std::string& rule, const std::string& message);

private:
    const char* raw(const char* name, bool required);
    void invalid(const char* name, const char* rule, const char* expected, const char* value);

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

/// The bytes of a file, refused when larger than the limit.
[[nodiscard]] std::optional<std::string> readFileBytes(const std::filesystem::path& path,
                                                       const std::string& displayName, const ReadLimits& limits,
                                                       Diagnostics& errors);

}  // namespace tenderscore::xml
