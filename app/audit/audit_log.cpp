#include "audit/audit_log.hpp"

#include <chrono>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include <Poco/Data/LOB.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include "audit/merkle.hpp"
#include "io/hash.hpp"

namespace tenderscore::audit {

namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::BLOB;
using Poco::Data::Statement;

constexpr const char* formatTag = "tenderscore-audit/1";

// The schema exactly as SQLite keeps it in sqlite_master, which is how logs have always been
// created: verify() accepts no other table, index, trigger or view, and no other definition.
constexpr const char* createBlobs = "CREATE TABLE blobs (hash TEXT PRIMARY KEY, content BLOB NOT NULL)";
constexpr const char* createRuns =
    "CREATE TABLE runs (number INTEGER PRIMARY KEY, run_time INTEGER NOT NULL, actor TEXT NOT NULL, reason TEXT NOT "
    "NULL, tool_version TEXT NOT NULL, tender TEXT NOT NULL, results_hash TEXT NOT NULL, workbook_hash TEXT NOT NULL, "
    "previous_hash TEXT NOT NULL, entry_hash TEXT NOT NULL)";
constexpr const char* createRunInputs =
    "CREATE TABLE run_inputs (run INTEGER NOT NULL, position INTEGER NOT NULL, role TEXT NOT NULL, name TEXT NOT "
    "NULL, hash TEXT NOT NULL, PRIMARY KEY (run, position))";

struct SchemaObject {
    std::string type;
    std::string name;
    std::string table;
    std::string sql;
};

const std::map<std::string, SchemaObject>& expectedSchema() {
    static const std::map<std::string, SchemaObject> objects = [] {
        std::map<std::string, SchemaObject> byName;
        for (SchemaObject object : {SchemaObject{"table", "blobs", "blobs", createBlobs},
                                    SchemaObject{"index", "sqlite_autoindex_blobs_1", "blobs", ""},
                                    SchemaObject{"table", "runs", "runs", createRuns},
                                    SchemaObject{"table", "run_inputs", "run_inputs", createRunInputs},
                                    SchemaObject{"index", "sqlite_autoindex_run_inputs_1", "run_inputs", ""}}) {
            byName.emplace(object.name, object);
        }
        return byName;
    }();
    return objects;
}

/// A value as stored, every byte of it: Poco::Data reads a text column into a std::string only up
/// to its first NUL byte, and a BLOB whole.
std::string bytesOf(const BLOB& value) {
    const std::vector<unsigned char>& raw = value.content();
    return {raw.begin(), raw.end()};
}

/// "file:///abs/path?parameters": SQLite's URI form, which takes `mode=ro` and `immutable=1`.
std::string uriOf(const std::filesystem::path& file, const std::string& parameters) {
    static constexpr char hexDigits[] = "0123456789ABCDEF";
    std::string uri = "file://";
    for (const char c : std::filesystem::absolute(file).string()) {
        const auto byte = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            std::strchr("/-._~", c) != nullptr) {
            uri += c;
        } else {
            uri += '%';
            uri += hexDigits[byte >> 4U];
            uri += hexDigits[byte & 0xFU];
        }
    }
    return uri + "?" + parameters;
}

enum class FileKind { Missing, Folder, Empty, SQLite, Other };

FileKind kindOf(const std::filesystem::path& file) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) {
        return FileKind::Folder;
    }
    if (!std::filesystem::exists(file, ec)) {
        return FileKind::Missing;
    }
    static constexpr char magic[] = "SQLite format 3";  // and its NUL: the first 16 bytes of every database
    char header[sizeof(magic)] = {};
    std::ifstream in(file, std::ios::binary);
    in.read(header, sizeof(header));
    if (in.gcount() == 0) {
        return in.eof() ? FileKind::Empty : FileKind::Other;
    }
    return in.gcount() == sizeof(header) && std::memcmp(header, magic, sizeof(magic)) == 0 ? FileKind::SQLite
                                                                                           : FileKind::Other;
}

