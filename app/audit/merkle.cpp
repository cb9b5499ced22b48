#include "audit/merkle.hpp"

#include <Poco/SHA2Engine.h>

namespace tenderscore::audit {

namespace {

constexpr char leafPrefix = '\x00';
constexpr char nodePrefix = '\x01';
constexpr std::size_t digestBytes = 32;

Digest digestOf(std::initializer_list<std::string_view> parts) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    for (const std::string_view part : parts) {
        engine.update(part.data(), static_cast<unsigned>(part.size()));
    }
    const Poco::DigestEngine::Digest& digest = engine.digest();
    return {digest.begin(), digest.end()};
}

/// MTH over leafHashes[first, first + count).
Digest subtree(const std::vector<Digest>& leafHashes, std::size_t first, std::size_t count) {
    if (count == 1) {
        return leafHashes[first];
    }
    std::size_t split = 1;
    while (split * 2 < count) {
        split *= 2;  // the largest power of two smaller than count
    }
    return nodeHash(subtree(leafHashes, first, split), subtree(leafHashes, first + split, count - split));
}

}  // namespace

Digest sha256(std::string_view data) {
    return digestOf({data});
}

Digest leafHash(std::string_view data) {
    return digestOf({std::string_view(&leafPrefix, 1), data});
}

Digest nodeHash(const Digest& left, const Digest& right) {
    return digestOf({std::string_view(&nodePrefix, 1), left, right});
}

Digest treeHash(const std::vector<Digest>& leafHashes) {
    return leafHashes.empty() ? sha256("") : subtree(leafHashes, 0, leafHashes.size());
}

std::string toHex(const Digest& digest) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    for (const char c : digest) {
        const auto byte = static_cast<unsigned char>(c);
        hex += digits[byte >> 4U];
        hex += digits[byte & 0xFU];
    }
    return hex;
}

Digest fromHex(std::string_view hex) {
    if (hex.size() != 2 * digestBytes) {
        return {};
    }
    auto value = [](char c) -> int {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    };
    Digest digest;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = value(hex[i]);
        const int low = value(hex[i + 1]);
        if (high < 0 || low < 0) {
            return {};
        }
        digest += static_cast<char>(high * 16 + low);
    }
    return digest;
}

}  // namespace tenderscore::audit
