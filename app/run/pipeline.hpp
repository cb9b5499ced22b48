// The one run pipeline every front end uses: read a pack -> validate -> evaluate -> write the
// outputs -> record the run in the audit log. `tenderscore evaluate` and `replay` call it; the
// panel server will. Problems the user caused come back as data; what ends a run is thrown
// (NoInput, io::OutputError, audit::AuditError).
#pragma once

#include <cstddef>
#include <ctime>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>

#include "common/inputs.hpp"
#include "common/limits.hpp"
#include "evaluation/diagnostic.hpp"
#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore::run {

inline constexpr const char* resultsFile = "results.json";
inline constexpr const char* workbookFile = "evaluation.xlsx";

/// A required input that is not there (exit status 66).
class NoInput : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A pack on disk. Bids and scores are optional for `validate`; `evaluate` needs all three.
struct PackPaths {
    std::filesystem::path tender;
    std::optional<std::filesystem::path> bids;
    std::optional<std::filesystem::path> scores;
};

/// Where a pack is read from: files on disk, or documents in memory (a replay, the panel server).
using PackSource = std::variant<PackPaths, PackDocuments>;

/// A pack read and checked by the rules of spec 2.1, without evaluating it (`validate`).
struct Checked {
    Diagnostics problems;  // every problem, in report order; empty when the pack is sound
    std::string tender;    // the tender's reference
    std::optional<std::size_t> bids;
    std::size_t rejected = 0;  // files of the bids folder the panel rejected at opening
    bool hasScores = false;
};

[[nodiscard]] Checked check(const PackSource& source, const ReadLimits& limits);

/// The stages of a run, for a progress line.
enum class Stage { Reading, Evaluating, Writing };

/// Appending the run to an audit log.
struct Recording {
    std::filesystem::path log;
    std::string actor;
    std::string reason;
};

struct RunOptions {
    PackSource source;
    ReadLimits limits;
    std::filesystem::path out;
    std::time_t runTime = 0;
    std::optional<Recording> record;
    /// The log's state the workbook names (a replay names the state before the recorded run); by
    /// default the state of the log recorded into, or that there is none.
    std::optional<std::string> logCheckpoint;
    bool hashWorkbook = false;  // needed when recording; a replay asks for it to compare
    /// Called as each stage starts, with how many bids (or bid files) it covers.
    std::function<void(Stage, std::size_t)> progress;
};

/// The run as written: the pack and its result, results.json, the hashes and where it went.
struct RunOutcome {
    Diagnostics problems;  // when not empty, nothing was written and nothing recorded
    Pack pack;
    std::optional<Result> result;
    std::string results;  // results.json's bytes
    std::string resultsSha256;
    std::string workbookSha256;  // when asked for
    std::filesystem::path folder;
    std::optional<std::int64_t> recordedAs;  // the run's number in the audit log
    std::string entryHash;                   // the log entry's hash, when recorded
};

[[nodiscard]] RunOutcome evaluateRun(RunOptions options);

/// "12:4f1c...": the log's state in the one form a checkpoint has everywhere (the workbook, the
/// `evaluate` line that records a run, `audit checkpoint`, `audit verify --checkpoint`).
[[nodiscard]] std::string checkpointText(std::int64_t size, const std::string& head);

}  // namespace tenderscore::run
