// tenderscore audit verify|log|checkpoint|diff: reading the audit log, never changing it.
#include <filesystem>
#include <iostream>

#include "audit/audit_log.hpp"
#include "audit/audit_report.hpp"
#include "cli/commands.hpp"
#include "format/text.hpp"
#include "run/pipeline.hpp"
#include "run/replay.hpp"

namespace tenderscore::cli {

namespace {

audit::AuditLog openLog(const std::string& file) {
    if (!std::filesystem::exists(file)) {
        throw run::NoInput("cannot open the audit log " + file);
    }
    return {file, audit::AuditLog::Access::ReadOnly};
}

}  // namespace

int auditVerifyCommand(const CommandLine& line) {
    const std::string& file = line.required("audit");
    audit::AuditLog log = openLog(file);
    if (const audit::Verification verification = log.verify(); !verification.intact()) {
        std::cerr << "tenderscore: the audit log " << file
                  << " is not intact: " << text::terminalSafe(verification.problem) << "\n";
        return Exit::EXIT_DATAERR;
    }
    const audit::Checkpoint now = log.checkpoint();
    if (const auto checkpoint = line.option("checkpoint")) {
        const auto colon = checkpoint->find(':');
        if (colon == std::string::npos) {
            throw UsageError("--checkpoint must be SIZE:HEAD as printed by audit checkpoint");
        }
        const std::int64_t size = runNumber(checkpoint->substr(0, colon), "the checkpoint's size");
        const std::string head = checkpoint->substr(colon + 1);
        if (size > now.size) {
            std::cerr << "tenderscore: the audit log has " << now.size << " entries, fewer than the " << size
                      << " of the checkpoint: entries were removed\n";
            return Exit::EXIT_DATAERR;
        }
        if (log.run(size).entryHash != head) {
            std::cerr << "tenderscore: run " << size
                      << " of the audit log does not match the checkpoint: the log was rewritten\n";
            return Exit::EXIT_DATAERR;
        }
    }
    std::cout << "The audit log " << file << " is intact: " << now.size << (now.size == 1 ? " run" : " runs")
              << ", head " << now.head << "\n";
    return Exit::EXIT_OK;
}

int auditLogCommand(const CommandLine& line) {
    audit::AuditLog log = openLog(line.required("audit"));
    std::cout << audit::logReport(log);
    return Exit::EXIT_OK;
}

int auditCheckpointCommand(const CommandLine& line) {
    audit::AuditLog log = openLog(line.required("audit"));
    const audit::Checkpoint now = log.checkpoint();
    std::cout << now.text() << "\n"
              << "size " << now.size << "\nhead " << now.head << "\ntree " << now.treeHash << "\n";
    return Exit::EXIT_OK;
}

int auditDiffCommand(const CommandLine& line) {
    const std::int64_t from = runNumber(line.words[0], "the first run");
    const std::int64_t to = runNumber(line.words[1], "the second run");
    audit::AuditLog log = openLog(line.required("audit"));
    std::cout << audit::diffReport(log, from, to, run::storedReaders(line.limits()));
    return Exit::EXIT_OK;
}

}  // namespace tenderscore::cli
