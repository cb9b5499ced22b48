#include "tenderscore_app.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <string_view>
#include <type_traits>

#include <Poco/AutoPtr.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionCallback.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include "evaluate.hpp"
#include "io/hash.hpp"
#include "io/output_set.hpp"
#include "json/results_json.hpp"
#include "report.hpp"
#include "xlsx/workbook.hpp"
#include "xml/pack_reader.hpp"

#ifndef TENDERSCORE_VERSION
#define TENDERSCORE_VERSION "0.0.0"
#endif

namespace tenderscore::cli {

namespace {

using Poco::Util::Option;
using Poco::Util::OptionCallback;

constexpr const char* resultsFile = "results.json";
constexpr const char* workbookFile = "evaluation.xlsx";

/// A required input that is not there (exit status 66).
class NoInput : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

void requireFile(const std::optional<std::string>& path, const char* what) {
    if (path && !std::filesystem::is_regular_file(*path)) {
        throw NoInput(std::string("cannot open the ") + what + " file " + *path);
    }
}

void requireFolder(const std::optional<std::string>& path, const char* what) {
    if (path && !std::filesystem::is_directory(*path)) {
        throw NoInput(std::string("cannot open the ") + what + " folder " + *path);
    }
}

/// The reader's problems and, over what could be read, the cross-document ones, so that a broken
/// pack is reported whole in one run.
Diagnostics allProblems(const xml::ReadPack& read) {
    Diagnostics errors = read.errors;
    const bool tenderRead = read.tenderRead;
    const std::vector<Bid>* bids = read.hasBids ? &read.pack.bids : nullptr;
    const Scores* scores = read.hasScores ? &read.pack.scores : nullptr;
    Diagnostics more;
    const bool everyBidKnown = read.everyBidParsed && std::none_of(read.pack.bids.begin(), read.pack.bids.end(),
                                                                   [](const Bid& bid) { return bid.id.empty(); });
    if (everyBidKnown) {
        more = validate(read.pack.tender, bids, scores, false, tenderRead);
    } else {
        // A bid that could not be read (or whose id could not) is missing: marks for it are not "unknown".
        more = validate(read.pack.tender, bids, nullptr, false, tenderRead);
        const Diagnostics scoreProblems = validate(read.pack.tender, nullptr, scores, false, false);
        more.insert(more.end(), scoreProblems.begin(), scoreProblems.end());
    }
    errors.insert(errors.end(), more.begin(), more.end());
    return errors;
}

/// Prints every problem and how many; the run writes nothing.
int reportInputErrors(Diagnostics errors) {
    sortForReport(errors);
    for (const Diagnostic& error : errors) {
        std::cerr << describe(error) << "\n";
    }
    std::cerr << "tenderscore: " << errors.size() << (errors.size() == 1 ? " problem" : " problems")
              << " in the input; nothing was written\n";
    return Poco::Util::Application::EXIT_DATAERR;
}

/// The run time: SOURCE_DATE_EPOCH when set (reproducible runs), else now.
std::time_t runTime() {
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    if (epoch == nullptr) {
        return std::time(nullptr);
    }
    constexpr std::size_t maxDigits = 12;  // beyond the year 30000
    const std::string_view text = epoch;
    const bool valid = !text.empty() && text.size() <= maxDigits &&
                       std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!valid) {
        throw UsageError(std::string("SOURCE_DATE_EPOCH must be a whole number of seconds; got '") + epoch + "'");
    }
    return static_cast<std::time_t>(std::stoll(std::string(text)));
}

xml::ReadPack readPackFor(const std::optional<std::string>& tender, const std::optional<std::string>& bids,
                          const std::optional<std::string>& scores, const xml::ReadLimits& limits) {
    requireFile(tender, "tender");
    requireFolder(bids, "bids");
    requireFile(scores, "scores");
    std::optional<std::filesystem::path> bidsPath;
    std::optional<std::filesystem::path> scoresPath;
    if (bids) {
        bidsPath = *bids;
    }
    if (scores) {
        scoresPath = *scores;
    }
    return xml::readPack(*tender, bidsPath, scoresPath, limits);
}

}  // namespace

TenderscoreApp::TenderscoreApp() {
    setUnixOptions(true);
}

