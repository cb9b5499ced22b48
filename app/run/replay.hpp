// Replaying a recorded run: its stored inputs evaluated again through the run pipeline, at the
// recorded time and with the recorded log state, so that the outputs can be compared byte for byte.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "audit/audit_log.hpp"
#include "audit/audit_report.hpp"
#include "common/limits.hpp"
#include "run/pipeline.hpp"

namespace tenderscore::run {

struct Replay {
    audit::RunRecord recorded;
    std::string recordedResults;  // results.json as recorded
    RunOutcome replayed;
};

/// Replays run `number` (the last when absent) of the log into `out`. Throws audit::AuditError
/// when the log is not intact or has no such run.
[[nodiscard]] Replay replayRun(const std::filesystem::path& log, std::optional<std::int64_t> number,
                               const std::filesystem::path& out, const ReadLimits& limits);

/// The readers the audit reports use to read a run's stored documents.
[[nodiscard]] audit::StoredReaders storedReaders(const ReadLimits& limits);

}  // namespace tenderscore::run
