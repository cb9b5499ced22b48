// An evaluator's pages: the declaration of conflicts, the worklist, one page per bid and question
// with the mark and its reasons, and submitting. Everything shown comes from the evaluator's own
// API answers (GET /api/evaluations/{id} and its worklist), which hold no price, no setting, no
// other evaluator's mark and, once they have declared, nothing of a bid they are recused from.
#include <algorithm>

#include "server/json_io.hpp"
#include "server/pages_common.hpp"

namespace tenderscore::server {

namespace {

Poco::JSON::Object::Ptr myEntry(PageCall& call, const Poco::JSON::Object::Ptr& evaluation) {
    for (const auto& member : items(evaluation, "panel")) {
        if (str(member, "user") == call.user().name) {
            return member;
        }
    }
    throw ApiRefusal(403, "forbidden", "you are not on the panel of evaluation " + call.param("id"));
}

std::string back(const PageCall& call, const Poco::JSON::Object::Ptr& evaluation) {
    return call.page() + "|" + str(evaluation, "tender");
}

std::string markPath(const PageCall& call, const std::string& bid, const std::string& question) {
    return call.page() + "/work/" + bid + "/" + question;
}

/// The worklist, or nothing before the declaration.
std::optional<std::vector<Poco::JSON::Object::Ptr>> worklist(PageCall& call) {
    try {
        return items(call.apiArray(call.apiBase() + "/worklist"));
    } catch (const ApiRefusal& refusal) {
        if (refusal.code() == "conflict-not-declared") {
            return std::nullopt;
        }
        throw;
    }
}

std::string scaleChoices(std::int64_t scaleMax, const std::string& chosen, const std::string& legend) {
    std::string html = R"(<fieldset class="fieldset"><legend>)" + escapeHtml(legend) + R"(</legend>
<div class="scale">)";
    for (std::int64_t score = 0; score <= scaleMax; ++score) {
        const std::string value = std::to_string(score);
        const std::string words = scaleWords(score, scaleMax);
        html += choice("radio", "score-" + value, "score", value, chosen == value,
                       "<strong>" + value + "</strong> " + escapeHtml(words));
    }
    return html + "</div></fieldset>\n";
}

}  // namespace

std::string scoringForm(const std::string& csrf, std::int64_t scaleMax, const std::string& score,
                        const std::string& rationale, const std::string& legend, const std::string& label,
                        const std::string& hint, const std::string& submit) {
    return R"(<form method="post" class="form">)" + csrf + scaleChoices(scaleMax, score, legend) +
           R"(<div class="field"><label for="rationale">)" + escapeHtml(label) + R"(</label>
<p class="hint" id="rationale-hint">)" +
           escapeHtml(hint) + R"(</p>
<textarea id="rationale" name="rationale" rows="6" aria-describedby="rationale-hint">)" +
           escapeHtml(rationale) + R"(</textarea></div>
<button type="submit" class="button">)" +
           escapeHtml(submit) + "</button></form>\n";
}

std::string scoreBody(const std::string& score, const std::string& rationale) {
    return "{" + (score.empty() ? std::string() : R"("score":)" + jsonNumber(score) + ",") + R"("rationale":)" +
           jsonString(rationale) + "}";
}

Reply showDeclaration(PageCall& call) {
    const auto evaluation = call.apiObject("GET", call.apiBase());
    const auto me = myEntry(call, evaluation);
    const auto bids = items(evaluation, "bids");
    std::string html;
    if (yes(me, "declared")) {
        html +=
            "<p>Your declaration is made. The bids below are the ones you mark; a bid you declared a conflict with is "
            "no longer shown to you.</p>\n";
        html +=
            R"(<table class="table"><caption>Your bids</caption><thead><tr><th scope="col">Bid</th><th scope="col">Bidder</th></tr></thead><tbody>)";
        for (const auto& bid : bids) {
            html += R"(<tr><th scope="row">)" + escapeHtml(str(bid, "bid")) + "</th><td>" +
                    escapeHtml(str(bid, "bidder")) + "</td></tr>\n";
        }
        html += "</tbody></table>\n<p><a class=\"button\" href=\"" + escapeHtml(call.page()) +
                "/work\">Go to your worklist</a></p>\n";
    } else if (str(evaluation, "phase") != "scoring") {
        html += "<p>Declarations are made once scoring opens.</p>\n";
    } else {
        html +=
            R"(<p>Before you see any bid, declare any conflict of interest with a bidder: a personal or business relationship, a past job, a shareholding, a relative working there. Tick each bid you have a conflict with and say why. You will not see or mark those bids.</p>
<div class="warning-text"><strong>Your declaration is made once and cannot be changed.</strong> If you have no conflict, tick nothing.</div>
<form method="post" class="form">)" +
            csrfField(call.session->csrf) + "\n";
        std::size_t index = 0;
        const auto ticked = call.form.all("conflict");
        for (const auto& bid : bids) {
            ++index;
            const std::string id = str(bid, "bid");
            const std::string n = std::to_string(index);
            const bool checked = std::find(ticked.begin(), ticked.end(), id) != ticked.end();
            const std::string bidder = escapeHtml(str(bid, "bidder"));
            append(html, {R"(<fieldset class="fieldset"><legend>)", escapeHtml(id), ": ", bidder, "</legend>"});
            html +=
                choice("checkbox", "c" + n, "conflict", id, checked, "I have a conflict of interest with " + bidder);
            append(html, {R"(<div class="field"><label for="r)", n, R"(">Reason (only if you ticked the box)</label>)",
                          R"(<textarea id="r)", n, R"(" name="reason-)", escapeHtml(id), R"(" rows="2">)",
                          escapeHtml(call.form.get("reason-" + id)), "</textarea></div></fieldset>\n"});
        }
        html += R"(<button type="submit" class="button">Make my declaration</button></form>
)";
    }
    return call.render(PageParts{"Declare conflicts of interest", html, "", "", back(call, evaluation)});
}

