// The rules of XML 1.0 (fifth edition) and Namespaces in XML 1.0 that pugixml does not check,
// checked in one pass over a document's bytes before pugixml parses them. pugixml rejects broken
// structure (an unclosed or mismatched tag, a missing '=' or quote), but accepts, among others:
// characters XML does not allow (raw, or as references such as &#0; or &#xD800;), references to
// undeclared entities and a bare '&', '<' in an attribute value, "]]>" in text, "--" in a comment,
// an XML declaration that is not first, text, CDATA and references outside the document element,
// non-ASCII characters that are not name characters in names, and names that are not qualified
// names. docs/reliability.md lists them all with the check for each.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/limits.hpp"

namespace tenderscore::xml {

/// One problem found in the bytes, at an offset into them.
struct ByteProblem {
    std::size_t offset = 0;
    const char* rule = "xml";
    std::string message;
};

struct ByteCheck {
    std::vector<ByteProblem> problems;  // none: the bytes may be given to pugixml
    /// Elements, attributes, CDATA sections and runs of text other than white space: an upper
    /// bound of the nodes pugixml will allocate. Counting stops just past the limit.
    std::size_t nodes = 0;
    std::size_t elements = 0;
    /// The longest attribute value and run of text (or CDATA section) as written: what pugixml
    /// makes of them (references replaced, line ends normalised) is never longer.
    std::size_t longestValue = 0;
    std::size_t longestText = 0;
    /// No name has a prefix and no element but the first declares a namespace: every element is
    /// in the document element's default namespace.
    bool simpleNamespaces = true;
};

/// Checks a whole document's bytes: valid UTF-8 (the first bad byte is reported), then every rule
/// pugixml leaves unchecked, and the node and depth limits; at most `maxProblemsPerFile` problems. Stops as soon as the
/// document has more nodes, or elements nested deeper, than `limits` allow.
[[nodiscard]] ByteCheck checkBytes(std::string_view bytes, const ReadLimits& limits);

}  // namespace tenderscore::xml