bool isLockedError(const Poco::Exception& error) {
    const std::string text = error.displayText();
    return dynamic_cast<const Poco::Data::SQLite::DBLockedException*>(&error) != nullptr ||
           dynamic_cast<const Poco::Data::SQLite::TableLockedException*>(&error) != nullptr ||
           text.find("database is locked") != std::string::npos ||
           text.find("database table is locked") != std::string::npos;
}

/// Runs `action`, turning Poco's errors into the log's own: a lock into AuditLocked (never
/// damage), anything else into AuditError.
template <typename Action>
auto guarded(const std::filesystem::path& file, std::chrono::seconds wait, const char* what, Action action) {
    try {
        return action();
    } catch (const Poco::Exception& error) {
        if (isLockedError(error)) {
            throw AuditLocked("the audit log " + file.string() +
                              " is in use by another program: it stayed locked for " + std::to_string(wait.count()) +
                              " s");
        }
        throw AuditError("the audit log " + file.string() + " cannot be " + what + ": " + error.displayText());
    }
}

// Runs `read` inside one read transaction, so that every statement in it sees the same snapshot of
// the log (in WAL mode a reader's snapshot is fixed by its first read and kept until COMMIT).
template <typename Read>
auto inSnapshot(Poco::Data::Session& session, Read read) {
    session << "BEGIN", now;
    try {
        auto result = read();
        session << "COMMIT", now;
        return result;
    } catch (...) {
        try {
            session << "ROLLBACK", now;
        } catch (const Poco::Exception&) {  // nothing was begun
        }
        throw;
    }
}

std::vector<SchemaObject> readSchema(Poco::Data::Session& session) {
    std::vector<BLOB> types;
    std::vector<BLOB> names;
    std::vector<BLOB> tables;
    std::vector<BLOB> sqls;
    session << "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY name, type", into(types),
        into(names), into(tables), into(sqls), now;
    std::vector<SchemaObject> objects;
    for (std::size_t i = 0; i < names.size(); ++i) {
        objects.push_back({bytesOf(types[i]), bytesOf(names[i]), bytesOf(tables[i]), bytesOf(sqls[i])});
    }
    return objects;
}

bool holdsLogTables(const std::vector<SchemaObject>& objects) {
    for (const SchemaObject& object : objects) {
        const auto expected = expectedSchema().find(object.name);
        if (object.type == "table" && expected != expectedSchema().end() && expected->second.type == "table") {
            return true;
        }
    }
    return false;
}

std::string describeObject(const SchemaObject& object) {
    return object.type + " '" + object.name + "'" + (object.table != object.name ? " on " + object.table : "");
}

/// "" when the schema is exactly the tool's, else the first difference.
std::string schemaProblem(const std::vector<SchemaObject>& objects) {
    const std::string altered = "the log's schema has been altered: ";
    std::set<std::string> seen;
    for (const SchemaObject& object : objects) {
        const auto expected = expectedSchema().find(object.name);
        if (expected == expectedSchema().end()) {
            return altered + "it has " + (object.type == "index" ? "an " : "a ") + describeObject(object) +
                   " that tenderscore does not create";
        }
        const SchemaObject& want = expected->second;
        if (object.type != want.type || object.table != want.table || object.sql != want.sql) {
            return altered + "its " + describeObject(object) + " is not defined as tenderscore defines it";
        }
        seen.insert(object.name);
    }
    for (const auto& [name, object] : expectedSchema()) {
        if (seen.count(name) == 0) {
            return altered + "its " + describeObject(object) + " is missing";
        }
    }
    return "";
}

