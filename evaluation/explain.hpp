// Reason, note and flag codes of the method, in words a panel can read aloud.
#pragma once

#include <string>

#include "evaluation/code.hpp"

namespace tenderscore {

/// OVER_PRICE_CEILING:SC123456 -> "setting SC123456 is priced above the lot's weekly price ceiling".
[[nodiscard]] std::string explain(const Code& code);

}  // namespace tenderscore
