// The moderation: the matrix of bids and questions with each evaluator's mark and the spread, a
// page per cell with every original mark and the consensus form, and a run's files to download.
#include "server/json_io.hpp"
#include "server/pages_common.hpp"

namespace tenderscore::server {

namespace {

bool isModerator(const PageCall& call, const Poco::JSON::Object::Ptr& evaluation) {
    for (const auto& member : items(evaluation, "panel")) {
        if (str(member, "user") == call.user().name) {
            return yes(member, "moderator");
        }
    }
    return false;
}

std::string cellPath(const PageCall& call, const std::string& bid, const std::string& question) {
    return call.page() + "/moderation/" + bid + "/" + question;
}

std::string cellId(const std::string& bid, const std::string& question) {
    return "cell-" + bid + "-" + question;
}

}  // namespace

Reply showModeration(PageCall& call) {
    const auto evaluation = call.apiObject("GET", call.apiBase());
    const auto view = call.apiObject("GET", call.apiBase() + "/moderation");
    const auto names = panelNames(evaluation);
    const auto questions = items(evaluation, "questions");
    std::string html;
    const std::string limit = view->isNull("spreadLimit") ? "" : std::to_string(num(view, "spreadLimit"));
    html += "<p>Each cell gives every evaluator's mark, the spread (highest less lowest) and the consensus. " +
            std::string(limit.empty() ? "The tender sets no spread limit."
                                      : "Cells whose spread is over the tender's limit of " + limit +
                                            " are marked \"Over the spread limit\" and need a reasoned consensus.") +
            (isModerator(call, evaluation) ? " Open a cell to record the consensus." : "") + "</p>\n";
    html +=
        R"(<div class="table-wrap"><table class="table matrix"><caption>Marks by bid and question</caption><thead><tr><th scope="col">Bid</th>)";
    for (const auto& question : questions) {
        html += R"(<th scope="col">)" + escapeHtml(str(question, "question")) + " (weight " +
                escapeHtml(str(question, "weight")) + ")</th>";
    }
    html += "</tr></thead><tbody>\n";
    std::string row;
    std::string current;
    std::size_t agreed = 0;
    std::size_t cells = 0;
    for (const auto& item : items(view, "items")) {
        const std::string bid = str(item, "bid");
        const std::string question = str(item, "question");
        if (bid != current) {
            if (!current.empty()) {
                html += row + "</tr>\n";
            }
            current = bid;
            row = R"(<tr><th scope="row">)" + escapeHtml(bid) + "<br><span class=\"hint\">" +
                  escapeHtml(str(item, "bidder")) + "</span></th>";
        }
        ++cells;
        const bool over = yes(item, "exceedsSpread");
        row += R"(<td id=")" + escapeHtml(cellId(bid, question)) + "\"" + (over ? R"( class="over-spread")" : "") +
               R"(><ul class="marks">)";
        for (const auto& mark : items(item, "marks")) {
            row += "<li>" + escapeHtml(nameOf(names, str(mark, "evaluator"))) + ": <strong>" +
                   std::to_string(num(mark, "score")) + "</strong></li>";
        }
        for (const auto& recusal : items(item, "recused")) {
            row += "<li>" + escapeHtml(nameOf(names, str(recusal, "evaluator"))) + ": recused</li>";
        }
        row += "</ul><p>Spread " + std::to_string(num(item, "spread")) +
               (over ? R"( <strong class="tag red">Over the spread limit</strong>)" : "") + "</p>";
        const auto consensus = obj(item, "consensus");
        if (consensus.isNull()) {
            row += R"(<p><span class="tag grey">No consensus</span></p>)";
        } else {
            ++agreed;
            row += R"(<p><span class="tag">Consensus )" + std::to_string(num(consensus, "score")) + "</span></p>";
        }
        append(row,
               {R"(<a href=")", escapeHtml(cellPath(call, bid, question)), R"(">Open<span class="visually-hidden"> )",
                escapeHtml(bid), " ", escapeHtml(question), "</span></a></td>"});
    }
    if (!current.empty()) {
        html += row + "</tr>\n";
    }
    html += "</tbody></table></div>\n";
    html = R"(<p class="lead">Consensus recorded for )" + std::to_string(agreed) + " of " + std::to_string(cells) +
           " cells.</p>\n" + html;
    return call.render(PageParts{"Moderation", html, "", "", call.page() + "|" + str(evaluation, "tender")});
}

