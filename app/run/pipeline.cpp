#include "run/pipeline.hpp"

#include <algorithm>
#include <future>
#include <memory>
#include <utility>
#include <vector>

#include "audit/audit_log.hpp"
#include "evaluation/evaluate.hpp"
#include "io/hash.hpp"
#include "io/output_set.hpp"
#include "json/results_json.hpp"
#include "xlsx/workbook.hpp"
#include "xml/pack_reader.hpp"

#ifndef TENDERSCORE_VERSION
#define TENDERSCORE_VERSION "0.0.0"
#endif

namespace tenderscore::run {

namespace {

void requireFile(const std::filesystem::path& path, const char* what) {
    std::error_code unreadable;  // a link loop, a folder without permission: no input, not a crash
    if (!std::filesystem::is_regular_file(path, unreadable)) {
        throw NoInput(std::string("cannot open the ") + what + " file " + path.string());
    }
}

void requireFolder(const std::filesystem::path& path, const char* what) {
    std::error_code unreadable;
    if (!std::filesystem::is_directory(path, unreadable)) {
        throw NoInput(std::string("cannot open the ") + what + " folder " + path.string());
    }
}

xml::ReadPack readSource(PackSource source, const ReadLimits& limits, bool keepDocuments) {
    if (auto* documents = std::get_if<PackDocuments>(&source)) {
        return xml::readDocuments(std::move(*documents), limits, keepDocuments);
    }
    const auto& paths = std::get<PackPaths>(source);
    requireFile(paths.tender, "tender");
    if (paths.bids) {
        requireFolder(*paths.bids, "bids");
    }
    if (paths.scores) {
        requireFile(*paths.scores, "scores");
    }
    return xml::readPack(paths.tender, paths.bids, paths.scores, limits, keepDocuments);
}

/// The reader's problems and, over what could be read, the cross-document ones, so that a broken
/// pack is reported whole in one run.
Diagnostics allProblems(const xml::ReadPack& read) {
    Diagnostics errors = read.errors;
    const std::vector<Bid>* bids = read.hasBids ? &read.pack.bids : nullptr;
    const Scores* scores = read.hasScores ? &read.pack.scores : nullptr;
    Diagnostics more;
    const bool everyBidKnown = read.everyBidParsed && std::none_of(read.pack.bids.begin(), read.pack.bids.end(),
                                                                   [](const Bid& bid) { return bid.id.empty(); });
    if (everyBidKnown) {
        // The marks each bid needs are checked over scores that could be parsed, whatever their
        // other problems, when the tender is sound, for each bid the readers found no problem in.
        ReadState state{read.tenderRead, read.scoresParsed, {}};
        for (const Diagnostic& problem : read.errors) {
            state.troubledBids.push_back(problem.at.file.str());  // only bids' files can match a bid's
        }
        more = validate(read.pack.tender, bids, scores, state);
    } else {
        // A bid that could not be read (or whose id could not) is missing: marks for it are not "unknown".
        more = validate(read.pack.tender, bids, nullptr, ReadState{read.tenderRead, false, {}});
        const Diagnostics scoreProblems = validate(read.pack.tender, nullptr, scores, ReadState{false, false, {}});
        more.insert(more.end(), scoreProblems.begin(), scoreProblems.end());
    }
    errors.insert(errors.end(), more.begin(), more.end());
    return errors;
}

Diagnostics inReportOrder(Diagnostics problems) {
    sortForReport(problems);
    return problems;
}

/// The outputs of one evaluation, written into `outputs` (staged, not yet committed).
/// results.json is built on a second thread while the workbook's sheets are written; the workbook
/// waits for its hash only at the Audit sheet. The workbook's hash is only computed when it is
/// needed (the audit log, a replay): reading the file back costs as much as a tenth of a large run.
void writeOutputs(io::OutputSet& outputs, const xml::ReadPack& read, const Result& result, std::time_t time,
                  const std::string& logCheckpoint, bool hashWorkbook, RunOutcome& outcome) {
    std::future<void> results = std::async(std::launch::async, [&] {
        outcome.results = json::resultsJson(read.pack, read.files, result);
        outcome.resultsSha256 = io::sha256Hex(outcome.results);
    });
    // Waits for results.json (once), rethrowing whatever building it threw.
    auto resultsSha256 = [&]() -> std::string {
        if (results.valid()) {
            results.get();
        }
        return outcome.resultsSha256;
    };
    // If the workbook throws, `results` waits for its thread as it is destroyed, before `outcome`
    // (the caller's) can go.
    const std::filesystem::path workbook = outputs.reserve(workbookFile);
    xlsx::writeWorkbook(workbook, read.pack, read.files, result,
                        xlsx::RunInfo{TENDERSCORE_VERSION, time, resultsSha256, logCheckpoint});
    (void)resultsSha256();
    outputs.staged(workbook);
    if (hashWorkbook) {
        outcome.workbookSha256 = io::sha256Hex(io::readWhole(workbook));
    }
    outputs.write(resultsFile, outcome.results);
}

/// The run as the audit log records it: every input's bytes and results.json, content-addressed.
audit::RunRecord runRecord(const RunOptions& options, const xml::ReadPack& read, const RunOutcome& outcome,
                           std::vector<std::pair<std::string, std::string>>& blobs) {
    audit::RunRecord run;
    run.runTime = options.runTime;
    run.actor = options.record->actor;
    run.reason = options.record->reason;
    run.toolVersion = TENDERSCORE_VERSION;
    run.tender = read.pack.tender.id;
    run.resultsSha256 = outcome.resultsSha256;
    run.workbookSha256 = outcome.workbookSha256;
    auto record = [&](const char* role, const InputDocument& document) {
        const std::string hash = io::sha256Hex(document.bytes);
        run.inputs.push_back({role, document.name, hash});
        blobs.emplace_back(hash, document.bytes);
    };
    record("tender", *read.documents.tender);
    for (const InputDocument& bid : *read.documents.bids) {
        record("bid", bid);
    }
    record("scores", *read.documents.scores);
    for (const InputDocument& rejected : read.documents.rejected) {
        record("rejected", rejected);  // a file of the bids folder the panel rejected at opening
    }
    blobs.emplace_back(outcome.resultsSha256, outcome.results);
    return run;
}

/// Records the run and puts its outputs in place, all or nothing: the entry is written and read back
/// inside the log's write transaction, the outputs are renamed into place just before its COMMIT,
/// and put back if the COMMIT fails. A run is never recorded without its outputs, nor its outputs
/// left in place for a run the log does not hold, unless putting them back fails too (PartialOutput
/// says so).
audit::RunRecord recordAndCommit(audit::AuditLog& log, io::OutputSet& outputs, audit::RunRecord run,
                                 const audit::Blobs& blobs, const std::filesystem::path& logFile) {
    const std::string notRecorded = "; the run was not recorded in the audit log " + logFile.string();
    try {
        return log.append(std::move(run), blobs, [&outputs] { outputs.commit(); });
    } catch (const audit::NotRecorded& error) {
        outputs.revert(error.what());
        throw io::OutputError(std::string(error.what()) + "; the previous outputs in " + outputs.folder().string() +
                              " were put back");
    } catch (const io::PartialOutput& error) {
        throw io::PartialOutput(error.what() + notRecorded);
    }
}

}  // namespace

std::string checkpointText(std::int64_t size, const std::string& head) {
    return std::to_string(size) + ":" + head;
}

Checked check(const PackSource& source, const ReadLimits& limits) {
    const xml::ReadPack read = readSource(source, limits, false);
    Checked checked;
    checked.tender = read.pack.tender.id;
    if (read.hasBids) {
        checked.bids = read.pack.bids.size();
        checked.rejected = read.files.rejected.size();
    }
    checked.hasScores = read.hasScores;
    if (!read.errors.empty()) {
        checked.problems = inReportOrder(allProblems(read));
        return checked;
    }
    checked.problems = inReportOrder(validate(read.pack.tender, read.hasBids ? &read.pack.bids : nullptr,
                                              read.hasScores ? &read.pack.scores : nullptr));
    return checked;
}

RunOutcome evaluateRun(RunOptions options) {
    const auto progress = [&](Stage stage, std::size_t count) {
        if (options.progress) {
            options.progress(stage, count);
        }
    };
    if (const auto* paths = std::get_if<PackPaths>(&options.source); paths != nullptr && options.progress) {
        std::error_code ignored;  // reported when the pack is read
        const std::size_t files = paths->bids && std::filesystem::is_directory(*paths->bids, ignored)
                                      ? xml::bidFiles(*paths->bids).size()
                                      : 0;
        progress(Stage::Reading, files);
    }
    RunOutcome outcome;
    xml::ReadPack read = readSource(std::move(options.source), options.limits, options.record.has_value());
    if (!read.errors.empty()) {
        outcome.problems = inReportOrder(allProblems(read));
        return outcome;
    }
    progress(Stage::Evaluating, read.pack.bids.size());
    Evaluation evaluation = evaluate(read.pack);
    if (!evaluation.result) {
        outcome.problems = inReportOrder(std::move(evaluation.errors));
        return outcome;
    }
    progress(Stage::Writing, read.pack.bids.size());
    std::unique_ptr<audit::AuditLog> log;
    std::string checkpoint = options.logCheckpoint.value_or("");  // empty: not recorded in an audit log
    if (options.record) {
        log = std::make_unique<audit::AuditLog>(options.record->log, audit::AuditLog::Access::Append);
        if (const audit::Verification verification = log->verify(); !verification.intact()) {
            throw audit::AuditError("the audit log " + options.record->log.string() +
                                    " fails verification, so nothing is appended to it: " + verification.problem);
        }
        const audit::Checkpoint before = log->checkpoint();  // reads the whole log: once
        checkpoint = checkpointText(before.size, before.head);
    }
    io::OutputSet outputs(options.out);
    writeOutputs(outputs, read, *evaluation.result, options.runTime, checkpoint, options.hashWorkbook || log != nullptr,
                 outcome);
    if (log) {
        audit::Blobs blobs;
        const audit::RunRecord stored =
            recordAndCommit(*log, outputs, runRecord(options, read, outcome, blobs), blobs, options.record->log);
        outcome.recordedAs = stored.number;
        outcome.entryHash = stored.entryHash;
    } else {
        outputs.commit();
    }
    outcome.folder = outputs.folder();
    outcome.pack = std::move(read.pack);
    outcome.result = std::move(evaluation.result);
    return outcome;
}

}  // namespace tenderscore::run
