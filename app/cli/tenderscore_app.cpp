#include "tenderscore_app.hpp"

#include <pwd.h>
#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <future>
#include <iostream>
#include <memory>
#include <sstream>
#include <string_view>
#include <type_traits>

#include <Poco/AutoPtr.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionCallback.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include "audit/audit_log.hpp"
#include "audit/audit_report.hpp"
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
                          const std::optional<std::string>& scores, const xml::ReadLimits& limits,
                          bool keepDocuments = false) {
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
    return xml::readPack(*tender, bidsPath, scoresPath, limits, keepDocuments);
}

/// A progress line on standard error for runs expected to take more than a second, only when
/// standard error is a terminal: each phase overwrites the last, and the line is cleared at the end.
class Progress {
public:
    explicit Progress(bool show) : _show(show) {}
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
    void phase(const std::string& text) {
        if (_show) {
            std::cerr << "\r\x1b[Ktenderscore: " << text << "..." << std::flush;
        }
    }

private:
    bool _show;
};

/// Packs of this many bids take about a second or more to evaluate on a small machine.
constexpr std::size_t bidsWorthProgress = 2000;

std::string checkpointText(std::int64_t size, const std::string& head) {
    return std::to_string(size) + (size == 1 ? " entry" : " entries") + ", head " + head;
}

std::string loginName() {
    if (const passwd* user = getpwuid(geteuid()); user != nullptr && user->pw_name != nullptr) {
        return user->pw_name;
    }
    const char* name = std::getenv("USER");
    return name != nullptr ? name : "unknown";
}

/// The outputs of one evaluation, written into `outputs` (staged, not yet committed).
struct Written {
    std::string results;
    std::string resultsSha256;
    std::string workbookSha256;
};

/// The workbook's hash is only computed when it is needed (the audit log, a replay): reading the
/// file back costs as much as a tenth of a large run.
/// results.json is built on a second thread while the workbook's sheets are written; the workbook
/// waits for its hash only at the Audit sheet.
Written writeOutputs(io::OutputSet& outputs, const xml::ReadPack& read, const Result& result, std::time_t time,
                     const std::string& logCheckpoint, bool hashWorkbook) {
    Written written;
    std::future<void> results = std::async(std::launch::async, [&] {
        written.results = json::resultsJson(read.pack, read.files, result);
        written.resultsSha256 = io::sha256Hex(written.results);
    });
    // Waits for results.json (once), rethrowing whatever building it threw.
    auto resultsSha256 = [&]() -> std::string {
        if (results.valid()) {
            results.get();
        }
        return written.resultsSha256;
    };
    // If the workbook throws, `results` (declared after `written`) waits for its thread as it is
    // destroyed, before `written` goes.
    const std::filesystem::path workbook = outputs.reserve(workbookFile);
    xlsx::writeWorkbook(workbook, read.pack, read.files, result,
                        xlsx::RunInfo{TENDERSCORE_VERSION, time, resultsSha256, logCheckpoint});
    (void)resultsSha256();
    outputs.staged(workbook);
    if (hashWorkbook) {
        written.workbookSha256 = io::sha256Hex(io::readWhole(workbook));
    }
    outputs.write(resultsFile, written.results);
    return written;
}

}  // namespace

TenderscoreApp::TenderscoreApp() {
    setUnixOptions(true);
}

