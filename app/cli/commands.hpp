// One function per command, each in its own file; they return the process's exit status.
#pragma once

#include <ctime>

#include <Poco/Util/Application.h>

#include "cli/command_line.hpp"
#include "evaluation/diagnostic.hpp"

namespace tenderscore::cli {

using Exit = Poco::Util::Application::ExitCode;

int evaluateCommand(const CommandLine& line);
int validateCommand(const CommandLine& line);
int replayCommand(const CommandLine& line);
int publishCommand(const CommandLine& line);
int auditVerifyCommand(const CommandLine& line);
int auditLogCommand(const CommandLine& line);
int auditCheckpointCommand(const CommandLine& line);
int auditDiffCommand(const CommandLine& line);
// The panel server (serve_command.cpp, users_command.cpp) and its store (store_commands.cpp).
int serveCommand(const CommandLine& line);
int usersCommand(const CommandLine& line);
/// audit verify, audit log and replay: on the audit log with --audit, on the panel store with --store.
int auditVerifyAnyCommand(const CommandLine& line);
int auditLogAnyCommand(const CommandLine& line);
int replayAnyCommand(const CommandLine& line);

/// Prints every problem and how many; the run writes nothing.
int reportInputErrors(const Diagnostics& errors);

/// When a run counts as run: SOURCE_DATE_EPOCH when set (reproducible runs), else now
/// (evaluate_command.cpp; publish uses it too).
[[nodiscard]] std::time_t runTime();

}  // namespace tenderscore::cli
