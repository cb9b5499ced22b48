// The audit log: an SQLite database (through Poco::Data) holding, for every evaluation run,
// content-addressed copies of its inputs and results.json, the workbook's hash, the tool version,
// the run time, who ran it and why. Entries are numbered 1, 2, 3 ... and hash-chained:
//   entry(n) = node(entry(n - 1), leaf(content(n))),  entry(0) = SHA-256 of nothing,
// with RFC 6962's leaf and node prefixes. Every stored value is read back in full, as stored, and
// covered by a hash, and the schema must be exactly the one the tool creates, so a changed byte, a
// deleted or reordered entry, an added trigger or a damaged file is found by verify().
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/output_set.hpp"

namespace Poco::Data {
class Session;
}

namespace tenderscore::audit {

/// The log cannot be opened, read or written, is not a tenderscore log, or fails verification
/// (exit status 65).
class AuditError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The COMMIT of an append failed after its `beforeCommit` step had run: the run is not recorded.
class NotRecorded : public AuditError {
public:
    using AuditError::AuditError;
};

/// Another program held the log locked for longer than the wait allowed. A lock is not damage: it
/// is reported like an output that cannot be written (exit status 73), and nothing was changed.
class AuditLocked : public io::OutputError {
public:
    using io::OutputError::OutputError;
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

/// Files to store with a run: SHA-256 (hex) and bytes.
using Blobs = std::vector<std::pair<std::string, std::string>>;

/// The log's size and head: what a copy of the workbook held elsewhere pins.
struct Checkpoint {
    std::int64_t size = 0;
    std::string head;      // hex: the last entry's hash, or SHA-256 of nothing for an empty log
    std::string treeHash;  // hex: RFC 6962 Merkle tree hash over the entries' leaves

    [[nodiscard]] std::string text() const { return std::to_string(size) + ":" + head; }
};

/// A checkpoint as someone holds it, copied from `audit checkpoint` or a workbook's Audit sheet.
struct HeldCheckpoint {
    std::int64_t size = 0;
    std::string head;  // 64 lower-case hex digits
};

/// "SIZE:HEAD" (HEAD 64 hex digits, either case), the one form tenderscore prints. Workbooks
/// written before that form was settled print "SIZE entries, head HEAD" (or "1 entry, ..."), which
/// is read too. Nothing when the text is neither.
[[nodiscard]] std::optional<HeldCheckpoint> parseCheckpoint(std::string_view text);

/// Whether a log holds a checkpoint, and if not, which of the reasons the evidence points to.
enum class CheckpointFinding {
    Holds,      // the log's first SIZE entries are those the checkpoint pinned
    NotAState,  // the checkpoint was copied wrongly: its head is another state of this log, or
                // differs from the log's head at SIZE in a few digits
    Rewritten,  // the log's head after SIZE entries is another hash: its first SIZE entries changed
    Shortened,  // the log holds fewer than SIZE entries: entries were removed
};

struct CheckpointCheck {
    CheckpointFinding finding = CheckpointFinding::Holds;
    std::string explanation;  // for every finding but Holds: what the checkpoint claims, what the log holds
};

/// Compares a checkpoint with the entries of a log that verify() found intact, in order.
[[nodiscard]] CheckpointCheck checkCheckpoint(const std::vector<RunRecord>& runs, const HeldCheckpoint& held);

/// What verify() found.
struct Verification {
    std::string problem;  // the first problem found, naming the entry, stored file or schema object

    [[nodiscard]] bool intact() const { return problem.empty(); }
};

/// The canonical bytes an entry's leaf hash covers (every field, length-prefixed, in order).
[[nodiscard]] std::string entryContent(const RunRecord& run);
/// The hash of an entry given the previous entry's hash (hex in, hex out).
[[nodiscard]] std::string entryHash(const std::string& previousHex, const RunRecord& run);
/// SHA-256 of nothing, the head of an empty log (hex).
[[nodiscard]] std::string emptyHead();

class AuditLog {
public:
    enum class Access {
        ReadOnly,  // verify, log, checkpoint, diff, replay: the file is opened read-only, never written
        Append,    // evaluate --audit: created when absent
    };
    /// How long an operation waits for another program holding the log locked.
    static constexpr std::chrono::seconds defaultLockWait{60};

    /// Opens the log. Refuses a file that is not a tenderscore audit log without changing it.
    AuditLog(std::filesystem::path file, Access access, std::chrono::seconds lockWait = defaultLockWait);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    /// Appends a run in one write transaction: the blobs not yet stored, then the entry, numbered
    /// and chained here and read back. `beforeCommit` runs last inside the transaction: if it
    /// throws, nothing is recorded. If the COMMIT fails, throws NotRecorded. After the COMMIT the
    /// entry is read back again; returns it as stored.
    RunRecord append(RunRecord run, const Blobs& blobs, const std::function<void()>& beforeCommit = {});

    [[nodiscard]] Checkpoint checkpoint();
    [[nodiscard]] std::vector<RunRecord> runs();
    [[nodiscard]] RunRecord run(std::int64_t number);
    [[nodiscard]] std::string blob(const std::string& sha256);

    /// Checks the schema, the type of every stored value, every stored file's hash, every entry's
    /// hash over its values in full, and the chain.
    [[nodiscard]] Verification verify();

private:
    [[nodiscard]] Verification verifyContent();
    void open(Access access);
    void create();
    /// "" when run `expected` and the files it names are in the log as given, else what differs.
    [[nodiscard]] std::string readBack(const RunRecord& expected);

    std::filesystem::path _file;
    std::chrono::seconds _lockWait;
    std::unique_ptr<Poco::Data::Session> _session;
};

}  // namespace tenderscore::audit
