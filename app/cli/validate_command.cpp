// tenderscore validate: every rule of the input formats and of spec 2.1, nothing written.
#include <iostream>

#include "cli/commands.hpp"
#include "run/pipeline.hpp"

namespace tenderscore::cli {

int validateCommand(const CommandLine& line) {
    run::PackPaths paths{line.required("tender"), std::nullopt, std::nullopt};
    if (const auto bids = line.option("bids")) {
        paths.bids = *bids;
    }
    if (const auto scores = line.option("scores")) {
        paths.scores = *scores;
    }
    const run::Checked checked = run::check(paths, line.limits());
    if (!checked.problems.empty()) {
        return reportInputErrors(checked.problems);
    }
    std::cout << "Tender " << checked.tender << ": no problems found";
    if (checked.bids) {
        std::cout << " in " << *checked.bids << (*checked.bids == 1 ? " bid" : " bids");
    }
    if (checked.hasScores) {
        std::cout << (checked.bids ? " and the scores" : " in the scores");
    }
    if (checked.rejected > 0) {
        std::cout << " (" << checked.rejected << (checked.rejected == 1 ? " file" : " files")
                  << " rejected at opening, set aside)";
    }
    std::cout << "\n";
    return Exit::EXIT_OK;
}

}  // namespace tenderscore::cli
