// RFC 6962 (Certificate Transparency) hashing: leaves are hashed with a 0x00 prefix and interior
// nodes with 0x01, so a leaf can never be passed off as a node. The audit log chains its entries
// with these prefixes and can offer Merkle inclusion and consistency proofs later.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tenderscore::audit {

/// A SHA-256 digest as 32 raw bytes.
using Digest = std::string;

[[nodiscard]] Digest sha256(std::string_view data);
/// MTH({d}) = SHA-256(0x00 || d)
[[nodiscard]] Digest leafHash(std::string_view data);
/// SHA-256(0x01 || left || right)
[[nodiscard]] Digest nodeHash(const Digest& left, const Digest& right);
/// The Merkle tree hash of RFC 6962 section 2.1 over leaves already hashed with leafHash;
/// SHA-256 of nothing for an empty list.
[[nodiscard]] Digest treeHash(const std::vector<Digest>& leafHashes);

[[nodiscard]] std::string toHex(const Digest& digest);
/// Raw bytes from 64 lower-case hex digits; empty when the text is not that.
[[nodiscard]] Digest fromHex(std::string_view hex);

}  // namespace tenderscore::audit
