// The two public reports of the run log: `audit log` (in words and as JSON) and `audit diff`. What
// changed between two runs is found in changes.cpp, results.json is read in results_view.cpp, and
// what both logs' reports share is in report_text.cpp.
#include "audit/audit_report.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "audit/changes.hpp"
#include "audit/report_text.hpp"
#include "audit/results_view.hpp"

namespace tenderscore::audit {

namespace {

void change(std::vector<std::string>& changes, const char* what, const std::string& before, const std::string& after) {
    if (before != after) {
        changes.push_back(std::string(what) + " " + before + " -> " + after);
    }
}

std::string runLine(const RunRecord& run) {
    return "run " + std::to_string(run.number) + ": " + reportTime(run.runTime) + " by " + person(run.actor) +
           (run.reason.empty() ? "" : ", " + inQuotes(run.reason));
}

std::vector<std::string> bidResultChanges(const BidView& b, const BidView& a) {
    std::vector<std::string> changes;
    if (b.status != a.status) {
        changes.push_back(b.status + (b.reasons.empty() ? "" : " (" + b.reasons + ")") + " -> " + a.status +
                          (a.reasons.empty() ? "" : " (" + a.reasons + ")"));
    }
    change(changes, "rank", b.rank, a.rank);
    change(changes, "price score", b.priceScore, a.priceScore);
    change(changes, "quality score", b.qualityScore, a.qualityScore);
    change(changes, "total", b.totalScore, a.totalScore);
    change(changes, "places", b.places, a.places);
    change(changes, "admitted", b.admitted, a.admitted);
    return changes;
}

void lotEffect(Printer& out, const std::string& lot, const LotView& was, const LotView& now) {
    out.line("Lot " + lot);
    std::vector<std::string> bids = now.order;
    for (const std::string& bid : was.order) {
        if (now.bids.count(bid) == 0) {
            bids.push_back(bid);
        }
    }
    bool any = false;
    static const BidView absent{"absent", "", "-", "-", "-", "-", "-", "-"};
    for (const std::string& bid : bids) {
        const auto o = was.bids.find(bid);
        const auto n = now.bids.find(bid);
        const std::vector<std::string> changes =
            bidResultChanges(o == was.bids.end() ? absent : o->second, n == now.bids.end() ? absent : n->second);
        if (!changes.empty()) {
            any = true;
            out.line(bid + ": " + joinedWith(changes, "; "), 2);
        }
    }
    if (was.awards != now.awards) {
        any = true;
        out.line("awards before:", 2);
        for (const std::string& award : was.awards) {
            out.line(award, 4);
        }
        out.line("awards now:", 2);
        for (const std::string& award : now.awards) {
            out.line(award, 4);
        }
    }
    std::vector<std::string> figures;
    change(figures, "places awarded", was.awardedPlaces, now.awardedPlaces);
    change(figures, "providers", was.providers, now.providers);
    change(figures, "annual cost", was.annualCost, now.annualCost);
    change(figures, "contract value", was.contractValue, now.contractValue);
    change(figures, "flags", was.flags.empty() ? "none" : was.flags, now.flags.empty() ? "none" : now.flags);
    for (const std::string& figure : figures) {
        any = true;
        out.line(figure, 2);
    }
    if (!any) {
        out.line("no score, rank or award changed", 2);
    }
}

/// "the scores; bid pack/bids/BID-002.xml" for the inputs of `run` that `previous` did not hold.
std::string changedInputs(const RunRecord& previous, const RunRecord& run) {
    std::set<std::pair<std::string, std::string>> old;
    for (const RunInput& input : previous.inputs) {
        old.insert({input.role, input.sha256});
    }
    std::vector<std::string> changed;
    for (const RunInput& input : run.inputs) {
        if (old.count({input.role, input.sha256}) == 0) {
            changed.push_back(input.role == "bid" ? "bid " + input.name : "the " + input.role + " " + input.name);
        }
    }
    if (previous.inputs.size() != run.inputs.size()) {
        changed.emplace_back("the number of bids");
    }
    return joinedWith(changed, "; ");
}

std::string evaluatorsText(const std::optional<Scores>& scores) {
    if (!scores) {
        return "not known (the stored scores cannot be read)";
    }
    std::vector<std::string> names;
    for (const Evaluator& evaluator : scores->evaluators) {
        names.push_back(evaluator.id + " " + evaluator.name);
    }
    return joinedWith(names, ", ");
}

std::size_t bidCount(const RunRecord& run) {
    return static_cast<std::size_t>(
        std::count_if(run.inputs.begin(), run.inputs.end(), [](const RunInput& i) { return i.role == "bid"; }));
}

}  // namespace

std::string logReport(AuditLog& log, const StoredReaders& readers) {
    Printer out(ReportStyle{});
    const std::vector<RunRecord> runs = log.runs();
    if (runs.empty()) {
        out.line("The audit log holds no runs.");
    }
    RunDocuments documents;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const RunRecord& run = runs[i];
        documents = readDocuments(log, run, readers, false, &documents);
        if (i > 0) {
            out.blank();
        }
        out.line("Run " + std::to_string(run.number) + ", " + reportTime(run.runTime) + ", by " + person(run.actor));
        out.line("Reason: " + (run.reason.empty() ? std::string("none given") : inQuotes(run.reason)), 2);
        const std::size_t bids = bidCount(run);
        out.line("Tender: " + run.tender +
                     (documents.tender ? " " + inQuotes(documents.tender->title) : std::string()) + ", " +
                     std::to_string(bids) + (bids == 1 ? " bid" : " bids"),
                 2);
        out.line("Evaluators: " + evaluatorsText(documents.scores), 2);
        if (i > 0) {
            const std::string changed = changedInputs(runs[i - 1], run);
            out.line("Inputs: " + (changed.empty()
                                       ? "the same as run " + std::to_string(runs[i - 1].number)
                                       : "changed since run " + std::to_string(runs[i - 1].number) + ": " + changed),
                     2);
        }
        const ResultsView results = parseResults(log.blob(run.resultsSha256));
        for (const std::string& lot : results.lots) {
            out.line(lotOutcome(lot, results.byLot.at(lot)), 2);
        }
        out.line("Entry " + shortened(run.entryHash) + " (tool version " + run.toolVersion + ")", 2);
    }
    return out.str();
}

