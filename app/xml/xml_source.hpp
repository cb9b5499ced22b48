// A parsed XML input file that knows where each node came from (line and column) and which
// namespace each element is in. The bytes are checked before pugixml parses them (well_formed.hpp:
// the rules pugixml skips), and the tree after (limits, and Namespaces in XML 1.0: pugixml has no
// namespace support). Each element's namespace is resolved once, in that check.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "common/limits.hpp"
#include "evaluation/diagnostic.hpp"
#include "xml/line_index.hpp"

namespace tenderscore::xml {

class XmlSource {
public:
    /// Parses the bytes of a file reported as `displayName`, in place (move the bytes in to avoid a
    /// copy). On failure adds the problems to `errors` and returns nothing. The root element must be
    /// `rootName` in namespace `ns`. Problems that do not stop the file being read (an attribute
    /// in our namespace, which our elements never have) are added to `errors` as well.
    static std::optional<XmlSource> parse(std::string bytes, const std::string& displayName, const char* rootName,
                                          const char* ns, Diagnostics& errors, const ReadLimits& limits = {});

    [[nodiscard]] pugi::xml_node root() const { return _document->document_element(); }
    [[nodiscard]] SourceRef at(pugi::xml_node node) const;
    [[nodiscard]] SourceRef atOffset(std::ptrdiff_t offset) const;
    /// Where the text of a text node, or the text an element holds before its first child, starts.
    [[nodiscard]] SourceRef atText(pugi::xml_node element) const;
    [[nodiscard]] const std::string& file() const { return _file.str(); }
    [[nodiscard]] const char* ns() const { return _ns; }

    /// The namespace URI of an element of this document, or "" when it is in no namespace.
    [[nodiscard]] std::string_view namespaceOf(pugi::xml_node element) const;
    [[nodiscard]] static const char* localName(pugi::xml_node element);
    [[nodiscard]] bool isOurs(pugi::xml_node element) const;

    /// Frees an element that has been read, with everything in it. The scores of a large pack are
    /// released mark by mark as they are read, so that the tree and the model built from it are
    /// never both whole at once.
    void release(pugi::xml_node element) const;

private:
    XmlSource() = default;
    /// The limits and the namespace rules over the whole tree, without recursion; fills
    /// `_namespaces`. False when the document cannot be read.
    [[nodiscard]] bool checkTree(const ReadLimits& limits, std::size_t elements, Diagnostics& errors);
    /// Takes `uri`, the document element's default namespace, as every element's; false when it
    /// is a reserved name, which the tree check reports.
    [[nodiscard]] bool uniformNamespace(const char* uri);
    /// Where a string of the tree (a name or a value) starts in the file.
    [[nodiscard]] std::ptrdiff_t offsetOf(const char* text) const { return text - _bytes->data(); }

    /// The namespace of each element, by the offset of its name, in document order.
    struct ElementNamespace {
        std::size_t offset = 0;
        const char* uri = "";
    };

    FileName _file;
    const char* _ns = "";
    std::shared_ptr<std::string> _bytes;  // the file, parsed in place: the tree points into it
    std::shared_ptr<const LineIndex> _lines;
    std::vector<ElementNamespace> _namespaces;
    const char* _uniformNamespace = nullptr;  // when set, every element's namespace, and _namespaces is empty
    std::shared_ptr<pugi::xml_document> _document;
};

/// Adds a problem to one file's list, unless `maxProblemsPerFile` are listed already: then the first
/// one left out is replaced by a note that more were, and the rest are dropped.
void report(Diagnostics& errors, Diagnostic problem);

/// The bytes of a file, refused when larger than the limit.
[[nodiscard]] std::optional<std::string> readFileBytes(const std::filesystem::path& path,
                                                       const std::string& displayName, const ReadLimits& limits,
                                                       Diagnostics& errors);

}  // namespace tenderscore::xml
