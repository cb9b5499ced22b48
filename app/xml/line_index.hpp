// Line and column of any byte of a file, found without holding a table as large as the file: a
// file of 60 MB of line ends would need 480 MB of line starts. The index is built from the bytes
// before pugixml parses them in place (which overwrites some line ends), and costs one bit per
// byte plus 16 bytes per 512: about a sixth of the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace tenderscore::xml {

class LineIndex {
public:
    explicit LineIndex(std::string_view text);

    struct Position {
        std::size_t line = 1;    // 1-based
        std::size_t column = 1;  // 1-based, in bytes
    };
    /// The position of the byte at `offset` (an offset at the end of the file is allowed).
    [[nodiscard]] Position at(std::size_t offset) const;

private:
    /// Every `wordsPerBlock` words of the bitmap: the line ends before the block, and where the
    /// line holding the block's first byte starts.
    struct Block {
        std::size_t lineEndsBefore = 0;
        std::size_t lineStart = 0;
    };

    std::vector<std::uint64_t> _lineEnds;  // bit b of word w is set when byte 64w + b is '\n'
    std::vector<Block> _blocks;
};

}  // namespace tenderscore::xml
