// The auditor's pages: the log in plain words with the result of verifying it, and the record (the
// scores document) as it stood after any entry. Both read through the API calls an auditor makes
// (GET .../events, GET .../scores.xml?at=N) and change nothing.
#include <set>
#include <sstream>

#include "audit/decision_log.hpp"
#include "server/event_log.hpp"
#include "server/json_io.hpp"
#include "server/pages_common.hpp"
#include "server/state.hpp"
#include "xml/readers.hpp"

namespace tenderscore::server {

namespace {

/// "2024-03-05T14:02:00Z" as "2024-03-05 14:02:00".
std::string readableTime(const std::string& at) {
    std::string out = at;
    if (out.size() > 10 && out[10] == 'T') {
        out[10] = ' ';
    }
    if (!out.empty() && out.back() == 'Z') {
        out.pop_back();
    }
    return out;
}

audit::DecisionNames namesOf(PageCall& call, const Poco::JSON::Object::Ptr& evaluation,
                             const std::set<std::string>& actors) {
    audit::DecisionNames names;
    names.users = panelNames(evaluation);
    call.store.transact(Store::Mode::Read, [&](Db& db) {
        for (const std::string& actor : actors) {
            if (const auto user = findUser(db, actor)) {
                names.users[actor] = user->display;
            }
        }
    });
    for (const auto& bid : items(evaluation, "bids")) {
        names.bidders[str(bid, "bid")] = str(bid, "bidder");
        names.bidFiles[str(bid, "file")] = str(bid, "bid");
    }
    names.tender = str(evaluation, "tender") + " " + str(evaluation, "title");
    return names;
}

}  // namespace

Reply showLog(PageCall& call) {
    const auto evaluation = call.apiObject("GET", call.apiBase());
    const auto events = items(call.apiArray(call.apiBase() + "/events"));
    std::string chain;
    std::string derived;
    std::optional<LogHead> head;
    call.store.transact(Store::Mode::Read, [&](Db& db) {
        chain = checkChain(db, call.param("id"));
        derived = checkDerived(db, call.param("id"));
        head = logHead(db, call.param("id"));
    });
    std::set<std::string> actors;
    for (const auto& event : events) {
        actors.insert(str(event, "actor"));
    }
    const audit::DecisionNames names = namesOf(call, evaluation, actors);
    std::string html;
    if (chain.empty() && derived.empty()) {
        html += R"(<div class="notice" role="status"><p><strong>The log verifies.</strong> )" +
                std::to_string(events.size()) +
                " entries, numbered without a gap, each hash right and chained to the one before; every derived "
                "value is what the log says. Head: <code class=\"hash\">" +
                escapeHtml(head ? head->head : "") + "</code></p></div>\n";
    } else {
        html += R"(<div class="error-summary" role="alert"><h2>The log does not verify</h2><p>)" +
                escapeHtml(chain.empty() ? derived : chain) + "</p></div>\n";
    }
    html +=
        R"(<p>Keep a copy of the head somewhere else (the approval e-mail, the contract file): a copy of the store that verifies and ends at that head is the record as it was.</p>
<table class="table log"><caption>Every decision, oldest first</caption><thead><tr><th scope="col" class="numeric">Entry</th><th scope="col">Time (UTC)</th><th scope="col">What happened</th><th scope="col">Record</th></tr></thead><tbody>
)";
    for (const auto& event : events) {
        audit::DecisionEntry entry;
        entry.seq = num(event, "seq");
        entry.at = str(event, "at");
        entry.actor = str(event, "actor");
        entry.type = str(event, "type");
        const auto data = obj(event, "data");
        entry.data = data.isNull() ? "{}" : [&] {
            std::ostringstream text;
            data->stringify(text);
            return text.str();
        }();
        entry.hash = str(event, "hash");
        const audit::EntryWords words = audit::describeEntry(entry, names);
        const std::string seq = std::to_string(entry.seq);
        html += R"(<tr><td class="numeric">)" + seq + "</td><td>" + escapeHtml(readableTime(entry.at)) + "</td><td>" +
                escapeHtml(words.headline);
        for (const std::string& detail : words.details) {
            html += "<br><span class=\"hint\">" + escapeHtml(detail) + "</span>";
        }
        append(html, {R"(</td><td><a href=")", escapeHtml(call.page()), "/record?at=", seq, R"(">Record at entry )",
                      seq, "</a></td></tr>\n"});
    }
    html += "</tbody></table>\n";
    return call.render(PageParts{"The log", html, "", "", call.page() + "|" + str(evaluation, "tender")});
}