std::string TenderscoreApp::usage() {
    return "usage:\n"
           "  tenderscore evaluate --tender FILE --bids DIR --scores FILE --out DIR [--config FILE]\n"
           "  tenderscore validate --tender FILE [--bids DIR] [--scores FILE] [--config FILE]\n"
           "  tenderscore --help | --version\n";
}

void TenderscoreApp::defineOptions(Poco::Util::OptionSet& options) {
    Application::defineOptions(options);
    options.addOption(Option("help", "h", "show this help and exit")
                          .required(false)
                          .repeatable(false)
                          .callback(OptionCallback<TenderscoreApp>(this, &TenderscoreApp::handleHelp)));
    options.addOption(Option("version", "", "show the version and exit")
                          .required(false)
                          .repeatable(false)
                          .callback(OptionCallback<TenderscoreApp>(this, &TenderscoreApp::handleVersion)));
    options.addOption(Option("tender", "", "the tender document (urn:tenderscore:tender:1)")
                          .required(false)
                          .repeatable(false)
                          .argument("FILE")
                          .callback(OptionCallback<TenderscoreApp>(this, &TenderscoreApp::handlePath)));
    options.addOption(Option("bids", "", "the folder of bid documents; every *.xml in it is read")
                          .required(false)
                          .repeatable(false)
                          .argument("DIR")
                          .callback(OptionCallback<TenderscoreApp>(this, &TenderscoreApp::handlePath)));
    options.addOption(Option("scores", "", "the panel's scores document (urn:tenderscore:scores:1)")
                          .required(false)
                          .repeatable(false)
                          .argument("FILE")
                          .callback(OptionCallback<TenderscoreApp>(this, &TenderscoreApp::handlePath)));
    options.addOption(Option("config", "",
                             "a .properties file of settings (limits.maxFileBytes, limits.maxDepth, "
                             "limits.maxAttributeBytes, limits.maxTextBytes)")
                          .required(false)
                          .repeatable(false)
                          .argument("FILE")
                          .callback(OptionCallback<TenderscoreApp>(this, &TenderscoreApp::handlePath)));
    options.addOption(Option("out", "", "the folder for evaluation.xlsx and results.json (created when absent)")
                          .required(false)
                          .repeatable(false)
                          .argument("DIR")
                          .callback(OptionCallback<TenderscoreApp>(this, &TenderscoreApp::handlePath)));
}

void TenderscoreApp::handleHelp(const std::string& /*name*/, const std::string& /*value*/) {
    _helpRequested = true;
    stopOptionsProcessing();
}

void TenderscoreApp::handleVersion(const std::string& /*name*/, const std::string& /*value*/) {
    _versionRequested = true;
    stopOptionsProcessing();
}

void TenderscoreApp::handlePath(const std::string& name, const std::string& value) {
    if (value.empty()) {
        throw UsageError("--" + name + " needs a value");
    }
    if (name == "tender") {
        _tender = value;
    } else if (name == "bids") {
        _bids = value;
    } else if (name == "scores") {
        _scores = value;
    } else if (name == "config") {
        _config = value;
    } else {
        _out = value;
    }
}

int TenderscoreApp::main(const std::vector<std::string>& args) {
    try {
        if (_helpRequested) {
            Poco::Util::HelpFormatter help(options());
            help.setUnixStyle(true);
            help.setCommand("tenderscore");
            help.setUsage("evaluate|validate [options]");
            help.setHeader(
                "Evaluates tenders exactly as the published method says: compliance, quality, price, "
                "ranking and award, with an evaluation workbook and results.json.\n\n" +
                usage());
            help.setFooter(
                "Exit status: 0 ok, 64 usage error, 65 input error, 66 input missing, 73 cannot write "
                "the output.");
            help.format(std::cout);
            return EXIT_OK;
        }
        if (_versionRequested) {
            std::cout << "tenderscore " << TENDERSCORE_VERSION << "\n";
            return EXIT_OK;
        }
        if (args.size() != 1) {
            throw UsageError(args.empty() ? "name a command: evaluate or validate"
                                          : "one command only, got '" + args[1] + "'");
        }
        if (args[0] == "evaluate") {
            return evaluateCommand();
        }
        if (args[0] == "validate") {
            return validateCommand();
        }
        throw UsageError("unknown command '" + args[0] + "'");
    } catch (const UsageError& error) {
        std::cerr << "tenderscore: " << error.what() << "\n" << usage();
        return EXIT_USAGE;
    } catch (const NoInput& error) {
        std::cerr << "tenderscore: " << error.what() << "\n";
        return EXIT_NOINPUT;
    } catch (const io::OutputError& error) {
        std::cerr << "tenderscore: " << error.what() << "; nothing was written\n";
        return EXIT_CANTCREAT;
    } catch (const std::exception& error) {
        std::cerr << "tenderscore: internal error: " << error.what() << "\n";
        return EXIT_SOFTWARE;
    }
}