Reply actDeclaration(PageCall& call) {
    JsonOut body;
    body.object().key("conflicts").array();
    for (const std::string& bid : call.form.all("conflict")) {
        body.object().key("bid").value(bid).key("reason").value(call.form.get("reason-" + bid)).end();
    }
    body.end().end();
    call.api("PUT", call.apiBase() + "/declaration", body.str());
    return redirect(withNotice(call.page() + "/work", "declared"));
}

Reply showWorklist(PageCall& call) {
    const auto evaluation = call.apiObject("GET", call.apiBase());
    const auto me = myEntry(call, evaluation);
    if (str(evaluation, "phase") != "scoring") {
        return call.render(PageParts{"Your worklist",
                                     "<p>Scoring is not open: the worklist is there while scoring is open.</p>\n", "",
                                     "", back(call, evaluation)});
    }
    const auto work = worklist(call);
    if (!work) {
        return redirect(call.page() + "/declaration");
    }
    const auto marked = static_cast<std::size_t>(
        std::count_if(work->begin(), work->end(), [](const auto& item) { return !item->isNull("mark"); }));
    std::string html = R"(<p class="lead">You have marked )" + std::to_string(marked) + " of " +
                       std::to_string(work->size()) + ".</p>\n";
    const bool submitted = yes(me, "submitted");
    if (submitted) {
        html +=
            R"(<div class="notice"><p>Your marks are submitted. An admin can reopen one mark if it must change.</p></div>)";
    }
    html += R"(<table class="table"><caption>Bids and questions to mark</caption><thead><tr><th scope="col">Bid</th>
<th scope="col">Question</th><th scope="col" class="numeric">Weight</th><th scope="col">Your mark</th></tr></thead><tbody>
)";
    for (const auto& item : *work) {
        const auto mark = obj(item, "mark");
        const std::string bid = str(item, "bid");
        const std::string question = str(item, "question");
        html += R"(<tr><td>)" + escapeHtml(bid) + " " + escapeHtml(str(item, "bidder")) + R"(</td><td><a href=")" +
                escapeHtml(markPath(call, bid, question)) + R"("><span class="visually-hidden">)" + escapeHtml(bid) +
                " </span>" + escapeHtml(question) + ": " + escapeHtml(str(item, "text")) +
                R"(</a></td><td class="numeric">)" + escapeHtml(str(item, "weight")) + "</td><td>" +
                (mark.isNull() ? std::string(R"(<span class="tag grey">Not marked</span>)")
                               : R"(<span class="tag">)" + std::string(submitted ? "Submitted: " : "Draft: ") +
                                     std::to_string(num(mark, "score")) + "</span>") +
                "</td></tr>\n";
    }
    html += "</tbody></table>\n";
    if (!submitted) {
        html += R"(<p><a class="button" href=")" + escapeHtml(call.page()) +
                R"(/submit">Check and submit your marks</a></p>)";
    }
    return call.render(PageParts{"Your worklist", html, "", "", back(call, evaluation)});
}

