// The audit log: an SQLite database (through Poco::Data) holding, for every evaluation run,
// content-addressed copies of its inputs and results.json, the workbook's hash, the tool version,
// the run time, who ran it and why. Entries are numbered 1, 2, 3 ... and hash-chained:
//   entry(n) = node(entry(n - 1), leaf(content(n))),  entry(0) = SHA-256 of nothing,
// with RFC 6962's leaf and node prefixes. Every stored value is covered by a hash, so a changed
// byte, a deleted or reordered entry or a damaged file is found by verify().
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace tenderscore::audit {

/// The log cannot be opened, read or written; or it fails verification (exit status 65).
class AuditError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One input of a run: its role (tender, bid, scores), the name it was read under, its SHA-256.
struct RunInput {
    std::string role;
    std::string name;
    std::string sha256;
};

struct RunRecord {
    std::int64_t number = 0;
    std::int64_t runTime = 0;  // seconds since 1970, UTC
    std::string actor;
    std::string reason;
    std::string toolVersion;
    std::string tender;
    std::string resultsSha256;
    std::string workbookSha256;
    std::vector<RunInput> inputs;  // tender, bids in file-name order, scores
    std::string previousHash;      // hex
    std::string entryHash;         // hex
};

/// The log's size and head: what a copy of the workbook held elsewhere pins.
struct Checkpoint {
    std::int64_t size = 0;
    std::string head;      // hex: the last entry's hash, or SHA-256 of nothing for an empty log
    std::string treeHash;  // hex: RFC 6962 Merkle tree hash over the entries' leaves

    [[nodiscard]] std::string text() const { return std::to_string(size) + ":" + head; }
};

/// The canonical bytes an entry's leaf hash covers (every field, length-prefixed, in order).
[[nodiscard]] std::string entryContent(const RunRecord& run);
/// The hash of an entry given the previous entry's hash (hex in, hex out).
[[nodiscard]] std::string entryHash(const std::string& previousHex, const RunRecord& run);
/// SHA-256 of nothing, the head of an empty log (hex).
[[nodiscard]] std::string emptyHead();

class AuditLog {
public:
    /// Opens the log; creates it when `create` and it does not exist.
    AuditLog(const std::filesystem::path& file, bool create);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    /// Appends a run in one write transaction: the blobs (hash -> bytes) not yet stored, then the
    /// entry, numbered and chained here. Returns the entry as stored.
    RunRecord append(RunRecord run, const std::vector<std::pair<std::string, std::string>>& blobs);

    [[nodiscard]] Checkpoint checkpoint();
    [[nodiscard]] std::vector<RunRecord> runs();
    [[nodiscard]] RunRecord run(std::int64_t number);
    [[nodiscard]] std::string blob(const std::string& sha256);

    /// Recomputes every hash and the chain. Returns nothing when intact, otherwise the first
    /// problem found, naming the entry (or blob) concerned.
    [[nodiscard]] std::optional<std::string> verify();

private:
    std::unique_ptr<Poco::Data::Session> _session;
};

}  // namespace tenderscore::audit