/// "" when every value has the type the tool stores it as (integer, text, blob), else the first
/// row that does not: a value of another type could read back as the same number or text.
std::string typeProblem(Poco::Data::Session& session) {
    std::vector<Poco::Int64> runs;
    session << "SELECT number FROM runs WHERE typeof(run_time) != 'integer' OR typeof(actor) != 'text' OR "
               "typeof(reason) != 'text' OR typeof(tool_version) != 'text' OR typeof(tender) != 'text' OR "
               "typeof(results_hash) != 'text' OR typeof(workbook_hash) != 'text' OR typeof(previous_hash) != 'text' "
               "OR typeof(entry_hash) != 'text' ORDER BY number LIMIT 1",
        into(runs), now;
    const std::string storedAs = " is stored as another type than tenderscore writes";
    if (!runs.empty()) {
        return "run " + std::to_string(runs.front()) + " has been altered: one of its values" + storedAs;
    }
    std::vector<BLOB> inputRuns;
    session << "SELECT CAST(run AS TEXT) FROM run_inputs WHERE typeof(run) != 'integer' OR typeof(position) != "
               "'integer' OR typeof(role) != 'text' OR typeof(name) != 'text' OR typeof(hash) != 'text' "
               "ORDER BY run, position LIMIT 1",
        into(inputRuns), now;
    if (!inputRuns.empty()) {
        return "run " + bytesOf(inputRuns.front()) + " has been altered: one of its inputs" + storedAs;
    }
    std::vector<BLOB> blobs;
    session << "SELECT CAST(hash AS TEXT) FROM blobs WHERE typeof(hash) != 'text' OR typeof(content) != 'blob' "
               "ORDER BY hash LIMIT 1",
        into(blobs), now;
    if (!blobs.empty()) {
        return "stored file " + bytesOf(blobs.front()).substr(0, 12) + " has been altered: it" + storedAs;
    }
    return "";
}

void field(std::string& out, const char* name, const std::string& value) {
    out += name;
    out += '=';
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += '\n';
}

/// The runs numbered `only` (all when nothing), every value in full.
std::vector<RunRecord> readRuns(Poco::Data::Session& session, std::optional<std::int64_t> only) {
    Poco::Int64 first = only.value_or(std::numeric_limits<Poco::Int64>::min());
    Poco::Int64 last = only.value_or(std::numeric_limits<Poco::Int64>::max());
    std::vector<Poco::Int64> numbers;
    std::vector<Poco::Int64> times;
    std::vector<BLOB> actors;
    std::vector<BLOB> reasons;
    std::vector<BLOB> versions;
    std::vector<BLOB> tenders;
    std::vector<BLOB> results;
    std::vector<BLOB> workbooks;
    std::vector<BLOB> previous;
    std::vector<BLOB> entries;
    session << "SELECT number, run_time, actor, reason, tool_version, tender, results_hash, workbook_hash, "
               "previous_hash, entry_hash FROM runs WHERE number BETWEEN ? AND ? ORDER BY number",
        use(first), use(last), into(numbers), into(times), into(actors), into(reasons), into(versions), into(tenders),
        into(results), into(workbooks), into(previous), into(entries), now;
    std::vector<RunRecord> runs(numbers.size());
    std::map<std::int64_t, std::size_t> index;
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        RunRecord& run = runs[i];
        run.number = numbers[i];
        run.runTime = times[i];
        run.actor = bytesOf(actors[i]);
        run.reason = bytesOf(reasons[i]);
        run.toolVersion = bytesOf(versions[i]);
        run.tender = bytesOf(tenders[i]);
        run.resultsSha256 = bytesOf(results[i]);
        run.workbookSha256 = bytesOf(workbooks[i]);
        run.previousHash = bytesOf(previous[i]);
        run.entryHash = bytesOf(entries[i]);
        index[run.number] = i;
    }
    std::vector<Poco::Int64> owners;
    std::vector<BLOB> roles;
    std::vector<BLOB> names;
    std::vector<BLOB> hashes;
    session << "SELECT run, role, name, hash FROM run_inputs WHERE run BETWEEN ? AND ? ORDER BY run, position",
        use(first), use(last), into(owners), into(roles), into(names), into(hashes), now;
    for (std::size_t i = 0; i < owners.size(); ++i) {
        if (const auto owner = index.find(owners[i]); owner != index.end()) {
            runs[owner->second].inputs.push_back({bytesOf(roles[i]), bytesOf(names[i]), bytesOf(hashes[i])});
        }
    }
    return runs;
}

}  // namespace

