#include "audit/decision_log.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "audit/audit_log.hpp"
#include "audit/report_text.hpp"
#include "audit/results_view.hpp"

namespace tenderscore::audit {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

/// The members of an entry's data too large for a report: the documents themselves, which the
/// store keeps and `replay --store` reads. Their hashes stay.
const char* const bulkMembers[] = {"xml", "content", "scores", "results", "workbook"};

std::string textOf(const Object::Ptr& data, const std::string& key) {
    if (!data->has(key) || data->isNull(key)) {
        return "";
    }
    return data->get(key).convert<std::string>();
}

std::string plural(std::int64_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

/// Names and ids as the entries show them.
class Namer {
public:
    explicit Namer(const DecisionNames& names) : _names(names) {}

    /// "Ada Lovelace (ada)"; `display` when the entry itself records the name.
    [[nodiscard]] std::string user(const std::string& name, const std::string& display = "") const {
        if (!display.empty()) {
            return person(name, display);
        }
        const auto found = _names.users.find(name);
        return person(name, found == _names.users.end() ? "" : found->second);
    }
    /// "BID-003 (Oakfield Care Ltd)".
    [[nodiscard]] std::string bid(const std::string& id) const {
        const auto found = _names.bidders.find(id);
        return found == _names.bidders.end() ? id : id + " (" + found->second + ")";
    }
    /// "BID-003.xml (BID-003, Oakfield Care Ltd)".
    [[nodiscard]] std::string bidFile(const std::string& file) const {
        const auto found = _names.bidFiles.find(file);
        if (found == _names.bidFiles.end()) {
            return file;
        }
        const auto bidder = _names.bidders.find(found->second);
        return file + " (" + found->second + (bidder == _names.bidders.end() ? "" : ", " + bidder->second) + ")";
    }

private:
    const DecisionNames& _names;
};

/// "3: "rationale"", a score as a mark and a consensus give it.
std::string scored(const Object::Ptr& data) {
    return textOf(data, "score") + ": " + inQuotes(textOf(data, "rationale"));
}

/// `before: "old rationale"` under a score that replaced one, with the moderator who gave it when
/// that was someone else.
std::string before(const Object::Ptr& previous, const std::string& actor, const Namer& namer) {
    std::string text = "before: " + inQuotes(textOf(previous, "rationale"));
    const std::string moderator = textOf(previous, "moderator");
    if (!moderator.empty() && moderator != actor) {
        text += " (by " + namer.user(moderator) + ")";
    }
    return text;
}

/// `set BID-004 Q2 to 3: "..."`, or for a score that replaced one `set BID-004 Q2 to 3 (was 2): "..."`
/// (a mark) or `replaced the consensus on BID-002 Q3: 3 -> 2: "..."`, the old rationale beneath.
EntryWords scoreWords(const Object::Ptr& data, const std::string& actor, const Namer& namer, bool consensus) {
    const std::string what =
        (consensus ? "the consensus on " : "") + textOf(data, "bid") + " " + textOf(data, "question");
    if (!data->has("previous") || data->isNull("previous")) {
        return {"set " + what + " to " + scored(data), {}};
    }
    const Object::Ptr previous = data->getObject("previous");
    const std::string old = textOf(previous, "score");
    if (consensus) {
        return {"replaced " + what + ": " + old + " -> " + scored(data), {before(previous, actor, namer)}};
    }
    return {
        "set " + what + " to " + textOf(data, "score") + " (was " + old + "): " + inQuotes(textOf(data, "rationale")),
        {before(previous, actor, namer)}};
}

EntryWords bidWords(const Object::Ptr& data, const Namer& namer) {
    const std::string file = namer.bidFile(textOf(data, "file"));
    const std::string replaces = textOf(data, "replaces");
    if (replaces.empty()) {
        return {"uploaded the bid " + file + ", SHA-256 " + shortened(textOf(data, "sha256")), {}};
    }
    return {
        "replaced the bid " + file + ": SHA-256 " + shortened(replaces) + " -> " + shortened(textOf(data, "sha256")),
        {}};
}

EntryWords rejectionWords(const Object::Ptr& data) {
    const bool uploaded = data->has("uploaded") && data->getValue<bool>("uploaded");
    return {"rejected " + textOf(data, "file") + " at opening: " + inQuotes(textOf(data, "reason")),
            {std::string(uploaded ? "it had been uploaded" : "it was not uploaded") + "; its bytes are kept, SHA-256 " +
             shortened(textOf(data, "sha256"))}};
}

EntryWords panelWords(const Object::Ptr& data, const Namer& namer) {
    EntryWords words;
    const Array::Ptr members = data->getArray("evaluators");
    words.headline =
        "set the panel: " + plural(static_cast<std::int64_t>(members ? members->size() : 0), "evaluator", "evaluators");
    for (std::size_t m = 0; members && m < members->size(); ++m) {
        const Object::Ptr member = members->getObject(static_cast<unsigned>(m));
        std::string line = namer.user(textOf(member, "user"), textOf(member, "name")) + ": ";
        const Array::Ptr questions = member->isNull("questions") ? nullptr : member->getArray("questions");
        if (!questions) {
            line += "every question";
        } else {
            std::vector<std::string> ids;
            for (std::size_t q = 0; q < questions->size(); ++q) {
                ids.push_back(questions->get(static_cast<unsigned>(q)).convert<std::string>());
            }
            line +=
                ids.empty() ? "no question" : (ids.size() == 1 ? "question " : "questions ") + joinedWith(ids, ", ");
        }
        if (member->has("moderator") && member->getValue<bool>("moderator")) {
            line += "; moderator";
        }
        words.details.push_back(line);
    }
    const Array::Ptr previous = data->getArray("previous");
    if (previous && previous->size() > 0) {
        std::vector<std::string> names;
        for (std::size_t p = 0; p < previous->size(); ++p) {
            names.push_back(namer.user(previous->get(static_cast<unsigned>(p)).convert<std::string>()));
        }
        words.details.push_back("replacing the panel of " + joinedWith(names, ", "));
    }
    return words;
}

EntryWords openScoringWords(const Object::Ptr& data, const Namer& namer) {
    EntryWords words;
    const Object::Ptr bids = data->getObject("bids");
    const std::size_t count = bids ? bids->size() : 0;
    words.headline = "opened the scoring; the " + plural(static_cast<std::int64_t>(count), "bid", "bids") +
                     " are frozen as they are";
    if (bids) {
        std::vector<std::string> files;
        bids->getNames(files);
        for (const std::string& file : files) {
            words.details.push_back(namer.bidFile(file) + ", SHA-256 " + shortened(textOf(bids, file)));
        }
    }
    return words;
}

EntryWords declarationWords(const Object::Ptr& data, const Namer& namer) {
    const Array::Ptr conflicts = data->getArray("conflicts");
    if (!conflicts || conflicts->size() == 0) {
        return {"declared no conflict of interest", {}};
    }
    EntryWords words;
    for (std::size_t c = 0; c < conflicts->size(); ++c) {
        const Object::Ptr conflict = conflicts->getObject(static_cast<unsigned>(c));
        words.details.push_back("with " + namer.bid(textOf(conflict, "bid")) + ": " +
                                inQuotes(textOf(conflict, "reason")) + " (recused)");
    }
    if (words.details.size() == 1) {
        words.headline = "declared a conflict of interest " + words.details.front();
        words.details.clear();
    } else {
        words.headline = "declared " + plural(static_cast<std::int64_t>(conflicts->size()), "conflict", "conflicts") +
                         " of interest";
    }
    return words;
}

EntryWords runWords(const Object::Ptr& data) {
    EntryWords words{"ran the evaluation: run " + textOf(data, "run"), {}};
    const std::string results = textOf(data, "results");
    if (!results.empty()) {
        const ResultsView view = parseResults(results);
        for (const std::string& lot : view.lots) {
            words.details.push_back(lotOutcome(lot, view.byLot.at(lot)));
        }
    }
    words.details.push_back("results.json " + shortened(textOf(data, "resultsSha256")) + ", evaluation.xlsx " +
                            shortened(textOf(data, "workbookSha256")) + ", scores.xml " +
                            shortened(textOf(data, "scoresSha256")));
    return words;
}

EntryWords approvalWords(const Object::Ptr& data) {
    EntryWords words{"approved run " + textOf(data, "run") + ": " + inQuotes(textOf(data, "statement")), {}};
    if (data->has("signsOff") && data->getValue<bool>("signsOff")) {
        words.details.emplace_back("the approvals needed are given: the evaluation is signed off");
    }
    return words;
}

EntryWords wordsFor(const DecisionEntry& entry, const Object::Ptr& data, const Namer& namer) {
    const std::string& type = entry.type;
    if (type == "tender") {
        return {"created the evaluation with the tender " + textOf(data, "file") + ", SHA-256 " +
                    shortened(textOf(data, "sha256")),
                {}};
    }
    if (type == "bid") {
        return bidWords(data, namer);
    }
    if (type == "rejection") {
        return rejectionWords(data);
    }
    if (type == "panel") {
        return panelWords(data, namer);
    }
    if (type == "open-scoring") {
        return openScoringWords(data, namer);
    }
    if (type == "declaration") {
        return declarationWords(data, namer);
    }
    if (type == "mark" || type == "consensus") {
        return scoreWords(data, entry.actor, namer, type == "consensus");
    }
    if (type == "submit") {
        return {"submitted their marks (" + plural(data->getValue<Poco::Int64>("marks"), "mark", "marks") + ")", {}};
    }
    if (type == "reopen") {
        return {"reopened the mark of " + namer.user(textOf(data, "evaluator")) + " for " + textOf(data, "bid") + " " +
                    textOf(data, "question") + ": " + inQuotes(textOf(data, "reason")),
                {}};
    }
    if (type == "open-moderation") {
        return {"opened the moderation", {}};
    }
    if (type == "run") {
        return runWords(data);
    }
    if (type == "approval") {
        return approvalWords(data);
    }
    return {"recorded an entry of a kind this version does not know: " + type, {}};
}

Object::Ptr parsedData(const DecisionEntry& entry) {
    try {
        Poco::JSON::Parser parser;
        return parser.parse(entry.data).extract<Object::Ptr>();
    } catch (const Poco::Exception&) {
        return nullptr;
    }
}

}  // namespace

EntryWords describeEntry(const DecisionEntry& entry, const DecisionNames& names) {
    const Namer namer(names);
    const Object::Ptr data = parsedData(entry);
    EntryWords words;
    try {
        words = data ? wordsFor(entry, data, namer) : EntryWords{};
    } catch (const Poco::Exception&) {
        words = EntryWords{};
    }
    if (words.headline.empty()) {
        words.headline = "recorded a " + entry.type + " entry whose data cannot be read";
    }
    words.headline = namer.user(entry.actor) + " " + words.headline;
    return words;
}

std::string decisionLogReport(const DecisionLog& log, const DecisionNames& names) {
    Printer out(ReportStyle{});
    out.line("Evaluation " + log.evaluation + (names.tender.empty() ? "" : ", tender " + names.tender));
    out.line(sizeAndHead(static_cast<std::int64_t>(log.entries.size()), "entry", "entries", log.head), 2);
    if (log.problem) {
        if (log.problem->empty()) {
            out.line("Checked: every entry matches its hash, and the tables agree with the log", 2);
        } else {
            out.warning("the log is not intact: " + *log.problem);
        }
    }
    out.blank();
    for (const DecisionEntry& entry : log.entries) {
        const EntryWords words = describeEntry(entry, names);
        out.line("Entry " + std::to_string(entry.seq) + ", " + entry.at + ": " + words.headline);
        for (const std::string& detail : words.details) {
            out.line(detail, 2);
        }
    }
    return out.str();
}

std::string decisionLogJson(const DecisionLog& log, const DecisionNames& names) {
    Array::Ptr events(new Array);
    std::string previous = emptyHead();
    for (const DecisionEntry& entry : log.entries) {
        const EntryWords words = describeEntry(entry, names);
        Object::Ptr event = orderedObject();
        event->set("seq", entry.seq);
        event->set("time", entry.at);
        event->set("actor", entry.actor);
        const auto display = names.users.find(entry.actor);
        event->set("actorName",
                   display == names.users.end() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(display->second));
        event->set("type", entry.type);
        event->set("words", words.headline);
        Array::Ptr details(new Array);
        for (const std::string& detail : words.details) {
            details->add(detail);
        }
        event->set("details", details);
        Object::Ptr data = parsedData(entry);
        if (data) {
            for (const char* bulk : bulkMembers) {
                data->remove(bulk);
            }
        }
        event->set("data", data ? Poco::Dynamic::Var(data) : Poco::Dynamic::Var());
        event->set("previousEntry", previous);
        event->set("entry", entry.hash);
        previous = entry.hash;
        events->add(event);
    }
    Object::Ptr root = orderedObject();
    root->set("format", std::string("tenderscore-decision-log/1"));
    root->set("evaluation", log.evaluation);
    root->set("tender", names.tender.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(names.tender));
    root->set("entries", static_cast<Poco::Int64>(log.entries.size()));
    root->set("head", log.head);
    root->set("intact", log.problem ? Poco::Dynamic::Var(log.problem->empty()) : Poco::Dynamic::Var());
    root->set("problem",
              log.problem && !log.problem->empty() ? Poco::Dynamic::Var(*log.problem) : Poco::Dynamic::Var());
    root->set("events", events);
    return jsonDocument(root);
}

}  // namespace tenderscore::audit
