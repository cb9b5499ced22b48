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
    /// Elements, attributes, CDATA sections and runs of text in one document, counted before it is
    /// parsed: the parsed tree costs up to 64 bytes a node, however small the file.
    std::size_t maxNodes = 4'000'000;
    std::size_t threads = 0;  // files read at once; 0: one per core; never more than `maxThreads`
};

/// The most threads that read files at once, whatever `threads` asks for.
inline constexpr std::size_t maxThreads = 64;

/// The most problems listed for one file; a last one says that more were left out. A hostile file
/// can hold millions of mistakes, and listing them all would cost more memory than the file.
inline constexpr std::size_t maxProblemsPerFile = 1000;

/// One configurable limit: its key in a .properties file and the field it sets.
struct LimitSetting {
    const char* key;
    std::size_t ReadLimits::*field;
};

/// Every configurable limit, in the order the documentation lists them.
inline constexpr std::array<LimitSetting, 6> limitSettings{{
    {"limits.maxFileBytes", &ReadLimits::maxFileBytes},
    {"limits.maxDepth", &ReadLimits::maxDepth},
    {"limits.maxAttributeBytes", &ReadLimits::maxAttributeBytes},
    {"limits.maxTextBytes", &ReadLimits::maxTextBytes},
    {"limits.maxNodes", &ReadLimits::maxNodes},
    {"threads", &ReadLimits::threads},
}};

}  // namespace tenderscore
