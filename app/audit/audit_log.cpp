#include "audit/audit_log.hpp"

#include <map>

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include "audit/merkle.hpp"
#include "io/hash.hpp"

namespace tenderscore::audit {

namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;

constexpr const char* formatTag = "tenderscore-audit/1";

void field(std::string& out, const char* name, const std::string& value) {
    out += name;
    out += '=';
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += '\n';
}

template <typename Action>
auto guarded(const char* what, Action action) {
    try {
        return action();
    } catch (const Poco::Exception& error) {
        throw AuditError(std::string("the audit log cannot be ") + what + ": " + error.displayText());
    }
}

std::vector<RunInput> inputsOf(Poco::Data::Session& session, std::int64_t number) {
    RecordSet rows(session, "SELECT role, name, hash FROM run_inputs WHERE run = " + std::to_string(number) +
                                " ORDER BY position");
    std::vector<RunInput> inputs;
    for (std::size_t row = 0; row < rows.rowCount(); ++row) {
        inputs.push_back({rows.value(0, row).convert<std::string>(), rows.value(1, row).convert<std::string>(),
                          rows.value(2, row).convert<std::string>()});
    }
    return inputs;
}

std::vector<RunRecord> readRuns(Poco::Data::Session& session, const std::string& where) {
    RecordSet rows(session,
                   "SELECT number, run_time, actor, reason, tool_version, tender, results_hash, workbook_hash, "
                   "previous_hash, entry_hash FROM runs " +
                       where + " ORDER BY number");
    std::vector<RunRecord> runs;
    for (std::size_t row = 0; row < rows.rowCount(); ++row) {
        RunRecord run;
        run.number = rows.value(0, row).convert<Poco::Int64>();
        run.runTime = rows.value(1, row).convert<Poco::Int64>();
        run.actor = rows.value(2, row).convert<std::string>();
        run.reason = rows.value(3, row).convert<std::string>();
        run.toolVersion = rows.value(4, row).convert<std::string>();
        run.tender = rows.value(5, row).convert<std::string>();
        run.resultsSha256 = rows.value(6, row).convert<std::string>();
        run.workbookSha256 = rows.value(7, row).convert<std::string>();
        run.previousHash = rows.value(8, row).convert<std::string>();
        run.entryHash = rows.value(9, row).convert<std::string>();
        runs.push_back(std::move(run));
    }
    for (RunRecord& run : runs) {
        run.inputs = inputsOf(session, run.number);
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

AuditLog::AuditLog(const std::filesystem::path& file, bool create) {
    if (!create && !std::filesystem::is_regular_file(file)) {
        throw AuditError("there is no audit log at " + file.string());
    }
    guarded("opened", [&] {
        Poco::Data::SQLite::Connector::registerConnector();
        _session = std::make_unique<Poco::Data::Session>("SQLite", file.string());
        std::string mode;
        *_session << "PRAGMA journal_mode=WAL", into(mode), now;
        *_session << "PRAGMA synchronous=FULL", now;
        std::string integrity;
        *_session << "PRAGMA integrity_check", into(integrity), now;
        if (integrity != "ok") {
            throw AuditError("the audit log " + file.string() + " is damaged: " + integrity);
        }
        *_session << "CREATE TABLE IF NOT EXISTS blobs (hash TEXT PRIMARY KEY, content BLOB NOT NULL)", now;
        *_session << "CREATE TABLE IF NOT EXISTS runs (number INTEGER PRIMARY KEY, run_time INTEGER NOT NULL, "
                     "actor TEXT NOT NULL, reason TEXT NOT NULL, tool_version TEXT NOT NULL, tender TEXT NOT NULL, "
                     "results_hash TEXT NOT NULL, workbook_hash TEXT NOT NULL, previous_hash TEXT NOT NULL, "
                     "entry_hash TEXT NOT NULL)",
            now;
        *_session << "CREATE TABLE IF NOT EXISTS run_inputs (run INTEGER NOT NULL, position INTEGER NOT NULL, "
                     "role TEXT NOT NULL, name TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (run, position))",
            now;
        return 0;
    });
}

AuditLog::~AuditLog() = default;

RunRecord AuditLog::append(RunRecord run, const std::vector<std::pair<std::string, std::string>>& blobs) {
    return guarded("written", [&] {
        _session->begin();
        try {
            for (const auto& [hash, bytes] : blobs) {
                std::string key = hash;
                Poco::Data::BLOB content(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
                *_session << "INSERT OR IGNORE INTO blobs (hash, content) VALUES (?, ?)", use(key), use(content), now;
            }
            const Checkpoint head = checkpoint();
            run.number = head.size + 1;
            run.previousHash = head.head;
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
            _session->commit();
        } catch (...) {
            _session->rollback();
            throw;
        }
        return run;
    });
}

Checkpoint AuditLog::checkpoint() {
    return guarded("read", [&] {
        Checkpoint checkpoint;
        checkpoint.head = emptyHead();
        std::vector<Digest> leaves;
        for (const RunRecord& run : readRuns(*_session, "")) {
            checkpoint.size = run.number;
            checkpoint.head = run.entryHash;
            leaves.push_back(leafHash(entryContent(run)));
        }
        checkpoint.treeHash = toHex(treeHash(leaves));
        return checkpoint;
    });
}

std::vector<RunRecord> AuditLog::runs() {
    return guarded("read", [&] { return readRuns(*_session, ""); });
}

RunRecord AuditLog::run(std::int64_t number) {
    auto found = guarded("read", [&] { return readRuns(*_session, "WHERE number = " + std::to_string(number)); });
    if (found.empty()) {
        throw AuditError("the audit log has no run " + std::to_string(number));
    }
    return found.front();
}

std::string AuditLog::blob(const std::string& sha256Hex) {
    return guarded("read", [&] {
        std::string key = sha256Hex;
        std::vector<Poco::Data::BLOB> contents;
        *_session << "SELECT content FROM blobs WHERE hash = ?", use(key), into(contents), now;
        if (contents.empty()) {
            throw AuditError("the audit log has no copy of the file with SHA-256 " + sha256Hex);
        }
        const auto& raw = contents.front().content();
        return std::string(raw.begin(), raw.end());
    });
}

std::optional<std::string> AuditLog::verify() {
    return guarded("read", [&]() -> std::optional<std::string> {
        std::map<std::string, bool> stored;
        RecordSet blobs(*_session, "SELECT hash, content FROM blobs ORDER BY hash");
        for (std::size_t row = 0; row < blobs.rowCount(); ++row) {
            const std::string hash = blobs.value(0, row).convert<std::string>();
            const auto content = blobs.value(1, row).extract<Poco::Data::BLOB>();
            const std::string bytes(content.content().begin(), content.content().end());
            if (io::sha256Hex(bytes) != hash) {
                return "stored file " + hash.substr(0, 12) +
                       " has been altered: its content no longer has that SHA-256";
            }
            stored[hash] = true;
        }
        std::string previous = emptyHead();
        std::int64_t expected = 1;
        for (const RunRecord& run : readRuns(*_session, "")) {
            const std::string name = "run " + std::to_string(run.number);
            if (run.number != expected) {
                return "run " + std::to_string(expected) + " is missing (the next entry is " + name + ")";
            }
            if (run.previousHash != previous) {
                return name + " does not follow run " + std::to_string(expected - 1) +
                       ": the chain is broken (an entry was removed, reordered or altered)";
            }
            if (entryHash(previous, run) != run.entryHash) {
                return name + " has been altered: its content no longer has its recorded hash";
            }
            for (const RunInput& input : run.inputs) {
                if (stored.count(input.sha256) == 0) {
                    return name + " names input " + input.name + " whose stored copy is missing";
                }
            }
            if (stored.count(run.resultsSha256) == 0) {
                return name + ": the stored copy of its results.json is missing";
            }
            previous = run.entryHash;
            ++expected;
        }
        RecordSet positions(
            *_session, "SELECT run, COUNT(*), MIN(position), MAX(position) FROM run_inputs GROUP BY run ORDER BY run");
        for (std::size_t row = 0; row < positions.rowCount(); ++row) {
            const auto count = positions.value(1, row).convert<Poco::Int64>();
            if (positions.value(2, row).convert<Poco::Int64>() != 0 ||
                positions.value(3, row).convert<Poco::Int64>() != count - 1) {
                return "run " + positions.value(0, row).convert<std::string>() +
                       " has been altered: the positions of its inputs are not 0, 1, 2 ...";
            }
        }
        RecordSet orphans(*_session, "SELECT COUNT(*) FROM run_inputs WHERE run NOT IN (SELECT number FROM runs)");
        if (orphans.value(0, 0).convert<Poco::Int64>() != 0) {
            return std::string("inputs are recorded for a run that is not in the log (an entry was removed)");
        }
        return std::nullopt;
    });
}

}  // namespace tenderscore::audit
