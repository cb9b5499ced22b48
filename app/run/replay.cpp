#include "run/replay.hpp"

#include <utility>

#include "xml/readers.hpp"

namespace tenderscore::run {

Replay replayRun(const std::filesystem::path& log, std::optional<std::int64_t> number, const std::filesystem::path& out,
                 const ReadLimits& limits) {
    if (!std::filesystem::exists(log)) {
        throw NoInput("cannot open the audit log " + log.string());
    }
    audit::AuditLog store(log, audit::AuditLog::Access::ReadOnly);
    if (const audit::Verification verification = store.verify(); !verification.intact()) {
        throw audit::AuditError("the audit log " + log.string() + " is not intact: " + verification.problem);
    }
    const std::int64_t which = number.value_or(store.checkpoint().size);
    if (which == 0) {
        throw audit::AuditError("the audit log " + log.string() + " has no runs");
    }
    Replay replay;
    replay.recorded = store.run(which);
    PackDocuments documents;
    documents.bids.emplace();
    for (const audit::RunInput& input : replay.recorded.inputs) {
        InputDocument document{input.name, store.blob(input.sha256)};
        if (input.role == "tender") {
            documents.tender = std::move(document);
        } else if (input.role == "bid" || input.role == "rejected") {
            // A rejected file was in the bids folder: the scores set it aside again, by name.
            documents.bids->push_back(std::move(document));
        } else {
            documents.scores = std::move(document);
        }
    }
    RunOptions options;
    options.source = std::move(documents);
    options.limits = limits;
    options.out = out;
    options.runTime = static_cast<std::time_t>(replay.recorded.runTime);
    options.logCheckpoint = checkpointText(replay.recorded.number - 1, replay.recorded.previousHash);
    options.hashWorkbook = true;
    replay.replayed = evaluateRun(std::move(options));
    if (replay.replayed.problems.empty() && replay.replayed.resultsSha256 != replay.recorded.resultsSha256) {
        replay.recordedResults = store.blob(replay.recorded.resultsSha256);
    }
    return replay;
}

namespace {

/// A stored tender or bid read as far as it can be: a report compares what it holds, so problems
/// that would stop an evaluation (already reported when the run was recorded) are not repeated.
template <typename Document, typename Read>
std::optional<Document> readStored(std::string bytes, const char* file, const char* root, const char* ns,
                                   const ReadLimits& limits, Read read) {
    Diagnostics errors;
    const auto source = xml::XmlSource::parse(std::move(bytes), file, root, ns, errors, limits);
    return source ? read(*source, errors) : std::nullopt;
}

}  // namespace

audit::StoredReaders storedReaders(const ReadLimits& limits) {
    audit::StoredReaders readers;
    readers.tender = [limits](const std::string& bytes) {
        return readStored<Tender>(bytes, "tender.xml", "tender", xml::tenderNamespace, limits, xml::readTender);
    };
    readers.bid = [limits](const std::string& bytes) {
        return readStored<Bid>(bytes, "bid.xml", "bid", xml::bidNamespace, limits, xml::readBid);
    };
    readers.scores = [limits](const std::string& bytes) { return xml::readScoresBytes(bytes, "scores.xml", limits); };
    return readers;
}

}  // namespace tenderscore::run
