// tenderscore publish: an evaluation, run through the same pipeline as `evaluate` (or replayed from
// the audit log), presented for publication: an assessment summary for every bidder and the award
// as OCDS. The run's own outputs (workbook, results.json) go to a scratch folder and are dropped:
// what publish writes is what may leave the council.
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "cli/commands.hpp"
#include "evaluation/values.hpp"
#include "format/text.hpp"
#include "publish/chromium.hpp"
#include "publish/ocds.hpp"
#include "publish/publish.hpp"
#include "publish/scratch.hpp"
#include "run/replay.hpp"

namespace tenderscore::cli {

namespace {

/// The pack named on the command line, evaluated by the run pipeline into `scratch`.
run::RunOutcome evaluatePack(const CommandLine& line, const std::filesystem::path& scratch, std::int64_t& time) {
    if (!line.option("tender") || !line.option("bids") || !line.option("scores")) {
        throw UsageError("publish needs --tender, --bids and --scores together, or --audit");
    }
    if (line.option("run")) {
        throw UsageError("publish takes --run only with --audit");
    }
    run::RunOptions options;
    time = runTime();
    options.runTime = static_cast<std::time_t>(time);
    options.source = run::PackPaths{line.required("tender"), line.required("bids"), line.required("scores")};
    options.limits = line.limits();
    options.out = scratch;
    return run::evaluateRun(std::move(options));
}

/// A recorded run replayed into `scratch`; nothing is published unless it gives the recorded results.
std::optional<run::RunOutcome> replayRecorded(const CommandLine& line, const std::filesystem::path& scratch,
                                              std::int64_t& time) {
    if (line.option("tender") || line.option("bids") || line.option("scores")) {
        throw UsageError("publish takes either --audit or --tender, --bids and --scores, not both");
    }
    std::optional<std::int64_t> number;
    if (const auto text = line.option("run")) {
        number = runNumber(*text, "--run");
    }
    run::Replay replay = run::replayRun(line.required("audit"), number, scratch, line.limits());
    time = replay.recorded.runTime;
    if (replay.replayed.problems.empty() && replay.replayed.resultsSha256 != replay.recorded.resultsSha256) {
        std::cerr << "tenderscore: run " << replay.recorded.number
                  << " evaluated again does not give the results.json it recorded (tenderscore "
                  << text::terminalSafe(replay.recorded.toolVersion)
                  << " recorded it); see `tenderscore replay`. Nothing was published.\n";
        return std::nullopt;
    }
    return std::move(replay.replayed);
}

}  // namespace

int publishCommand(const CommandLine& line) {
    const std::string& prefix = line.required("ocid-prefix");
    if (!publish::isOcidPrefix(prefix)) {
        throw UsageError(
            "--ocid-prefix must be the council's registered OCDS prefix, 'ocds-' and six lower-case "
            "letters or digits; got '" +
            prefix + "'");
    }
    const publish::Scratch scratch;
    std::int64_t time = 0;
    std::optional<run::RunOutcome> outcome;
    if (line.option("audit")) {
        outcome = replayRecorded(line, scratch.path(), time);
        if (!outcome) {
            return 1;
        }
    } else {
        outcome = evaluatePack(line, scratch.path(), time);
    }
    if (!outcome->problems.empty()) {
        return reportInputErrors(outcome->problems);
    }
    publish::PublishOptions options{prefix, time, publish::findChromium()};
    const publish::Published published =
        publish::publish(line.required("out"), outcome->pack, *outcome->result, options);
    const std::string folder = text::terminalSafe(published.folder.string());
    std::cout << "Wrote " << folder << "/" << publish::ocdsFile << " and " << published.summaries.size()
              << " assessment summaries in " << folder << "/" << publish::summariesFolder << "/ ("
              << (published.pdf ? "HTML and PDF" : "HTML only: no Chromium to print PDFs") << ")\n";
    for (std::size_t i = 0; i < published.summaries.size(); ++i) {
        std::cout << "  " << text::terminalSafe(published.summaries[i]) << "  "
                  << text::terminalSafe(outcome->pack.bids[i].bidderName) << "\n";
    }
    return Exit::EXIT_OK;
}

}  // namespace tenderscore::cli