Reply showRecord(PageCall& call) {
    const auto evaluation = call.apiObject("GET", call.apiBase());
    std::map<std::string, std::string> query;
    std::string at = "latest";
    if (const auto given = call.request.query.find("at"); given != call.request.query.end()) {
        query["at"] = given->second;
        at = given->second;
    }
    const Reply scores = call.api("GET", call.apiBase() + "/scores.xml", "", query);
    const auto document = xml::readScoresBytes(scores.body, "scores.xml", call.router.config().limits);
    const auto names = panelNames(evaluation);
    std::string html =
        R"(<form method="get" class="form inline-form"><div class="field"><label for="at">Show the record after entry</label>
<input id="at" name="at" type="text" inputmode="numeric" class="short" value=")" +
        escapeHtml(at == "latest" ? "" : at) +
        R"("></div><button type="submit" class="button secondary">Show</button></form>
)";
    if (!document) {
        html += "<p>The scores document at this entry could not be read.</p>\n";
        return call.render(PageParts{"The record", html, "", "", call.page() + "/log|The log"});
    }
    html += "<p>The marks, consensus, recusals and rejections as they stood " +
            escapeHtml(at == "latest" ? std::string("now") : "after entry " + at) + ".</p>\n";
    html +=
        R"(<table class="table"><caption>Marks</caption><thead><tr><th scope="col">Bid</th><th scope="col">Question</th><th scope="col">Evaluator</th><th scope="col" class="numeric">Mark</th><th scope="col">Reasons</th></tr></thead><tbody>
)";
    for (const Mark& mark : document->marks) {
        html += "<tr><td>" + escapeHtml(mark.bid) + "</td><td>" + escapeHtml(mark.question) + "</td><td>" +
                escapeHtml(nameOf(names, mark.evaluator)) + R"(</td><td class="numeric">)" +
                std::to_string(mark.score) + "</td><td>" + escapeHtml(mark.rationale) + "</td></tr>\n";
    }
    if (document->marks.empty()) {
        html += R"(<tr><td colspan="5">No mark yet.</td></tr>)";
    }
    html += R"(</tbody></table>
<table class="table"><caption>Consensus</caption><thead><tr><th scope="col">Bid</th><th scope="col">Question</th><th scope="col" class="numeric">Mark</th><th scope="col">Moderator</th><th scope="col">Reasons</th></tr></thead><tbody>
)";
    for (const ConsensusScore& agreed : document->consensus) {
        html += "<tr><td>" + escapeHtml(agreed.bid) + "</td><td>" + escapeHtml(agreed.question) +
                R"(</td><td class="numeric">)" + std::to_string(agreed.score) + "</td><td>" +
                escapeHtml(nameOf(names, agreed.moderator)) + "</td><td>" + escapeHtml(agreed.rationale) +
                "</td></tr>\n";
    }
    if (document->consensus.empty()) {
        html += R"(<tr><td colspan="5">No consensus yet.</td></tr>)";
    }
    html += "</tbody></table>\n";
    if (!document->recusals.empty()) {
        html +=
            R"(<table class="table"><caption>Recusals</caption><thead><tr><th scope="col">Evaluator</th><th scope="col">Bid</th><th scope="col">Reason</th></tr></thead><tbody>)";
        for (const Recusal& recusal : document->recusals) {
            html += "<tr><td>" + escapeHtml(nameOf(names, recusal.evaluator)) + "</td><td>" + escapeHtml(recusal.bid) +
                    "</td><td>" + escapeHtml(recusal.reason) + "</td></tr>\n";
        }
        html += "</tbody></table>\n";
    }
    if (!document->rejected.empty()) {
        html +=
            R"(<table class="table"><caption>Files rejected at opening</caption><thead><tr><th scope="col">File</th><th scope="col">Reason</th></tr></thead><tbody>)";
        for (const RejectedFile& file : document->rejected) {
            html += "<tr><td>" + escapeHtml(file.file) + "</td><td>" + escapeHtml(file.reason) + "</td></tr>\n";
        }
        html += "</tbody></table>\n";
    }
    return call.render(PageParts{at == "latest" ? "The record now" : "The record after entry " + at, html, "", "",
                                 call.page() + "/log|The log"});
}

}  // namespace tenderscore::server
