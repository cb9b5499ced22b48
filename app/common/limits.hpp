// Limits on what the readers accept, so that a hostile file is refused quickly with bounded memory.
// The defaults hold any real tender pack many times over; a command's --config (or the server's
// configuration) can change them, by the keys listed in `limitSettings`.
#pragma once

#include <array>
#include <cstddef>

namespace tenderscore {

struct ReadLimits {
    std::size_t maxFileBytes = 64ULL * 1024 * 1024;  // checked before the file is read
    std::size_t maxDepth = 64;                       // element nesting
    std::size_t maxAttributeBytes = 64ULL * 1024;    // one attribute value
    std::size_t maxTextBytes = 1024ULL * 1024;       // one element's text (an answer, a rationale)
    std::size_t threads = 0;                         // files read at once; 0: one per core
};

/// One configurable limit: its key in a .properties file and the field it sets.
struct LimitSetting {
    const char* key;
    std::size_t ReadLimits::*field;
};

/// Every configurable limit, in the order the documentation lists them.
inline constexpr std::array<LimitSetting, 5> limitSettings{{
    {"limits.maxFileBytes", &ReadLimits::maxFileBytes},
    {"limits.maxDepth", &ReadLimits::maxDepth},
    {"limits.maxAttributeBytes", &ReadLimits::maxAttributeBytes},
    {"limits.maxTextBytes", &ReadLimits::maxTextBytes},
    {"threads", &ReadLimits::threads},
}};

}  // namespace tenderscore