std::string entryContent(const RunRecord& run) {
    std::string out;
    field(out, "format", formatTag);
    field(out, "number", std::to_string(run.number));
    field(out, "runTime", std::to_string(run.runTime));
    field(out, "actor", run.actor);
    field(out, "reason", run.reason);
    field(out, "toolVersion", run.toolVersion);
    field(out, "tender", run.tender);
    field(out, "results", run.resultsSha256);
    field(out, "workbook", run.workbookSha256);
    field(out, "inputs", std::to_string(run.inputs.size()));
    for (const RunInput& input : run.inputs) {
        field(out, "role", input.role);
        field(out, "name", input.name);
        field(out, "sha256", input.sha256);
    }
    return out;
}

std::string emptyHead() {
    return toHex(sha256(""));
}

std::string entryHash(const std::string& previousHex, const RunRecord& run) {
    return toHex(nodeHash(fromHex(previousHex), leafHash(entryContent(run))));
}

namespace {

constexpr std::size_t hexDigits = 64;
/// A head that differs from the log's in at most this many of its 64 digits was copied wrongly: two
/// unrelated SHA-256 hashes agree in about 4 digits, so differ in about 60.
constexpr std::size_t typingSlips = 4;

std::optional<std::string> lowerHex(std::string_view text) {
    if (text.size() != hexDigits) {
        return std::nullopt;
    }
    std::string hex;
    for (const char c : text) {
        const char lower = (c >= 'A' && c <= 'F') ? static_cast<char>(c - 'A' + 'a') : c;
        if (!((lower >= '0' && lower <= '9') || (lower >= 'a' && lower <= 'f'))) {
            return std::nullopt;
        }
        hex += lower;
    }
    return hex;
}

std::optional<std::int64_t> entryCount(std::string_view text) {
    if (text.empty() || text.size() > std::numeric_limits<std::int64_t>::digits10 ||
        text.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    return std::stoll(std::string(text));
}

std::size_t differingDigits(const std::string& a, const std::string& b) {
    std::size_t differ = 0;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        differ += a[i] != b[i] ? 1U : 0U;
    }
    return differ;
}

std::string entries(std::int64_t size) {
    return std::to_string(size) + (size == 1 ? " entry" : " entries");
}

std::string shortHead(const std::string& head) {
    constexpr std::size_t shown = 12;
    return head.substr(0, shown) + "...";
}

}  // namespace

std::optional<HeldCheckpoint> parseCheckpoint(std::string_view text) {
    std::string_view size;
    std::string_view head;
    if (const auto colon = text.find(':'); colon != std::string_view::npos) {
        size = text.substr(0, colon);
        head = text.substr(colon + 1);
    } else {
        // "12 entries, head 4f1c...": the wording of workbooks written before the one form.
        const auto space = text.find(' ');
        const auto comma = text.find(", head ");
        if (space == std::string_view::npos || comma == std::string_view::npos) {
            return std::nullopt;
        }
        const std::string_view noun = text.substr(space, comma - space);
        if (noun != " entries" && noun != " entry") {
            return std::nullopt;
        }
        size = text.substr(0, space);
        head = text.substr(comma + std::string_view(", head ").size());
    }
    const auto count = entryCount(size);
    const auto hex = lowerHex(head);
    if (!count || !hex) {
        return std::nullopt;
    }
    return HeldCheckpoint{*count, *hex};
}