std::string TenderscoreApp::usage() {
    return "usage:\n"
           "  tenderscore evaluate --tender FILE --bids DIR --scores FILE --out DIR [--config FILE]\n"
           "                       [--audit FILE [--actor NAME] [--reason TEXT]]\n"
           "  tenderscore validate --tender FILE [--bids DIR] [--scores FILE] [--config FILE]\n"
           "  tenderscore replay --audit FILE [--run N] --out DIR\n"
           "  tenderscore audit verify|log|checkpoint --audit FILE\n"
           "  tenderscore audit diff --audit FILE A B\n"
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
    // Every other option takes one value and may be given once.
    const auto valueOption = [&](const char* name, const char* description, const char* argument) {
        options.addOption(Option(name, "", description)
                              .required(false)
                              .repeatable(false)
                              .argument(argument)
                              .callback(OptionCallback<TenderscoreApp>(this, &TenderscoreApp::handlePath)));
    };
    valueOption("tender", "the tender document (urn:tenderscore:tender:1)", "FILE");
    valueOption("bids", "the folder of bid documents; every *.xml in it is read", "DIR");
    valueOption("scores", "the panel's scores document (urn:tenderscore:scores:1)", "FILE");
    valueOption("config",
                "a .properties file of settings (limits.maxFileBytes, limits.maxDepth, "
                "limits.maxAttributeBytes, limits.maxTextBytes)",
                "FILE");
    valueOption("audit", "the audit log (SQLite): evaluate appends the run to it", "FILE");
    valueOption("actor", "who runs the evaluation, for the audit log (default: the login name)", "NAME");
    valueOption("reason", "why the evaluation is run, for the audit log", "TEXT");
    valueOption("run", "the run of the audit log to replay (default: the last)", "N");
    valueOption("checkpoint", "with audit verify: a checkpoint SIZE:HEAD held elsewhere", "SIZE:HEAD");
    valueOption("out", "the folder for evaluation.xlsx and results.json (created when absent)", "DIR");
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
    } else if (name == "audit") {
        _audit = value;
    } else if (name == "actor") {
        _actor = value;
    } else if (name == "reason") {
        _reason = value;
    } else if (name == "run") {
        _run = value;
    } else if (name == "checkpoint") {
        _checkpoint = value;
    } else {
        _out = value;
    }
}

