// tenderscore evaluate: the run pipeline on a pack on disk, the ranking on standard output.
#include <pwd.h>
#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string_view>

#include "cli/commands.hpp"
#include "evaluation/values.hpp"
#include "format/ranking.hpp"
#include "format/text.hpp"
#include "run/pipeline.hpp"

namespace tenderscore::cli {

namespace {

/// A progress line on standard error for runs expected to take more than a second, only when
/// standard error is a terminal: each stage overwrites the last, and the line is cleared at the end.
class Progress {
public:
    Progress() = default;
    ~Progress() { finish(); }
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    /// Clears the line (before the ranking is printed).
    void finish() {
        if (_show) {
            std::cerr << "\r\x1b[K" << std::flush;
            _show = false;
        }
    }

    void stage(run::Stage stage, std::size_t bids) {
        if (stage == run::Stage::Reading) {
            _show = bids >= bidsWorthProgress && ::isatty(STDERR_FILENO) == 1;
        }
        if (!_show) {
            return;
        }
        std::cerr << "\r\x1b[Ktenderscore: ";
        switch (stage) {
        case run::Stage::Reading:
            std::cerr << "reading " << bids << " bid files";
            break;
        case run::Stage::Evaluating:
            std::cerr << "evaluating " << bids << " bids";
            break;
        case run::Stage::Writing:
            std::cerr << "writing the workbook and results.json";
            break;
        }
        std::cerr << "..." << std::flush;
    }

private:
    /// Packs of this many bids take about a second or more to evaluate on a small machine.
    static constexpr std::size_t bidsWorthProgress = 2000;
    bool _show = false;
};

std::string loginName() {
    if (const passwd* user = getpwuid(geteuid()); user != nullptr && user->pw_name != nullptr) {
        return user->pw_name;
    }
    const char* name = std::getenv("USER");
    return name != nullptr ? name : "unknown";
}

}  // namespace

int reportInputErrors(const Diagnostics& errors) {
    for (const Diagnostic& error : errors) {
        std::cerr << text::terminalSafe(describe(error)) << "\n";  // quoted values and file names are input
    }
    std::cerr << "tenderscore: " << errors.size() << (errors.size() == 1 ? " problem" : " problems")
              << " in the input; nothing was written\n";
    return Exit::EXIT_DATAERR;
}

std::time_t runTime() {
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    if (epoch == nullptr) {
        return std::time(nullptr);
    }
    constexpr std::uint64_t maxSeconds = 999'999'999'999;  // beyond the year 30000
    const auto seconds = parseCount(epoch, maxSeconds);
    if (!seconds) {
        throw UsageError(std::string("SOURCE_DATE_EPOCH must be a whole number of seconds; got '") + epoch + "'");
    }
    return static_cast<std::time_t>(*seconds);
}

int evaluateCommand(const CommandLine& line) {
    run::RunOptions options;
    options.runTime = runTime();
    options.source = run::PackPaths{line.required("tender"), line.required("bids"), line.required("scores")};
    options.limits = line.limits();
    options.out = line.required("out");
    if (const auto log = line.option("audit")) {
        options.record =
            run::Recording{*log, line.option("actor").value_or(loginName()), line.option("reason").value_or("")};
    }
    Progress progress;
    options.progress = [&progress](run::Stage stage, std::size_t bids) { progress.stage(stage, bids); };
    const run::RunOutcome outcome = run::evaluateRun(std::move(options));
    if (!outcome.problems.empty()) {
        progress.finish();
        return reportInputErrors(outcome.problems);
    }
    if (outcome.recordedAs) {
        std::cout << "Recorded as run " << *outcome.recordedAs << " in " << line.required("audit") << "; checkpoint "
                  << run::checkpointText(*outcome.recordedAs, outcome.entryHash) << "\n";
    }
    progress.finish();
    text::printRanking(std::cout, outcome.pack, *outcome.result);
    std::cout << "\nWrote " << (outcome.folder / run::workbookFile).string() << " and "
              << (outcome.folder / run::resultsFile).string() << "\n";
    return Exit::EXIT_OK;
}

}  // namespace tenderscore::cli