CheckpointCheck checkCheckpoint(const std::vector<RunRecord>& runs, const HeldCheckpoint& held) {
    const auto logSize = static_cast<std::int64_t>(runs.size());
    const auto headAfter = [&](std::int64_t size) {
        return size == 0 ? emptyHead() : runs[static_cast<std::size_t>(size - 1)].entryHash;
    };
    if (held.size <= logSize && headAfter(held.size) == held.head) {
        return {};
    }
    const std::string claims =
        "the checkpoint " + std::to_string(held.size) + ":" + shortHead(held.head) + " claims " + entries(held.size) +
        ", but " +
        (held.size <= logSize ? "after " + entries(held.size) + " this log's head is " + shortHead(headAfter(held.size))
                              : "this log holds only " + entries(logSize));
    const std::string unchanged = "nothing shows that the log was changed";
    const auto sizeMistyped = [&](std::int64_t size) -> CheckpointCheck {
        return {CheckpointFinding::NotAState, claims + "; its head is this log's head after " + entries(size) +
                                                  ", so its entry count was copied wrongly and " + unchanged +
                                                  " (the checkpoint of that state is " + std::to_string(size) + ":" +
                                                  held.head + ")"};
    };
    for (std::int64_t size = 0; size <= logSize; ++size) {
        if (headAfter(size) == held.head) {
            return sizeMistyped(size);
        }
    }
    if (held.size <= logSize) {
        if (const std::size_t differ = differingDigits(headAfter(held.size), held.head); differ <= typingSlips) {
            return {CheckpointFinding::NotAState, claims + "; the two heads differ in " + std::to_string(differ) +
                                                      " of their 64 digits, so the checkpoint was copied wrongly "
                                                      "and " +
                                                      unchanged + ": check it against where it was kept"};
        }
    }
    const std::string noState = ", and no state of this log has the checkpoint's head";
    const std::string otherLog = " (unless the checkpoint is of another log)";
    if (held.size > logSize) {
        return {CheckpointFinding::Shortened,
                claims + noState + ": entries were removed since the checkpoint was taken" + otherLog};
    }
    return {CheckpointFinding::Rewritten,
            claims + noState + ": " +
                (held.size == 1 ? std::string("the log's first entry was")
                                : "the log's first " + std::to_string(held.size) + " entries were") +
                " changed and the hashes recomputed since the checkpoint was taken" + otherLog};
}

AuditLog::AuditLog(std::filesystem::path file, Access access, std::chrono::seconds lockWait)
    : _file(std::move(file)), _lockWait(lockWait) {
    // SQLite answers "locked" at once, without waiting, where waiting could deadlock: two runs
    // that create a new log at the same moment both read it, then both ask to turn it into a
    // write-ahead log. Opening is then tried again, from the start, until the wait is over.
    const auto deadline = std::chrono::steady_clock::now() + _lockWait;
    constexpr auto pause = std::chrono::milliseconds(20);
    for (;;) {
        try {
            open(access);
            return;
        } catch (const AuditLocked&) {
            if (std::chrono::steady_clock::now() >= deadline) {
                throw;
            }
        }
        _session.reset();
        std::this_thread::sleep_for(pause);
    }
}

AuditLog::~AuditLog() = default;

