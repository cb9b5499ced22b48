// audit verify, audit log and replay on the panel server's store (--store ... --evaluation ID),
// offline: the chain of an evaluation's log, the derived tables against the fold of the log, the log
// in words, and the pack as it stood after any entry evaluated again. Without --store, the audit
// log's commands run as before.
#include <filesystem>
#include <iostream>

#include "audit/decision_log.hpp"
#include "cli/commands.hpp"
#include "evaluation/values.hpp"
#include "format/ranking.hpp"
#include "format/text.hpp"
#include "run/pipeline.hpp"
#include "server/event_log.hpp"
#include "server/pack.hpp"
#include "server/state.hpp"

namespace tenderscore::cli {

namespace {

server::Store openStore(const std::string& location) {
    if (!server::isPostgreSql(location) && !std::filesystem::is_regular_file(location)) {
        throw run::NoInput("cannot open the store " + location);
    }
    return server::Store(location, 1);
}

const std::string& evaluationOf(const CommandLine& line) {
    if (!line.option("evaluation")) {
        throw UsageError("with --store, name the evaluation: --evaluation ID");
    }
    return line.required("evaluation");
}

/// The first thing wrong with an evaluation's log ("" when intact): the chain, then the tables
/// derived from it. Throws StoreError when the store holds no such evaluation.
std::string checkLog(server::Db& db, const std::string& id) {
    if (!server::logHead(db, id)) {
        throw server::StoreError("the store holds no evaluation " + id);
    }
    std::string problem = server::checkChain(db, id);
    return problem.empty() ? server::checkDerived(db, id) : problem;
}

int storeVerify(const CommandLine& line) {
    const std::string& id = evaluationOf(line);
    server::Store store = openStore(line.required("store"));
    std::string problem;
    std::int64_t size = 0;
    std::string head;
    store.transact(server::Store::Mode::Read, [&](server::Db& db) {
        problem = checkLog(db, id);
        const auto found = server::logHead(db, id);
        size = found ? found->size : 0;
        head = found ? found->head : "";
    });
    if (!problem.empty()) {
        std::cerr << "tenderscore: the log of evaluation " << text::terminalSafe(id)
                  << " is not intact: " << text::terminalSafe(problem) << "\n";
        return Exit::EXIT_DATAERR;
    }
    std::cout << "The log of evaluation " << text::terminalSafe(id) << " is intact: " << size
              << (size == 1 ? " entry" : " entries") << ", head " << head << "\n";
    return Exit::EXIT_OK;
}

/// The names the log's words show beside ids: users' full names, bidders, the tender.
audit::DecisionNames decisionNames(server::Db& db, const std::string& id) {
    audit::DecisionNames names;
    for (const server::Row& user : db.query("SELECT name, display FROM users")) {
        names.users.emplace(user[0], user[1]);
    }
    for (const server::Row& bid : db.query("SELECT file, bid, bidder FROM bids WHERE evaluation = ?", {id})) {
        names.bidFiles.emplace(bid[0], bid[1]);
        names.bidders.emplace(bid[1], bid[2]);
    }
    if (const auto tender = db.one("SELECT tender, title FROM state WHERE evaluation = ?", {id})) {
        names.tender = tender->at(0) + " \"" + tender->at(1) + "\"";
    }
    return names;
}

int storeLog(const CommandLine& line) {
    const std::string format = line.option("format").value_or("text");
    if (format != "text" && format != "json") {
        throw UsageError("--format must be text or json; got '" + text::terminalSafe(format) + "'");
    }
    const std::string& id = evaluationOf(line);
    server::Store store = openStore(line.required("store"));
    audit::DecisionLog log;
    audit::DecisionNames names;
    log.evaluation = id;
    store.transact(server::Store::Mode::Read, [&](server::Db& db) {
        log.problem = checkLog(db, id);
        log.head = server::logHead(db, id)->head;
        for (server::Event& event : server::readEvents(db, id)) {
            log.entries.push_back(audit::DecisionEntry{event.seq, std::move(event.at), std::move(event.actor),
                                                       std::move(event.type), std::move(event.data),
                                                       std::move(event.hash)});
        }
        names = decisionNames(db, id);
    });
    std::cout << (format == "json" ? audit::decisionLogJson(log, names) : audit::decisionLogReport(log, names));
    if (!log.problem->empty()) {
        std::cerr << "tenderscore: the log of evaluation " << text::terminalSafe(id)
                  << " is not intact: " << text::terminalSafe(*log.problem) << "\n";
        return Exit::EXIT_DATAERR;
    }
    return Exit::EXIT_OK;
}

int storeReplay(const CommandLine& line) {
    const std::string& id = evaluationOf(line);
    server::Store store = openStore(line.required("store"));
    std::vector<server::Event> events;
    std::string problem;
    store.transact(server::Store::Mode::Read, [&](server::Db& db) {
        problem = server::checkChain(db, id);
        events = server::readEvents(db, id);
    });
    if (!problem.empty()) {
        std::cerr << "tenderscore: the log of evaluation " << text::terminalSafe(id)
                  << " is not intact, so it is not replayed: " << text::terminalSafe(problem) << "\n";
        return Exit::EXIT_DATAERR;
    }
    auto at = static_cast<std::int64_t>(events.size());
    if (const auto given = line.option("at")) {
        const auto number = parseCount(*given, static_cast<std::uint64_t>(events.size()));
        if (!number || *number == 0) {
            throw UsageError("--at must be an entry of the log, 1 to " + std::to_string(events.size()) + "; got '" +
                             *given + "'");
        }
        at = static_cast<std::int64_t>(*number);
    }
    events.resize(static_cast<std::size_t>(at));
    const auto scratch = server::foldEvents(id, events);
    run::RunOptions options;
    scratch->transact(server::Store::Mode::Read,
                      [&](server::Db& db) { options.source = server::packDocuments(db, id); });
    options.limits = line.limits();
    options.out = line.required("out");
    options.runTime = 0;
    const run::RunOutcome outcome = run::evaluateRun(std::move(options));
    if (!outcome.problems.empty()) {
        return reportInputErrors(outcome.problems);
    }
    std::cout << "Evaluation " << text::terminalSafe(id) << " as it stood after entry " << at << " of " << events.size()
              << "\n\n";
    text::printRanking(std::cout, outcome.pack, *outcome.result);
    std::cout << "\nWrote " << (outcome.folder / run::workbookFile).string() << " and "
              << (outcome.folder / run::resultsFile).string() << "\n";
    return Exit::EXIT_OK;
}

int onStore(const CommandLine& line, int (*command)(const CommandLine&)) {
    try {
        return command(line);
    } catch (const server::StoreError& error) {
        std::cerr << "tenderscore: " << text::terminalSafe(error.what()) << "\n";
        return Exit::EXIT_DATAERR;
    }
}

}  // namespace

int auditVerifyAnyCommand(const CommandLine& line) {
    if (line.option("store")) {
        if (line.option("audit") || line.option("checkpoint")) {
            throw UsageError("audit verify takes --audit FILE or --store ... --evaluation ID, not both");
        }
        return onStore(line, storeVerify);
    }
    if (line.option("evaluation") || !line.option("audit")) {
        throw UsageError("audit verify needs --audit FILE, or --store ... --evaluation ID");
    }
    return auditVerifyCommand(line);
}

int auditLogAnyCommand(const CommandLine& line) {
    if (line.option("store")) {
        if (line.option("audit")) {
            throw UsageError("audit log takes --audit FILE or --store ... --evaluation ID, not both");
        }
        return onStore(line, storeLog);
    }
    if (line.option("evaluation") || !line.option("audit")) {
        throw UsageError("audit log needs --audit FILE, or --store ... --evaluation ID");
    }
    return auditLogCommand(line);
}

int replayAnyCommand(const CommandLine& line) {
    if (line.option("store")) {
        if (line.option("audit") || line.option("run")) {
            throw UsageError("replay takes --audit FILE or --store ... --evaluation ID, not both");
        }
        return onStore(line, storeReplay);
    }
    if (line.option("evaluation") || line.option("at") || !line.option("audit")) {
        throw UsageError("replay needs --audit and --out, or --store, --evaluation and --out");
    }
    return replayCommand(line);
}

}  // namespace tenderscore::cli