Reply showMark(PageCall& call) {
    const auto evaluation = call.apiObject("GET", call.apiBase());
    const auto me = myEntry(call, evaluation);
    const auto work = worklist(call);
    if (!work) {
        return redirect(call.page() + "/declaration");
    }
    const auto item = std::find_if(work->begin(), work->end(), [&](const auto& each) {
        return str(each, "bid") == call.param("bid") && str(each, "question") == call.param("question");
    });
    if (item == work->end()) {
        throw ApiRefusal(404, "not-found", "that bid and question are not in your worklist");
    }
    const auto mark = obj(*item, "mark");
    const bool refused = !call.error.empty();
    const std::string score =
        refused ? call.form.get("score") : (mark.isNull() ? "" : std::to_string(num(mark, "score")));
    const std::string rationale = refused ? call.form.get("rationale") : (mark.isNull() ? "" : str(mark, "rationale"));
    const std::size_t position = static_cast<std::size_t>(item - work->begin()) + 1;
    std::string html = R"(<p class="caption">)" + escapeHtml(str(*item, "bid")) + " " +
                       escapeHtml(str(*item, "bidder")) + ", item " + std::to_string(position) + " of " +
                       std::to_string(work->size()) + R"(</p>
<dl class="summary"><div><dt>Question</dt><dd>)" +
                       escapeHtml(str(*item, "question")) + ": " + escapeHtml(str(*item, "text")) +
                       R"(</dd></div><div><dt>Weight</dt><dd>)" + escapeHtml(str(*item, "weight")) +
                       R"(</dd></div></dl>
<h2>The bidder's answer</h2>
)";
    if ((*item)->isNull("response")) {
        html += R"(<p class="answer">The bid gives no answer to this question.</p>)";
    } else {
        html += R"(<div class="answer">)";
        const std::string response = str(*item, "response");
        std::size_t start = 0;
        while (start <= response.size()) {
            std::size_t end = response.find("\n\n", start);
            end = end == std::string::npos ? response.size() : end;
            if (end > start) {
                html += "<p>" + escapeHtml(response.substr(start, end - start)) + "</p>";
            }
            start = end + 2;
        }
        html += "</div>\n";
    }
    html += "<h2>Your mark</h2>\n";
    if (yes(me, "submitted")) {
        html +=
            R"(<p class="hint">Your marks are submitted: a change is accepted only where an admin has reopened this mark.</p>)";
    }
    html += scoringForm(csrfField(call.session->csrf), num(evaluation, "scaleMax"), score, rationale,
                        "Mark on the scale", "Reasons for your mark",
                        "Required. Say what in the answer led to this mark: the moderator reads it, and it may be read "
                        "in court.",
                        "Save draft and continue");
    html += R"(<p><a href=")" + escapeHtml(call.page()) + R"(/work">Back to your worklist</a></p>)";
    return call.render(
        PageParts{str(*item, "bid") + " " + str(*item, "question"), html, "", "", call.page() + "/work|Your worklist"});
}

Reply actMark(PageCall& call) {
    const std::string bid = call.param("bid");
    const std::string question = call.param("question");
    call.api("PUT", call.apiBase() + "/marks/" + bid + "/" + question,
             scoreBody(call.form.get("score"), call.form.get("rationale")));
    // On to the next item without a mark, after this one in the worklist's order, else the list.
    const auto work = *worklist(call);
    const auto here = std::find_if(work.begin(), work.end(), [&](const auto& each) {
        return str(each, "bid") == bid && str(each, "question") == question;
    });
    const auto next = std::find_if(here, work.end(), [](const auto& each) { return each->isNull("mark"); });
    if (next == work.end()) {
        return redirect(withNotice(call.page() + "/work", "saved"));
    }
    return redirect(withNotice(markPath(call, str(*next, "bid"), str(*next, "question")), "saved"));
}

Reply showSubmit(PageCall& call) {
    const auto evaluation = call.apiObject("GET", call.apiBase());
    const auto me = myEntry(call, evaluation);
    std::string html;
    if (yes(me, "submitted")) {
        html = "<p>Your marks are submitted.</p>\n";
    } else {
        const std::int64_t due = num(me, "marksDue");
        const std::int64_t given = num(me, "marksGiven");
        html = R"(<p class="lead">You have given )" + std::to_string(given) + " of " + std::to_string(due) +
               " marks.</p>\n";
        if (given < due) {
            html += R"(<p>Every mark is needed before you can submit. <a href=")" + escapeHtml(call.page()) +
                    R"(/work">Go back to your worklist</a>.</p>)";
        }
        html +=
            R"(<div class="warning-text"><strong>You cannot change your marks after this.</strong> Once submitted, your marks go to the moderator as they are. Only an admin can reopen a single mark, and that is recorded in the log.</div>
<form method="post" class="form">)" +
            csrfField(call.session->csrf) + R"(<button type="submit" class="button">Submit my marks</button></form>
)";
    }
    return call.render(PageParts{"Submit your marks", html, "", "", call.page() + "/work|Your worklist"});
}

Reply actSubmit(PageCall& call) {
    call.api("POST", call.apiBase() + "/submit", "{}");
    return redirect(withNotice(call.page(), "submitted"));
}

}  // namespace tenderscore::server
