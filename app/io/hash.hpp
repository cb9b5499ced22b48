// SHA-256 of input and output files, as lower-case hex.
#pragma once

#include <string>
#include <string_view>

namespace tenderscore::io {

[[nodiscard]] std::string sha256Hex(std::string_view bytes);

}  // namespace tenderscore::io
