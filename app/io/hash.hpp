// SHA-256 of input and output files, as lower-case hex.
#pragma once

#include <string>
#include <string_view>

namespace tenderscore::io {

[[nodiscard]] std::string sha256Hex(std::string_view bytes);

/// The whole content of a file (for hashing what was just written). Throws OutputError.
[[nodiscard]] std::string readWhole(const std::string& path);

}  // namespace tenderscore::io