void AuditLog::open(Access access) {
    const std::string notALog = "the file " + _file.string() + " is not a tenderscore audit log";
    switch (kindOf(_file)) {
    case FileKind::Folder:
        throw AuditError(notALog + " (it is a folder)");
    case FileKind::Other:
        throw AuditError(notALog + " (it is not an SQLite database)");
    case FileKind::Missing:
        if (access == Access::ReadOnly) {
            throw AuditError("there is no audit log at " + _file.string());
        }
        break;
    case FileKind::Empty:
        if (access == Access::ReadOnly) {
            throw AuditError(notALog + " (it is empty)");
        }
        break;
    case FileKind::SQLite:
        break;
    }
    Poco::Data::SQLite::Connector::registerConnector();
    guarded(_file, _lockWait, "opened", [&] {
        const auto connect = [&](const std::string& parameters) {
            _session.reset();
            // No login timeout: opening a file never waits for a lock, and an unopenable file
            // should fail at once. Locks are waited for (SQLite's busy timeout) for `_lockWait`.
            _session = std::make_unique<Poco::Data::Session>("SQLite", uriOf(_file, parameters), 0);
            _session->setConnectionTimeout(static_cast<std::size_t>(_lockWait.count()));
        };
        connect(access == Access::ReadOnly ? "mode=ro" : "mode=rwc");
        std::vector<SchemaObject> schema;
        try {
            schema = readSchema(*_session);
        } catch (const Poco::Data::SQLite::SQLiteException& error) {
            // In a folder this user cannot write, SQLite cannot create the shared-memory file through
            // which readers of a WAL-mode log coordinate with its writers. Nobody can write the log
            // there either, so it is read as a file that does not change, unless a write-ahead log
            // from an interrupted run is waiting there to be recovered.
            std::error_code ec;
            const auto wal = std::filesystem::path(_file.string() + "-wal");
            const bool readOnlyFailure =
                dynamic_cast<const Poco::Data::SQLite::ReadOnlyException*>(&error) != nullptr ||
                dynamic_cast<const Poco::Data::SQLite::CantOpenDBFileException*>(&error) != nullptr;
            const auto walBytes = std::filesystem::file_size(wal, ec);
            if (access != Access::ReadOnly || !readOnlyFailure || (!ec && walBytes > 0)) {
                throw;
            }
            connect("mode=ro&immutable=1");
            schema = readSchema(*_session);
        }
        if (schema.empty()) {
            if (access == Access::ReadOnly) {
                throw AuditError(notALog + " (it holds no tables)");
            }
            create();
            return 0;
        }
        if (!holdsLogTables(schema)) {
            throw AuditError(notALog + " (it holds " + describeObject(schema.front()) +
                             (schema.size() > 1 ? " and others)" : ")"));
        }
        if (access == Access::Append) {
            *_session << "PRAGMA synchronous=FULL", now;
        }
        std::vector<std::string> integrity;
        *_session << "PRAGMA integrity_check", into(integrity), now;
        if (integrity.empty() || integrity.front() != "ok") {
            throw AuditError("the audit log " + _file.string() +
                             " is damaged: " + (integrity.empty() ? "no answer" : integrity.front()));
        }
        return 0;
    });
}

void AuditLog::create() {
    std::string mode;
    *_session << "PRAGMA journal_mode=WAL", into(mode), now;
    *_session << "PRAGMA synchronous=FULL", now;
    // Two runs may create the log at the same moment: the first to take the write lock creates the
    // tables, the other waits for it and finds them.
    *_session << "BEGIN IMMEDIATE", now;
    try {
        const std::vector<SchemaObject> schema = readSchema(*_session);
        if (schema.empty()) {
            for (const char* statement : {createBlobs, createRuns, createRunInputs}) {
                *_session << statement, now;
            }
        } else if (!holdsLogTables(schema)) {
            throw AuditError("the file " + _file.string() + " is not a tenderscore audit log");
        }
        *_session << "COMMIT", now;
    } catch (...) {
        try {
            *_session << "ROLLBACK", now;
        } catch (const Poco::Exception&) {  // nothing to undo
        }
        throw;
    }
}

std::string AuditLog::readBack(const RunRecord& expected) {
    const std::vector<RunRecord> found = readRuns(*_session, expected.number);
    if (found.empty()) {
        return "its entry is not there";
    }
    const RunRecord& stored = found.front();
    if (entryContent(stored) != entryContent(expected) || stored.previousHash != expected.previousHash ||
        stored.entryHash != expected.entryHash) {
        return "its entry is not what was written";
    }
    std::set<std::string> files{expected.resultsSha256};
    for (const RunInput& input : expected.inputs) {
        files.insert(input.sha256);
    }
    Poco::Int64 run = expected.number;
    std::string results = expected.resultsSha256;
    Poco::Int64 present = 0;
    *_session << "SELECT COUNT(*) FROM blobs WHERE hash IN (SELECT hash FROM run_inputs WHERE run = ? UNION SELECT ?)",
        use(run), use(results), into(present), now;
    if (present != static_cast<Poco::Int64>(files.size())) {
        return "not every file it names is stored";
    }
    return "";
}