xml::ReadLimits TenderscoreApp::limits() const {
    xml::ReadLimits limits;
    if (!_config) {
        return limits;
    }
    requireFile(_config, "configuration");
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> config;
    try {
        config = new Poco::Util::PropertyFileConfiguration(*_config);
    } catch (const Poco::Exception& error) {
        throw UsageError("cannot read the configuration " + *_config + ": " + error.displayText());
    }
    auto setting = [&](const char* key, auto& target) {
        if (!config->hasProperty(key)) {
            return;
        }
        const std::string text = config->getString(key);
        constexpr std::size_t maxDigits = 15;
        const bool valid = !text.empty() && text.size() <= maxDigits &&
                           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                           std::stoull(text) > 0;
        if (!valid) {
            throw UsageError(std::string("setting ") + key + " in " + *_config +
                             " must be a whole number above 0; got '" + text + "'");
        }
        target = static_cast<std::remove_reference_t<decltype(target)>>(std::stoull(text));
    };
    setting("limits.maxFileBytes", limits.maxFileBytes);
    setting("limits.maxDepth", limits.maxDepth);
    setting("limits.maxAttributeBytes", limits.maxAttributeBytes);
    setting("limits.maxTextBytes", limits.maxTextBytes);
    return limits;
}

int TenderscoreApp::evaluateCommand() {
    if (!_tender || !_bids || !_scores || !_out) {
        throw UsageError("evaluate needs --tender, --bids, --scores and --out");
    }
    const std::time_t time = runTime();
    const xml::ReadPack read = readPackFor(_tender, _bids, _scores, limits());
    if (!read.errors.empty()) {
        return reportInputErrors(allProblems(read));
    }
    const Evaluation evaluation = evaluate(read.pack);
    if (!evaluation.result) {
        return reportInputErrors(evaluation.errors);
    }
    const std::string results = json::resultsJson(read.pack, read.files, *evaluation.result);
    io::OutputSet outputs(*_out);
    const std::filesystem::path workbook = outputs.reserve(workbookFile);
    xlsx::writeWorkbook(workbook, read.pack, read.files, *evaluation.result,
                        xlsx::RunInfo{TENDERSCORE_VERSION, time, io::sha256Hex(results)});
    outputs.staged(workbook);
    outputs.write(resultsFile, results);
    outputs.commit();
    printRanking(std::cout, read.pack, *evaluation.result);
    std::cout << "\nWrote " << (outputs.folder() / workbookFile).string() << " and "
              << (outputs.folder() / resultsFile).string() << "\n";
    return EXIT_OK;
}

int TenderscoreApp::validateCommand() {
    if (!_tender) {
        throw UsageError("validate needs --tender (and optionally --bids and --scores)");
    }
    if (_out) {
        throw UsageError("validate writes nothing; --out belongs to evaluate");
    }
    const xml::ReadPack read = readPackFor(_tender, _bids, _scores, limits());
    if (!read.errors.empty()) {
        return reportInputErrors(allProblems(read));
    }
    const Diagnostics errors = validate(read.pack.tender, read.hasBids ? &read.pack.bids : nullptr,
                                        read.hasScores ? &read.pack.scores : nullptr);
    if (!errors.empty()) {
        return reportInputErrors(errors);
    }
    std::cout << "Tender " << read.pack.tender.id << ": no problems found";
    if (read.hasBids) {
        std::cout << " in " << read.pack.bids.size() << (read.pack.bids.size() == 1 ? " bid" : " bids");
    }
    if (read.hasScores) {
        std::cout << (read.hasBids ? " and the scores" : " in the scores");
    }
    std::cout << "\n";
    return EXIT_OK;
}

}  // namespace tenderscore::cli