std::string logJson(AuditLog& log, const StoredReaders& readers) {
    using Poco::JSON::Array;
    using Poco::JSON::Object;
    Array::Ptr runs(new Array);
    RunDocuments documents;
    for (const RunRecord& run : log.runs()) {
        documents = readDocuments(log, run, readers, false, &documents);
        Object::Ptr entry = orderedObject();
        entry->set("run", run.number);
        entry->set("time", reportTime(run.runTime));
        entry->set("actor", run.actor);
        entry->set("reason", run.reason);
        entry->set("toolVersion", run.toolVersion);
        Object::Ptr tender = orderedObject();
        tender->set("id", run.tender);
        tender->set("title", documents.tender ? Poco::Dynamic::Var(documents.tender->title) : Poco::Dynamic::Var());
        entry->set("tender", tender);
        entry->set("bids", static_cast<Poco::Int64>(bidCount(run)));
        Array::Ptr evaluators(new Array);
        if (documents.scores) {
            for (const Evaluator& evaluator : documents.scores->evaluators) {
                Object::Ptr e = orderedObject();
                e->set("id", evaluator.id);
                e->set("name", evaluator.name);
                evaluators->add(e);
            }
        }
        entry->set("evaluators", evaluators);
        Array::Ptr inputs(new Array);
        for (const RunInput& input : run.inputs) {
            Object::Ptr i = orderedObject();
            i->set("role", input.role);
            i->set("name", input.name);
            i->set("sha256", input.sha256);
            inputs->add(i);
        }
        entry->set("inputs", inputs);
        const ResultsView results = parseResults(log.blob(run.resultsSha256));
        Array::Ptr lots(new Array);
        for (const std::string& id : results.lots) {
            const LotView& view = results.byLot.at(id);
            Object::Ptr lot = orderedObject();
            lot->set("lot", id);
            lot->set("outcome", lotOutcome(id, view));
            const std::string first = firstRanked(view);
            lot->set("first", first.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(first));
            Array::Ptr awarded(new Array);
            for (const std::string& bid : view.awardedBids) {
                awarded->add(bid);
            }
            lot->set("awarded", awarded);
            lots->add(lot);
        }
        entry->set("lots", lots);
        entry->set("results", run.resultsSha256);
        entry->set("workbook", run.workbookSha256);
        entry->set("previousEntry", run.previousHash);
        entry->set("entry", run.entryHash);
        runs->add(entry);
    }
    Object::Ptr root = orderedObject();
    root->set("format", std::string("tenderscore-audit-log/1"));
    root->set("runs", runs);
    return jsonDocument(root);
}

std::string diffReport(AuditLog& log, std::int64_t from, std::int64_t to, const StoredReaders& readers,
                       ReportStyle style) {
    const RunRecord before = log.run(from);
    const RunRecord after = log.run(to);
    Printer out(style);
    out.line("Changes from run " + std::to_string(from) + " to run " + std::to_string(to));
    out.line(runLine(before), 2);
    out.line(runLine(after), 2);
    out.blank();

    const RunDocuments was = readDocuments(log, before, readers, true);
    const RunDocuments now = readDocuments(log, after, readers, true);
    std::vector<Warning> warnings;
    bidWarnings(was, now, from, to, warnings);
    tenderWarning(was, now, warnings);
    scoresWarnings(was, now, warnings);
    if (warnings.empty()) {
        out.line("No material change: the bids, the tender and the scores are the same in both runs.");
    }
    for (const Warning& warning : warnings) {
        out.warning(warning.headline);
        for (const std::string& detail : warning.details) {
            out.line(detail, 2);
        }
    }

    out.blank();
    out.line("Effect on the results");
    const ResultsView oldResults = parseResults(log.blob(before.resultsSha256));
    const ResultsView newResults = parseResults(log.blob(after.resultsSha256));
    std::vector<std::string> lots = newResults.lots;
    for (const std::string& lot : oldResults.lots) {
        if (newResults.byLot.count(lot) == 0) {
            lots.push_back(lot);
        }
    }
    static const LotView none;
    for (const std::string& lot : lots) {
        const auto oldLot = oldResults.byLot.find(lot);
        const auto newLot = newResults.byLot.find(lot);
        lotEffect(out, lot, oldLot == oldResults.byLot.end() ? none : oldLot->second,
                  newLot == newResults.byLot.end() ? none : newLot->second);
    }
    return out.str();
}

}  // namespace tenderscore::audit