int TenderscoreApp::main(const std::vector<std::string>& args) {
    try {
        if (_helpRequested) {
            Poco::Util::HelpFormatter help(options());
            help.setUnixStyle(true);
            help.setWidth(110);
            help.setCommand("tenderscore");
            help.setUsage("evaluate|validate|replay|audit [options]");
            help.setHeader(
                "Evaluates tenders exactly as the published method says: compliance, quality, price, "
                "ranking and award, with an evaluation workbook and results.json.\n\n" +
                usage());
            help.setFooter(
                "Exit status: 0 ok, 1 a replay differs from its record, 64 usage error, 65 input error or an "
                "audit log that is not intact, 66 input missing, 73 cannot write the output.");
            help.format(std::cout);
            return EXIT_OK;
        }
        if (_versionRequested) {
            std::cout << "tenderscore " << TENDERSCORE_VERSION << "\n";
            return EXIT_OK;
        }
        if (args.empty()) {
            throw UsageError("name a command: evaluate, validate, replay or audit");
        }
        if (args[0] == "audit") {
            return auditCommand(args);
        }
        if (args.size() != 1) {
            throw UsageError("one command only, got '" + args[1] + "'");
        }
        if (args[0] == "replay") {
            return replayCommand();
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
    } catch (const audit::AuditError& error) {
        std::cerr << "tenderscore: " << error.what() << "\n";
        return EXIT_DATAERR;
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
    setting("threads", limits.threads);
    return limits;
}

int TenderscoreApp::evaluateCommand() {
    if (!_tender || !_bids || !_scores || !_out) {
        throw UsageError("evaluate needs --tender, --bids, --scores and --out");
    }
    const std::time_t time = runTime();
    const std::size_t bidCount = std::filesystem::is_directory(*_bids) ? xml::bidFiles(*_bids).size() : 0;
    Progress progress(bidCount >= bidsWorthProgress && ::isatty(STDERR_FILENO) == 1);
    progress.phase("reading " + std::to_string(bidCount) + " bid files");
    const xml::ReadPack read = readPackFor(_tender, _bids, _scores, limits(), _audit.has_value());
    if (!read.errors.empty()) {
        return reportInputErrors(allProblems(read));
    }
    progress.phase("evaluating " + std::to_string(read.pack.bids.size()) + " bids");
    const Evaluation evaluation = evaluate(read.pack);
    if (!evaluation.result) {
        return reportInputErrors(evaluation.errors);
    }
    progress.phase("writing the workbook and results.json");
    std::unique_ptr<audit::AuditLog> log;
    std::string checkpoint = "not recorded in an audit log";
    if (_audit) {
        log = std::make_unique<audit::AuditLog>(*_audit, true);
        if (const auto problem = log->verify()) {
            throw audit::AuditError("the audit log " + *_audit +
                                    " fails verification, so nothing is appended to it: " + *problem);
        }
        const audit::Checkpoint before = log->checkpoint();  // reads the whole log: once
        checkpoint = checkpointText(before.size, before.head);
    }
    io::OutputSet outputs(*_out);
    const Written written = writeOutputs(outputs, read, *evaluation.result, time, checkpoint, log != nullptr);
    if (log) {
        audit::RunRecord run;
        run.runTime = time;
        run.actor = _actor ? *_actor : loginName();
        run.reason = _reason.value_or("");
        run.toolVersion = TENDERSCORE_VERSION;
        run.tender = read.pack.tender.id;
        run.resultsSha256 = written.resultsSha256;
        run.workbookSha256 = written.workbookSha256;
        std::vector<std::pair<std::string, std::string>> blobs;
        auto record = [&](const char* role, const xml::InputDocument& document) {
            const std::string hash = io::sha256Hex(document.bytes);
            run.inputs.push_back({role, document.name, hash});
            blobs.emplace_back(hash, document.bytes);
        };
        record("tender", *read.documents.tender);
        for (const xml::InputDocument& bid : *read.documents.bids) {
            record("bid", bid);
        }
        record("scores", *read.documents.scores);
        blobs.emplace_back(written.resultsSha256, written.results);
        const audit::RunRecord stored = log->append(run, blobs);
        std::cout << "Recorded as run " << stored.number << " in " << *_audit << " (entry "
                  << stored.entryHash.substr(0, 16) << ")\n";
    }
    outputs.commit();
    progress.finish();
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

namespace tenderscore::cli {

namespace {

std::int64_t runNumber(const std::string& text, const char* what) {
    constexpr std::size_t maxDigits = 12;
    const bool valid = !text.empty() && text.size() <= maxDigits &&
                       std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!valid || std::stoll(text) == 0) {
        throw UsageError(std::string(what) + " must be a run number 1, 2, 3 ...; got '" + text + "'");
    }
    return std::stoll(text);
}

}  // namespace

int TenderscoreApp::auditCommand(const std::vector<std::string>& args) {
    if (args.size() < 2) {
        throw UsageError("audit needs verify, log, checkpoint or diff");
    }
    if (!_audit) {
        throw UsageError("audit " + args[1] + " needs --audit FILE");
    }
    const std::string& verb = args[1];
    const bool isDiff = verb == "diff";
    if ((isDiff && args.size() != 4) || (!isDiff && args.size() != 2)) {
        throw UsageError(isDiff ? "audit diff needs two run numbers" : "audit " + verb + " takes no further words");
    }
    if (!std::filesystem::exists(*_audit)) {
        throw NoInput("cannot open the audit log " + *_audit);
    }
    audit::AuditLog log(*_audit, false);
    if (verb == "verify") {
        if (const auto problem = log.verify()) {
            std::cerr << "tenderscore: the audit log " << *_audit << " is not intact: " << *problem << "\n";
            return EXIT_DATAERR;
        }
        const audit::Checkpoint now = log.checkpoint();
        if (_checkpoint) {
            const auto colon = _checkpoint->find(':');
            if (colon == std::string::npos) {
                throw UsageError("--checkpoint must be SIZE:HEAD as printed by audit checkpoint");
            }
            const std::int64_t size = runNumber(_checkpoint->substr(0, colon), "the checkpoint's size");
            const std::string head = _checkpoint->substr(colon + 1);
            if (size > now.size) {
                std::cerr << "tenderscore: the audit log has " << now.size << " entries, fewer than the " << size
                          << " of the checkpoint: entries were removed\n";
                return EXIT_DATAERR;
            }
            if (log.run(size).entryHash != head) {
                std::cerr << "tenderscore: run " << size
                          << " of the audit log does not match the checkpoint: the log was rewritten\n";
                return EXIT_DATAERR;
            }
        }
        std::cout << "The audit log " << *_audit << " is intact: " << now.size << (now.size == 1 ? " run" : " runs")
                  << ", head " << now.head << "\n";
        return EXIT_OK;
    }
    if (verb == "log") {
        std::cout << audit::logReport(log);
        return EXIT_OK;
    }
    if (verb == "checkpoint") {
        const audit::Checkpoint now = log.checkpoint();
        std::cout << now.text() << "\n"
                  << "size " << now.size << "\nhead " << now.head << "\ntree " << now.treeHash << "\n";
        return EXIT_OK;
    }
    if (isDiff) {
        std::cout << audit::diffReport(log, runNumber(args[2], "the first run"), runNumber(args[3], "the second run"));
        return EXIT_OK;
    }
    throw UsageError("unknown audit command '" + verb + "'");
}

int TenderscoreApp::replayCommand() {
    if (!_audit || !_out) {
        throw UsageError("replay needs --audit and --out");
    }
    if (!std::filesystem::exists(*_audit)) {
        throw NoInput("cannot open the audit log " + *_audit);
    }
    audit::AuditLog log(*_audit, false);
    if (const auto problem = log.verify()) {
        throw audit::AuditError("the audit log " + *_audit + " is not intact: " + *problem);
    }
    const std::int64_t number = _run ? runNumber(*_run, "--run") : log.checkpoint().size;
    if (number == 0) {
        throw audit::AuditError("the audit log " + *_audit + " has no runs");
    }
    const audit::RunRecord run = log.run(number);
    xml::PackDocuments documents;
    documents.bids.emplace();
    for (const audit::RunInput& input : run.inputs) {
        xml::InputDocument document{input.name, log.blob(input.sha256)};
        if (input.role == "tender") {
            documents.tender = std::move(document);
        } else if (input.role == "bid") {
            documents.bids->push_back(std::move(document));
        } else {
            documents.scores = std::move(document);
        }
    }
    const xml::ReadPack read = xml::readDocuments(std::move(documents), limits());
    if (!read.errors.empty()) {
        return reportInputErrors(read.errors);
    }
    const Evaluation evaluation = evaluate(read.pack);
    if (!evaluation.result) {
        return reportInputErrors(evaluation.errors);
    }
    io::OutputSet outputs(*_out);
    const Written written = writeOutputs(outputs, read, *evaluation.result, static_cast<std::time_t>(run.runTime),
                                         checkpointText(run.number - 1, run.previousHash), true);
    outputs.commit();
    std::cout << "Replayed run " << run.number << " (" << audit::isoTime(run.runTime) << ", " << run.actor << ") into "
              << outputs.folder().string() << "\n";
    bool same = true;
    auto compare = [&](const char* file, const std::string& recorded, const std::string& now) {
        if (recorded == now) {
            std::cout << "  " << file << ": identical (SHA-256 " << now << ")\n";
        } else {
            same = false;
            std::cout << "  " << file << ": DIFFERENT: recorded SHA-256 " << recorded << ", replayed " << now << "\n";
        }
    };
    compare(resultsFile, run.resultsSha256, written.resultsSha256);
    compare(workbookFile, run.workbookSha256, written.workbookSha256);
    if (run.toolVersion != TENDERSCORE_VERSION) {
        std::cout << "  the run was recorded by tenderscore " << run.toolVersion << "; this is " << TENDERSCORE_VERSION
                  << "\n";
    }
    if (written.resultsSha256 != run.resultsSha256) {
        std::istringstream recorded(log.blob(run.resultsSha256));
        std::istringstream replayed(written.results);
        std::string a;
        std::string b;
        int line = 0;
        int shown = 0;
        constexpr int maxShown = 20;
        while ((std::getline(recorded, a) ? 1 : 0) + (std::getline(replayed, b) ? 1 : 0) > 0 && shown < maxShown) {
            ++line;
            if (a != b) {
                std::cout << "  results.json line " << line << ": recorded " << a << "\n"
                          << "  results.json line " << line << ": replayed " << b << "\n";
                ++shown;
            }
            a.clear();
            b.clear();
        }
    }
    return same ? EXIT_OK : 1;
}

}  // namespace tenderscore::cli
