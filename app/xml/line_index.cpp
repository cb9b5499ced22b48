#include "xml/line_index.hpp"

#include <cstring>

namespace tenderscore::xml {

namespace {

constexpr std::size_t bitsPerWord = 64;
constexpr std::size_t wordsPerBlock = 8;  // a block covers 512 bytes: a lookup reads at most 8 words

/// The number of set bits, without a call into the compiler's library (no POPCNT is assumed).
std::size_t ones(std::uint64_t word) {
    word -= (word >> 1) & 0x5555555555555555ULL;
    word = (word & 0x3333333333333333ULL) + ((word >> 2) & 0x3333333333333333ULL);
    word = (word + (word >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return static_cast<std::size_t>((word * 0x0101010101010101ULL) >> 56);
}

/// The index of the highest set bit of a non-zero word.
std::size_t highestBit(std::uint64_t word) {
    std::size_t bit = bitsPerWord - 1;
    while ((word >> bit) == 0) {
        --bit;
    }
    return bit;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : _lineEnds(text.size() / bitsPerWord + 1, 0) {
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    for (const char* p = begin;
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr; ++p) {
        const auto offset = static_cast<std::size_t>(p - begin);
        _lineEnds[offset / bitsPerWord] |= std::uint64_t{1} << (offset % bitsPerWord);
    }
    _blocks.reserve(_lineEnds.size() / wordsPerBlock + 1);
    Block block;
    for (std::size_t w = 0; w < _lineEnds.size(); ++w) {
        if (w % wordsPerBlock == 0) {
            _blocks.push_back(block);
        }
        if (_lineEnds[w] != 0) {
            block.lineEndsBefore += ones(_lineEnds[w]);
            block.lineStart = w * bitsPerWord + highestBit(_lineEnds[w]) + 1;
        }
    }
}

LineIndex::Position LineIndex::at(std::size_t offset) const {
    const std::size_t word = offset / bitsPerWord;
    const Block& block = _blocks[word / wordsPerBlock];
    std::size_t lineEnds = block.lineEndsBefore;
    std::size_t lineStart = block.lineStart;
    for (std::size_t w = word - word % wordsPerBlock; w <= word; ++w) {
        std::uint64_t bits = _lineEnds[w];
        if (w == word) {
            bits &= (std::uint64_t{1} << (offset % bitsPerWord)) - 1;  // only the bytes before `offset`
        }
        if (bits != 0) {
            lineEnds += ones(bits);
            lineStart = w * bitsPerWord + highestBit(bits) + 1;
        }
    }
    return {lineEnds + 1, offset - lineStart + 1};
}

}  // namespace tenderscore::xml
