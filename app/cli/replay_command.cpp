// tenderscore replay: a recorded run evaluated again from its stored inputs, compared byte for byte.
#include <iostream>
#include <sstream>

#include "audit/audit_report.hpp"
#include "cli/commands.hpp"
#include "format/text.hpp"
#include "run/replay.hpp"

#ifndef TENDERSCORE_VERSION
#define TENDERSCORE_VERSION "0.0.0"
#endif

namespace tenderscore::cli {

namespace {

/// The lines of results.json that differ, at most `maxShown` of them.
void showDifferences(const std::string& recordedText, const std::string& replayedText) {
    std::istringstream recorded(recordedText);
    std::istringstream replayed(replayedText);
    std::string a;
    std::string b;
    int line = 0;
    int shown = 0;
    constexpr int maxShown = 20;
    while ((std::getline(recorded, a) ? 1 : 0) + (std::getline(replayed, b) ? 1 : 0) > 0 && shown < maxShown) {
        ++line;
        if (a != b) {
            std::cout << "  results.json line " << line << ": recorded " << text::terminalSafe(a) << "\n"
                      << "  results.json line " << line << ": replayed " << text::terminalSafe(b) << "\n";
            ++shown;
        }
        a.clear();
        b.clear();
    }
}

}  // namespace

int replayCommand(const CommandLine& line) {
    std::optional<std::int64_t> number;
    if (const auto text = line.option("run")) {
        number = runNumber(*text, "--run");
    }
    const run::Replay replay = run::replayRun(line.required("audit"), number, line.required("out"), line.limits());
    if (!replay.replayed.problems.empty()) {
        return reportInputErrors(replay.replayed.problems);
    }
    const audit::RunRecord& recorded = replay.recorded;
    const run::RunOutcome& replayed = replay.replayed;
    std::cout << "Replayed run " << recorded.number << " (" << text::isoTime(recorded.runTime) << ", "
              << text::terminalSafe(recorded.actor) << ") into " << text::terminalSafe(replayed.folder.string())
              << "\n";
    bool same = true;
    auto compare = [&](const char* file, const std::string& before, const std::string& now) {
        if (before == now) {
            std::cout << "  " << file << ": identical (SHA-256 " << now << ")\n";
        } else {
            same = false;
            std::cout << "  " << file << ": DIFFERENT: recorded SHA-256 " << before << ", replayed " << now << "\n";
        }
    };
    compare(run::resultsFile, recorded.resultsSha256, replayed.resultsSha256);
    compare(run::workbookFile, recorded.workbookSha256, replayed.workbookSha256);
    if (recorded.toolVersion != TENDERSCORE_VERSION) {
        std::cout << "  the run was recorded by tenderscore " << recorded.toolVersion << "; this is "
                  << TENDERSCORE_VERSION << "\n";
    }
    if (replayed.resultsSha256 != recorded.resultsSha256) {
        showDifferences(replay.recordedResults, replayed.results);
    }
    return same ? Exit::EXIT_OK : 1;
}

}  // namespace tenderscore::cli
