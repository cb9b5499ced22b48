// tenderscore audit verify|log|checkpoint|diff: reading the audit log, never changing it.
#include <filesystem>
#include <iostream>
#include <optional>
#include <vector>

#include <unistd.h>

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
    std::optional<audit::HeldCheckpoint> held;
    if (const auto checkpoint = line.option("checkpoint")) {
        held = audit::parseCheckpoint(*checkpoint);
        if (!held) {
            throw UsageError(
                "--checkpoint must be SIZE:HEAD as audit checkpoint prints it (a number of entries, "
                "a colon and 64 hex digits); got '" +
                text::terminalSafe(*checkpoint) + "'");
        }
    }
    audit::AuditLog log = openLog(file);
    if (const audit::Verification verification = log.verify(); !verification.intact()) {
        std::cerr << "tenderscore: the audit log " << file
                  << " is not intact: " << text::terminalSafe(verification.problem) << "\n";
        return Exit::EXIT_DATAERR;
    }
    const std::vector<audit::RunRecord> runs = log.runs();
    if (held) {
        const audit::CheckpointCheck check = audit::checkCheckpoint(runs, *held);
        switch (check.finding) {
        case audit::CheckpointFinding::Holds:
            break;
        case audit::CheckpointFinding::NotAState:
            std::cerr << "tenderscore: the checkpoint is not a state of the audit log " << file << ": "
                      << check.explanation << "\n";
            return Exit::EXIT_DATAERR;
        case audit::CheckpointFinding::Rewritten:
            std::cerr << "tenderscore: the audit log " << file << " was rewritten: " << check.explanation << "\n";
            return Exit::EXIT_DATAERR;
        case audit::CheckpointFinding::Shortened:
            std::cerr << "tenderscore: entries were removed from the audit log " << file << ": " << check.explanation
                      << "\n";
            return Exit::EXIT_DATAERR;
        }
    }
    const std::string head = runs.empty() ? audit::emptyHead() : runs.back().entryHash;
    std::cout << "The audit log " << file << " is intact: " << runs.size() << (runs.size() == 1 ? " run" : " runs")
              << ", checkpoint " << runs.size() << ":" << head << "\n";
    if (held) {
        std::cout << "It still holds the checkpoint " << held->size << ":" << held->head << " unchanged.\n";
    }
    return Exit::EXIT_OK;
}

int auditLogCommand(const CommandLine& line) {
    const std::string format = line.option("format").value_or("text");
    if (format != "text" && format != "json") {
        throw UsageError("--format must be text or json; got '" + text::terminalSafe(format) + "'");
    }
    audit::AuditLog log = openLog(line.required("audit"));
    const audit::StoredReaders readers = run::storedReaders(line.limits());
    std::cout << (format == "json" ? audit::logJson(log, readers) : audit::logReport(log, readers));
    return Exit::EXIT_OK;
}

int auditCheckpointCommand(const CommandLine& line) {
    const std::string& file = line.required("audit");
    audit::AuditLog log = openLog(file);
    const audit::Checkpoint now = log.checkpoint();
    // The first line is the checkpoint exactly as --checkpoint takes it and the workbook shows it.
    std::cout << now.text() << "\n"
              << "  " << now.size << (now.size == 1 ? " run" : " runs") << "; head " << now.head
              << " (the hash of the last entry)\n"
              << "  Merkle tree hash " << now.treeHash << "\n"
              << "Keep the first line where the log's keepers cannot change it (send it to someone, put it in\n"
              << "the award report). Later,\n"
              << "  tenderscore audit verify --audit " << text::terminalSafe(file) << " --checkpoint " << now.text()
              << "\n"
              << "checks that the log still holds these runs unchanged.\n";
    return Exit::EXIT_OK;
}

int auditDiffCommand(const CommandLine& line) {
    const std::int64_t from = runNumber(line.words[0], "the first run");
    const std::int64_t to = runNumber(line.words[1], "the second run");
    audit::AuditLog log = openLog(line.required("audit"));
    const audit::ReportStyle style{text::colourWanted(STDOUT_FILENO)};
    std::cout << audit::diffReport(log, from, to, run::storedReaders(line.limits()), style);
    return Exit::EXIT_OK;
}

}  // namespace tenderscore::cli