RunRecord AuditLog::append(RunRecord run, const Blobs& blobs, const std::function<void()>& beforeCommit) {
    const auto rollback = [this] {
        try {
            *_session << "ROLLBACK", now;
        } catch (const Poco::Exception&) {  // the failed statement already ended the transaction
        }
    };
    // IMMEDIATE: the write lock is taken (or waited for) now, before anything is read, so that the
    // entry is chained to the log's last entry as it will be at COMMIT.
    guarded(_file, _lockWait, "written", [&] {
        *_session << "BEGIN IMMEDIATE", now;
        return 0;
    });
    try {
        const std::string problem = guarded(_file, _lockWait, "written", [&] {
            for (const auto& [hash, bytes] : blobs) {
                std::string key = hash;
                BLOB content(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
                *_session << "INSERT OR IGNORE INTO blobs (hash, content) VALUES (?, ?)", use(key), use(content), now;
            }
            std::vector<Poco::Int64> lastNumber;
            std::vector<BLOB> lastHash;
            *_session << "SELECT number, entry_hash FROM runs ORDER BY number DESC LIMIT 1", into(lastNumber),
                into(lastHash), now;
            run.number = lastNumber.empty() ? 1 : lastNumber.front() + 1;
            run.previousHash = lastHash.empty() ? emptyHead() : bytesOf(lastHash.front());
            run.entryHash = entryHash(run.previousHash, run);
            *_session << "INSERT INTO runs (number, run_time, actor, reason, tool_version, tender, results_hash, "
                         "workbook_hash, previous_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                use(run.number), use(run.runTime), use(run.actor), use(run.reason), use(run.toolVersion),
                use(run.tender), use(run.resultsSha256), use(run.workbookSha256), use(run.previousHash),
                use(run.entryHash), now;
            for (std::size_t i = 0; i < run.inputs.size(); ++i) {
                auto position = static_cast<Poco::Int64>(i);
                RunInput& input = run.inputs[i];
                *_session << "INSERT INTO run_inputs (run, position, role, name, hash) VALUES (?, ?, ?, ?, ?)",
                    use(run.number), use(position), use(input.role), use(input.name), use(input.sha256), now;
            }
            return readBack(run);
        });
        if (!problem.empty()) {
            throw AuditError("the audit log " + _file.string() + " did not keep run " + std::to_string(run.number) +
                             " as it was written (" + problem + "), so nothing was recorded");
        }
        if (beforeCommit) {
            beforeCommit();
        }
    } catch (...) {
        rollback();
        throw;
    }
    try {
        *_session << "COMMIT", now;
    } catch (const Poco::Exception& error) {
        rollback();
        throw NotRecorded("the audit log " + _file.string() + " could not record the run: " + error.displayText());
    }
    // Only what the log gives back counts as recorded.
    std::string problem;
    try {
        problem = readBack(run);
    } catch (const Poco::Exception& error) {
        problem = "it could not be read: " + error.displayText();
    }
    if (!problem.empty()) {
        throw AuditError("run " + std::to_string(run.number) + " was committed to the audit log " + _file.string() +
                         ", but reading it back found that " + problem + "; check the log with audit verify");
    }
    return run;
}

Checkpoint AuditLog::checkpoint() {
    return guarded(_file, _lockWait, "read", [&] {
        return inSnapshot(*_session, [&] {
            Checkpoint checkpoint;
            checkpoint.head = emptyHead();
            std::vector<Digest> leaves;
            for (const RunRecord& run : readRuns(*_session, std::nullopt)) {
                checkpoint.size = run.number;
                checkpoint.head = run.entryHash;
                leaves.push_back(leafHash(entryContent(run)));
            }
            checkpoint.treeHash = toHex(treeHash(leaves));
            return checkpoint;
        });
    });
}

std::vector<RunRecord> AuditLog::runs() {
    return guarded(_file, _lockWait, "read",
                   [&] { return inSnapshot(*_session, [&] { return readRuns(*_session, std::nullopt); }); });
}

RunRecord AuditLog::run(std::int64_t number) {
    auto found = guarded(_file, _lockWait, "read",
                         [&] { return inSnapshot(*_session, [&] { return readRuns(*_session, number); }); });
    if (found.empty()) {
        throw AuditError("the audit log has no run " + std::to_string(number));
    }
    return found.front();
}

std::string AuditLog::blob(const std::string& sha256Hex) {
    return guarded(_file, _lockWait, "read", [&] {
        std::string key = sha256Hex;
        std::vector<BLOB> contents;
        *_session << "SELECT content FROM blobs WHERE hash = ?", use(key), into(contents), now;
        if (contents.empty()) {
            throw AuditError("the audit log has no copy of the file with SHA-256 " + sha256Hex);
        }
        return bytesOf(contents.front());
    });
}

Verification AuditLog::verify() {
    // One read transaction: the stored files, the entries and their inputs are read from one snapshot
    // of the log, so a run committed by another program while this one reads is seen whole or not at all.
    return guarded(_file, _lockWait, "read", [&] { return inSnapshot(*_session, [&] { return verifyContent(); }); });
}

Verification AuditLog::verifyContent() {
    if (std::string problem = schemaProblem(readSchema(*_session)); !problem.empty()) {
        return {problem};
    }
    if (std::string problem = typeProblem(*_session); !problem.empty()) {
        return {problem};
    }
    // One stored file at a time: a log of large packs need not fit in memory.
    std::set<std::string> stored;
    BLOB hashValue;
    BLOB contentValue;
    Statement files(*_session);
    files << "SELECT hash, content FROM blobs ORDER BY hash", into(hashValue), into(contentValue), range(0, 1);
    while (!files.done() && files.execute() > 0) {
        const std::string hash = bytesOf(hashValue);
        if (io::sha256Hex(bytesOf(contentValue)) != hash) {
            return {"stored file " + hash.substr(0, 12) + " has been altered: its content no longer has that SHA-256"};
        }
        stored.insert(hash);
    }
    std::string previous = emptyHead();
    std::int64_t expected = 1;
    for (const RunRecord& run : readRuns(*_session, std::nullopt)) {
        const std::string name = "run " + std::to_string(run.number);
        if (run.number != expected) {
            return {"run " + std::to_string(expected) + " is missing (the next entry is " + name + ")"};
        }
        if (run.previousHash != previous) {
            return {name + " does not follow run " + std::to_string(expected - 1) +
                    ": the chain is broken (an entry was removed, reordered or altered)"};
        }
        if (entryHash(previous, run) != run.entryHash) {
            return {name + " has been altered: its content no longer has its recorded hash"};
        }
        for (const RunInput& input : run.inputs) {
            if (stored.count(input.sha256) == 0) {
                return {name + " names input " + input.name + " whose stored copy is missing"};
            }
        }
        if (stored.count(run.resultsSha256) == 0) {
            return {name + ": the stored copy of its results.json is missing"};
        }
        previous = run.entryHash;
        ++expected;
    }
    std::vector<Poco::Int64> runs;
    std::vector<Poco::Int64> counts;
    std::vector<Poco::Int64> lowest;
    std::vector<Poco::Int64> highest;
    *_session << "SELECT run, COUNT(*), MIN(position), MAX(position) FROM run_inputs GROUP BY run ORDER BY run",
        into(runs), into(counts), into(lowest), into(highest), now;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (lowest[i] != 0 || highest[i] != counts[i] - 1) {
            return {"run " + std::to_string(runs[i]) +
                    " has been altered: the positions of its inputs are not 0, 1, 2 ..."};
        }
    }
    Poco::Int64 orphans = 0;
    *_session << "SELECT COUNT(*) FROM run_inputs WHERE run NOT IN (SELECT number FROM runs)", into(orphans), now;
    if (orphans != 0) {
        return {"inputs are recorded for a run that is not in the log (an entry was removed)"};
    }
    return {};
}

}  // namespace tenderscore::audit
