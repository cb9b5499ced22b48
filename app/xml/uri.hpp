// Namespaces in XML 1.0: a namespace name is a URI reference (RFC 3986). The check follows the
// grammar as libxml2 (xmllint) reads it, so that the two agree on which declarations are refused.
#pragma once

#include <string_view>

namespace tenderscore::xml {

/// True when `text` is a URI reference: a URI with a scheme, or a relative reference.
[[nodiscard]] bool isUriReference(std::string_view text);

}  // namespace tenderscore::xml