Reply showConsensus(PageCall& call) {
    const auto evaluation = call.apiObject("GET", call.apiBase());
    const auto view = call.apiObject("GET", call.apiBase() + "/moderation");
    const auto names = panelNames(evaluation);
    Poco::JSON::Object::Ptr item;
    for (const auto& each : items(view, "items")) {
        if (str(each, "bid") == call.param("bid") && str(each, "question") == call.param("question")) {
            item = each;
        }
    }
    if (item.isNull()) {
        throw ApiRefusal(404, "not-found", "that bid and question are not in your moderation view");
    }
    std::string questionText;
    std::string weight;
    for (const auto& question : items(evaluation, "questions")) {
        if (str(question, "question") == call.param("question")) {
            questionText = str(question, "text");
            weight = str(question, "weight");
        }
    }
    std::string html = R"(<p class="caption">)" + escapeHtml(str(item, "bidder")) + R"(</p>
<dl class="summary"><div><dt>Question</dt><dd>)" +
                       escapeHtml(call.param("question") + ": " + questionText) +
                       R"(</dd></div><div><dt>Weight</dt><dd>)" + escapeHtml(weight) +
                       R"(</dd></div><div><dt>Spread</dt><dd>)" + std::to_string(num(item, "spread")) +
                       (yes(item, "exceedsSpread") ? " (over the tender's spread limit)" : "") + R"(</dd></div></dl>
<table class="table"><caption>The evaluators' marks, as submitted</caption><thead><tr><th scope="col">Evaluator</th><th scope="col" class="numeric">Mark</th><th scope="col">Reasons</th></tr></thead><tbody>
)";
    for (const auto& mark : items(item, "marks")) {
        html += R"(<tr><th scope="row">)" + escapeHtml(nameOf(names, str(mark, "evaluator"))) +
                R"(</th><td class="numeric">)" + std::to_string(num(mark, "score")) + "</td><td>" +
                escapeHtml(str(mark, "rationale")) + "</td></tr>\n";
    }
    for (const auto& recusal : items(item, "recused")) {
        html += R"(<tr><th scope="row">)" + escapeHtml(nameOf(names, str(recusal, "evaluator"))) +
                R"(</th><td class="numeric">-</td><td>Recused: )" + escapeHtml(str(recusal, "reason")) + "</td></tr>\n";
    }
    html += "</tbody></table>\n<h2>Consensus</h2>\n";
    const auto consensus = obj(item, "consensus");
    if (consensus.isNull()) {
        html += "<p>No consensus is recorded yet.</p>\n";
    } else {
        html += "<p>Recorded by " + escapeHtml(nameOf(names, str(consensus, "moderator"))) + ": <strong>" +
                std::to_string(num(consensus, "score")) + "</strong>. " + escapeHtml(str(consensus, "rationale")) +
                "</p>\n";
    }
    if (isModerator(call, evaluation) && str(evaluation, "phase") == "moderation") {
        const bool refused = !call.error.empty();
        const std::string score =
            refused ? call.form.get("score") : (consensus.isNull() ? "" : std::to_string(num(consensus, "score")));
        const std::string rationale =
            refused ? call.form.get("rationale") : (consensus.isNull() ? "" : str(consensus, "rationale"));
        html += scoringForm(csrfField(call.session->csrf), num(evaluation, "scaleMax"), score, rationale,
                            "The panel's agreed mark", "Reasons for the consensus",
                            "Required. Say why the panel agreed this mark, above all where the marks differ: it may be "
                            "read in court.",
                            "Record the consensus");
    }
    return call.render(PageParts{call.param("bid") + " " + call.param("question") + ": moderation", html, "", "",
                                 call.page() + "/moderation|Moderation"});
}

Reply actConsensus(PageCall& call) {
    const std::string bid = call.param("bid");
    const std::string question = call.param("question");
    call.api("PUT", call.apiBase() + "/consensus/" + bid + "/" + question,
             scoreBody(call.form.get("score"), call.form.get("rationale")));
    return redirect(withNotice(call.page() + "/moderation", "consensus") + "#" + cellId(bid, question));
}

Reply downloadRunFile(PageCall& call) {
    Reply reply = call.api("GET", call.apiBase() + "/runs/" + call.param("n") + "/" + call.param("file"));
    reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + call.param("id") + "-run-" +
                                                          call.param("n") + "-" + call.param("file") + "\"");
    return reply;
}

}  // namespace tenderscore::server
