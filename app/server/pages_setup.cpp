// The pages everyone starts from (the list of evaluations, an evaluation's overview with its
// progress) and the admin's set-up pages: creating an evaluation from a tender file, the bid files
// and rejections, the panel.
#include <Poco/URI.h>

#include "server/json_io.hpp"
#include "server/pages_common.hpp"
#include "server/state.hpp"

namespace tenderscore::server {

namespace {

const char* phaseWords(const std::string& phase) {
    if (phase == "setup") {
        return "Setting up";
    }
    if (phase == "scoring") {
        return "Scoring";
    }
    if (phase == "moderation") {
        return "Moderation";
    }
    return phase == "signed-off" ? "Signed off" : "Unknown";
}

std::string phaseSteps(const std::string& phase) {
    static const std::vector<std::string> phases{"setup", "scoring", "moderation", "signed-off"};
    std::string html = R"(<ol class="steps" aria-label="Stages of the evaluation">)";
    for (const std::string& each : phases) {
        html += each == phase ? R"(<li aria-current="step" class="current">)" : "<li>";
        html += phaseWords(each);
        html += "</li>";
    }
    return html + "</ol>\n";
}

std::string button(const std::string& csrf, const std::string& action, const std::string& text,
                   const std::string& extra = "") {
    return R"(<form method="post" class="form">)" + csrfField(csrf) + R"(<input type="hidden" name="action" value=")" +
           action + R"(">)" + extra + R"(<button type="submit" class="button">)" + escapeHtml(text) +
           "</button></form>\n";
}

std::string option(const std::string& value, const std::string& text, bool selected = false) {
    return R"(<option value=")" + escapeHtml(value) + "\"" + (selected ? " selected" : "") + ">" + escapeHtml(text) +
           "</option>";
}

std::string progressTable(const Poco::JSON::Object::Ptr& evaluation) {
    std::string html = R"(<table class="table"><caption>The panel's progress</caption>
<thead><tr><th scope="col">Evaluator</th><th scope="col">Questions</th><th scope="col">Conflicts declared</th>
<th scope="col">Marks given</th><th scope="col">Submitted</th></tr></thead><tbody>
)";
    const auto panel = items(evaluation, "panel");
    for (const auto& member : panel) {
        std::string questions = "Every question";
        if (!member->isNull("questions")) {
            questions.clear();
            for (const std::string& question : texts(member, "questions")) {
                questions += (questions.empty() ? "" : ", ") + question;
            }
            if (questions.empty()) {
                questions = "None (moderates only)";
            }
        }
        html += R"(<tr><th scope="row">)" + escapeHtml(str(member, "name")) +
                (yes(member, "moderator") ? R"( <span class="tag">Moderator</span>)" : "") + "</th><td>" +
                escapeHtml(questions) + "</td><td>" + (yes(member, "declared") ? "Yes" : "Not yet") + "</td><td>" +
                std::to_string(num(member, "marksGiven")) + " of " + std::to_string(num(member, "marksDue")) +
                "</td><td>" + (yes(member, "submitted") ? "Yes" : "Not yet") + "</td></tr>\n";
    }
    if (panel.empty()) {
        html += R"(<tr><td colspan="5">No panel yet.</td></tr>)";
    }
    return html + "</tbody></table>\n";
}

std::string questionsTable(const Poco::JSON::Object::Ptr& evaluation) {
    std::string html = R"(<table class="table"><caption>Quality questions</caption>
<thead><tr><th scope="col">Question</th><th scope="col">What it asks</th><th scope="col" class="numeric">Weight</th></tr></thead><tbody>
)";
    for (const auto& question : items(evaluation, "questions")) {
        html += R"(<tr><th scope="row">)" + escapeHtml(str(question, "question")) + "</th><td>" +
                escapeHtml(str(question, "text")) + R"(</td><td class="numeric">)" +
                escapeHtml(str(question, "weight")) + "</td></tr>\n";
    }
    return html + "</tbody></table>\n";
}

std::string bidsTable(const Poco::JSON::Object::Ptr& evaluation, bool files) {
    std::string html = R"(<table class="table"><caption>Bids</caption><thead><tr><th scope="col">Bid</th>
<th scope="col">Bidder</th>)" +
                       std::string(files ? R"(<th scope="col">File</th>)" : "") + "</tr></thead><tbody>\n";
    const auto bids = items(evaluation, "bids");
    for (const auto& bid : bids) {
        html += R"(<tr><th scope="row">)" + escapeHtml(str(bid, "bid")) + "</th><td>" + escapeHtml(str(bid, "bidder")) +
                "</td>" + (files ? "<td>" + escapeHtml(str(bid, "file")) + "</td>" : "") + "</tr>\n";
    }
    if (bids.empty()) {
        html += R"(<tr><td colspan="3">No bid uploaded yet.</td></tr>)";
    }
    html += "</tbody></table>\n";
    const auto rejected = items(evaluation, "rejected");
    if (!rejected.empty()) {
        html += R"(<table class="table"><caption>Files rejected at opening</caption><thead><tr><th scope="col">File</th>
<th scope="col">Reason</th></tr></thead><tbody>)";
        for (const auto& file : rejected) {
            html += R"(<tr><th scope="row">)" + escapeHtml(str(file, "file")) + "</th><td>" +
                    escapeHtml(str(file, "reason")) + "</td></tr>\n";
        }
        html += "</tbody></table>\n";
    }
    return html;
}

std::string runsList(const PageCall& call, std::int64_t runs) {
    std::string html;
    for (std::int64_t run = runs; run >= 1; --run) {
        const std::string base = call.page() + "/runs/" + std::to_string(run) + "/";
        html += "<li>Run " + std::to_string(run) + (run == runs ? " (the latest)" : "") + R"(: <a href=")" +
                escapeHtml(base) + R"(evaluation.xlsx">the workbook (evaluation.xlsx)</a>, <a href=")" +
                escapeHtml(base) + R"(results.json">results.json</a>, <a href=")" + escapeHtml(base) +
                R"(scores.xml">scores.xml</a></li>)";
    }
    return html.empty() ? "<p>No run yet.</p>\n" : R"(<ul class="list">)" + html + "</ul>\n";
}

const Poco::JSON::Object::Ptr memberEntry(const Poco::JSON::Object::Ptr& evaluation, const std::string& user) {
    for (const auto& member : items(evaluation, "panel")) {
        if (str(member, "user") == user) {
            return member;
        }
    }
    return nullptr;
}

std::string textField(const std::string& id, const std::string& label, const std::string& value,
                      const std::string& hint = "") {
    return R"(<div class="field"><label for=")" + id + R"(">)" + escapeHtml(label) + "</label>" +
           (hint.empty() ? "" : R"(<p class="hint" id=")" + id + R"(-hint">)" + escapeHtml(hint) + "</p>") +
           R"(<textarea id=")" + id + R"(" name=")" + id + R"(" rows="3")" +
           (hint.empty() ? "" : R"( aria-describedby=")" + id + R"(-hint")") + ">" + escapeHtml(value) +
           "</textarea></div>\n";
}

std::string adminActions(PageCall& call, const Poco::JSON::Object::Ptr& evaluation) {
    const std::string phase = str(evaluation, "phase");
    const std::string csrf = call.session->csrf;
    std::string html = R"(<h2>What to do next</h2>)";
    if (phase == "setup") {
        html += R"(<ul class="list"><li><a href=")" + escapeHtml(call.page()) +
                R"(/bids">Upload bid files, or reject a file at opening</a></li><li><a href=")" +
                escapeHtml(call.page()) + R"(/panel">Set the panel and who marks which questions</a></li></ul>
<p>When the bids and the panel are complete, open scoring. The bids are then frozen.</p>)";
        html += button(csrf, "open-scoring", "Open scoring");
    } else if (phase == "scoring") {
        html += R"(<ul class="list"><li><a href=")" + escapeHtml(call.page()) +
                R"(/bids">Reject a bid file</a></li></ul>
<p>Moderation can open once every evaluator has declared and submitted their marks.</p>)";
        html += button(csrf, "open-moderation", "Open moderation");
        std::string members;
        for (const auto& member : items(evaluation, "panel")) {
            if (yes(member, "submitted")) {
                members +=
                    option(str(member, "user"), str(member, "name"), call.form.get("evaluator") == str(member, "user"));
            }
        }
        std::string bids;
        for (const auto& bid : items(evaluation, "bids")) {
            bids += option(str(bid, "bid"), str(bid, "bid") + " " + str(bid, "bidder"),
                           call.form.get("bid") == str(bid, "bid"));
        }
        std::string questions;
        for (const auto& question : items(evaluation, "questions")) {
            questions += option(str(question, "question"), str(question, "question"),
                                call.form.get("question") == str(question, "question"));
        }
        html +=
            R"(<h3>Reopen a submitted mark</h3><p>The evaluator may then change that one mark once. The reason is recorded.</p>
<form method="post" class="form">)" +
            csrfField(csrf) + R"(<input type="hidden" name="action" value="reopen">
<div class="field"><label for="evaluator">Evaluator</label><select id="evaluator" name="evaluator">)" +
            members + R"(</select></div>
<div class="field"><label for="bid">Bid</label><select id="bid" name="bid">)" +
            bids + R"(</select></div>
<div class="field"><label for="question">Question</label><select id="question" name="question">)" +
            questions + "</select></div>\n" + textField("reason", "Reason for reopening", call.form.get("reason")) +
            R"(<button type="submit" class="button secondary">Reopen the mark</button></form>)";
    } else if (phase == "moderation") {
        const std::int64_t runs = num(evaluation, "runs");
        html += R"(<ul class="list"><li><a href=")" + escapeHtml(call.page()) +
                R"(/moderation">The moderation: every mark and the consensus</a></li></ul>
<p>Run the evaluation when every consensus is recorded. You can run it again after a change; only the latest run can be approved.</p>)";
        html += button(csrf, "run", "Run the evaluation");
        html += "<h3>Runs</h3>\n" + runsList(call, runs);
        if (runs > 0) {
            html +=
                R"(<h3>Approve run )" + std::to_string(runs) +
                R"(</h3><p>Read the workbook first. Once the approvals needed are given, the evaluation is signed off and nothing can change.</p>
<form method="post" class="form">)" +
                csrfField(csrf) +
                R"(<input type="hidden" name="action" value="approve"><input type="hidden" name="run" value=")" +
                std::to_string(runs) + "\">\n" +
                textField("statement", "Your statement", call.form.get("statement"),
                          "For example: Approved for award as recommended in the workbook.") +
                R"(<button type="submit" class="button">Approve run )" + std::to_string(runs) + "</button></form>\n";
        }
    } else {
        html += "<p>The evaluation is signed off. Nothing can change.</p>\n<h3>Runs</h3>\n" +
                runsList(call, num(evaluation, "runs")) + R"(<ul class="list"><li><a href=")" +
                escapeHtml(call.page()) + R"(/moderation">The moderation</a></li></ul>)";
    }
    return html;
}

std::string evaluatorActions(PageCall& call, const Poco::JSON::Object::Ptr& evaluation) {
    const std::string phase = str(evaluation, "phase");
    const auto me = memberEntry(evaluation, call.user().name);
    std::string html = "<h2>Your tasks</h2>\n";
    if (me.isNull()) {
        return html + "<p>You are not on this panel.</p>\n";
    }
    if (phase == "setup") {
        html += "<p>Scoring has not opened yet.</p>\n";
    } else if (phase == "scoring") {
        html += R"(<ol class="list tasks"><li><a href=")" + escapeHtml(call.page()) +
                R"(/declaration">Declare your conflicts of interest</a>: )" + (yes(me, "declared") ? "done" : "to do") +
                R"(</li><li><a href=")" + escapeHtml(call.page()) + R"(/work">Mark the bids</a>: )" +
                std::to_string(num(me, "marksGiven")) + " of " + std::to_string(num(me, "marksDue")) +
                R"( marked</li><li><a href=")" + escapeHtml(call.page()) + R"(/submit">Submit your marks</a>: )" +
                (yes(me, "submitted") ? "done" : "to do") + "</li></ol>\n";
        if (yes(me, "moderator")) {
            html += "<h3>As moderator</h3><p>Moderation can open once every evaluator has submitted.</p>\n" +
                    button(call.session->csrf, "open-moderation", "Open moderation");
        }
    } else {
        html += "<p>Scoring is closed.</p>\n";
        if (yes(me, "moderator")) {
            html += R"(<ul class="list"><li><a href=")" + escapeHtml(call.page()) +
                    R"(/moderation">The moderation: every mark and the consensus</a></li></ul>)";
        }
    }
    return html;
}

}  // namespace

Reply showHome(PageCall& call) {
    std::vector<std::string> ids;
    call.store.transact(Store::Mode::Read, [&](Db& db) { ids = evaluationsOf(db, call.user()); });
    std::string html;
    if (call.user().role == Role::Admin) {
        html += R"(<p><a class="button" href="/evaluations/new">Create an evaluation from a tender file</a></p>)";
    }
    html += R"(<table class="table"><caption>Your evaluations</caption><thead><tr><th scope="col">Tender</th>
<th scope="col">Title</th><th scope="col">Stage</th></tr></thead><tbody>
)";
    for (const std::string& id : ids) {
        const auto evaluation = call.apiObject("GET", "/api/evaluations/" + id);
        html += R"(<tr><th scope="row"><a href="/evaluations/)" + escapeHtml(id) + R"(">)" +
                escapeHtml(str(evaluation, "tender")) + "</a></th><td>" + escapeHtml(str(evaluation, "title")) +
                "</td><td>" + phaseWords(str(evaluation, "phase")) + "</td></tr>\n";
    }
    if (ids.empty()) {
        html += R"(<tr><td colspan="3">)" +
                std::string(call.user().role == Role::Evaluator ? "You are not on any panel yet."
                                                                : "There is no evaluation yet.") +
                "</td></tr>\n";
    }
    html += "</tbody></table>\n";
    return call.render(PageParts{"Your evaluations", html, "", "", ""});
}

Reply showCreate(PageCall& call) {
    const std::string html =
        R"(<p>Choose the tender file (<code>tender.xml</code>). It is checked as <code>tenderscore validate</code> checks it; every problem is listed if it is refused.</p>
<form method="post" enctype="multipart/form-data" class="form">)" +
        csrfField(call.session->csrf) + R"(
<div class="field"><label for="tender">Tender file</label><input id="tender" name="tender" type="file" accept=".xml,application/xml,text/xml"></div>
<button type="submit" class="button">Create the evaluation</button>
</form>
)";
    return call.render(PageParts{"Create an evaluation", html, "", "", "/|Your evaluations"});
}

Reply actCreate(PageCall& call) {
    if (call.form.files.empty()) {
        throw ApiRefusal(400, "invalid", "choose the tender file to upload");
    }
    JsonOut body;
    body.object().key("tender").value(call.form.files.front().content).end();
    const auto created = call.apiObject("POST", "/api/evaluations", body.str());
    return redirect(withNotice("/evaluations/" + str(created, "id"), "created"));
}

Reply showEvaluation(PageCall& call) {
    const auto evaluation = call.apiObject("GET", call.apiBase());
    const Role role = call.user().role;
    std::string html =
        "<p class=\"lead\">" + escapeHtml(str(evaluation, "title")) + "</p>\n" + phaseSteps(str(evaluation, "phase"));
    if (role == Role::Admin) {
        html += adminActions(call, evaluation);
    } else if (role == Role::Evaluator) {
        html += evaluatorActions(call, evaluation);
    } else {
        html += R"(<h2>The record</h2><ul class="list"><li><a href=")" + escapeHtml(call.page()) +
                R"(/log">The log, in order, and whether it verifies</a></li>)";
        const std::string phase = str(evaluation, "phase");
        if (phase == "moderation" || phase == "signed-off") {
            html += R"(<li><a href=")" + escapeHtml(call.page()) + R"(/moderation">The moderation</a></li>)";
        }
        html += "</ul>\n<h3>Runs</h3>\n" + runsList(call, num(evaluation, "runs"));
    }
    if (role == Role::Admin) {
        html += R"(<p><a href=")" + escapeHtml(call.page()) + R"(/log">The log and the record</a></p>)";
    }
    html += "<h2>Progress</h2>\n" + progressTable(evaluation) + questionsTable(evaluation);
    if (role != Role::Evaluator) {
        html += bidsTable(evaluation, true);
    }
    return call.render(PageParts{str(evaluation, "tender"), html, "", "", "/|Your evaluations"});
}

Reply actEvaluation(PageCall& call) {
    const std::string action = call.form.get("action");
    if (action == "open-scoring" || action == "open-moderation") {
        call.api("POST", call.apiBase() + "/" + action, "{}");
        return redirect(withNotice(call.page(), action));
    }
    if (action == "reopen") {
        JsonOut body;
        body.object().key("evaluator").value(call.form.get("evaluator")).key("bid").value(call.form.get("bid"));
        body.key("question").value(call.form.get("question")).key("reason").value(call.form.get("reason")).end();
        call.api("POST", call.apiBase() + "/reopen", body.str());
        return redirect(withNotice(call.page(), "reopened"));
    }
    if (action == "run") {
        call.api("POST", call.apiBase() + "/runs", "{}");
        return redirect(withNotice(call.page(), "run"));
    }
    if (action == "approve") {
        const std::string body = R"({"run":)" + jsonNumber(call.form.get("run")) + R"(,"statement":)" +
                                 jsonString(call.form.get("statement")) + "}";
        call.api("POST", call.apiBase() + "/approvals", body);
        return redirect(withNotice(call.page(), "approved"));
    }
    throw ApiRefusal(400, "invalid", "this page has no action " + action);
}

Reply showBids(PageCall& call) {
    const auto evaluation = call.apiObject("GET", call.apiBase());
    const std::string csrf = call.session->csrf;
    std::string files = option("", "A file the upload refused: choose it below");
    for (const auto& bid : items(evaluation, "bids")) {
        files += option(str(bid, "file"), str(bid, "file") + " (" + str(bid, "bidder") + ")",
                        call.form.get("file") == str(bid, "file"));
    }
    std::string html = bidsTable(evaluation, true);
    if (str(evaluation, "phase") == "setup") {
        html +=
            R"(<h2>Upload bid files</h2><p>Choose one or more bid files. A file with the name of one already uploaded replaces it.</p>
<form method="post" enctype="multipart/form-data" class="form">)" +
            csrfField(csrf) + R"(<input type="hidden" name="action" value="upload">
<div class="field"><label for="bids">Bid files</label><input id="bids" name="bids" type="file" multiple accept=".xml,application/xml,text/xml"></div>
<button type="submit" class="button">Upload</button></form>
)";
    }
    html +=
        R"(<h2>Reject a file at opening</h2><p>A rejected file is kept as it was received and listed in the workbook with the reason; it is never scored.</p>
<form method="post" enctype="multipart/form-data" class="form">)" +
        csrfField(csrf) + R"(<input type="hidden" name="action" value="reject">
<div class="field"><label for="file">File</label><select id="file" name="file">)" +
        files + R"(</select></div>
<div class="field"><label for="content">A file the upload refused</label><p class="hint" id="content-hint">Only when the file is not in the list above.</p>
<input id="content" name="content" type="file" aria-describedby="content-hint"></div>
)" + textField("reason", "Reason for rejecting it", call.form.get("reason")) +
        R"(<button type="submit" class="button warning">Reject the file</button></form>
)";
    return call.render(PageParts{"Bid files", html, "", "", call.page() + "|" + str(evaluation, "tender")});
}

Reply actBids(PageCall& call) {
    const std::string action = call.form.get("action");
    if (action == "upload") {
        if (call.form.files.empty()) {
            throw ApiRefusal(400, "invalid", "choose one or more bid files to upload");
        }
        std::string done;
        for (const UploadedFile& file : call.form.files) {
            std::string encoded;
            Poco::URI::encode(file.fileName, "/?#%;", encoded);
            JsonOut body;
            body.object().key("xml").value(file.content).end();
            try {
                call.api("PUT", call.apiBase() + "/bids/" + encoded, body.str());
            } catch (const ApiRefusal& refusal) {
                throw ApiRefusal(refusal.status(), refusal.code(),
                                 file.fileName + " was refused: " + refusal.what() +
                                     (done.empty() ? "" : " (uploaded before it: " + done + ")"));
            }
            done += (done.empty() ? "" : ", ") + file.fileName;
        }
        return redirect(withNotice(call.page() + "/bids", "uploaded"));
    }
    if (action == "reject") {
        JsonOut body;
        body.object();
        if (!call.form.files.empty()) {
            body.key("file").value(call.form.files.front().fileName);
            body.key("content").value(toBase64(call.form.files.front().content));
        } else {
            body.key("file").value(call.form.get("file"));
        }
        body.key("reason").value(call.form.get("reason")).end();
        call.api("POST", call.apiBase() + "/rejections", body.str());
        return redirect(withNotice(call.page() + "/bids", "rejected"));
    }
    throw ApiRefusal(400, "invalid", "this page has no action " + action);
}

Reply showPanel(PageCall& call) {
    const auto evaluation = call.apiObject("GET", call.apiBase());
    std::vector<User> evaluators;
    call.store.transact(Store::Mode::Read, [&](Db& db) { evaluators = usersWithRole(db, Role::Evaluator); });
    const auto questions = items(evaluation, "questions");
    const bool refused = !call.error.empty();
    std::string html =
        R"(<p>Tick each evaluator on the panel, the questions each marks (all of them unless some are for specialists), and who moderates. Users are added by the system's administrator with <code>tenderscore users add</code>.</p>
<form method="post" class="form">)" +
        csrfField(call.session->csrf) + "\n";
    std::size_t index = 0;
    for (const User& user : evaluators) {
        ++index;
        const auto member = memberEntry(evaluation, user.name);
        const std::string id = "m" + std::to_string(index);
        const auto ticked = [&](const std::string& field, const std::string& value, bool current) {
            if (!refused) {
                return current;
            }
            const auto values = call.form.all(field);
            return std::find(values.begin(), values.end(), value) != values.end();
        };
        append(html, {R"(<fieldset class="fieldset"><legend>)", escapeHtml(user.display), " (", escapeHtml(user.name),
                      ")</legend>\n"});
        html += choice("checkbox", id + "-on", "member", user.name, ticked("member", user.name, !member.isNull()),
                       "On the panel");
        html += choice("checkbox", id + "-mod", "moderator", user.name,
                       ticked("moderator", user.name, !member.isNull() && yes(member, "moderator")), "Moderator");
        append(html, {R"(<fieldset class="fieldset inner"><legend>Questions )", escapeHtml(user.display),
                      " marks</legend>\n"});
        std::size_t q = 0;
        for (const auto& question : questions) {
            ++q;
            const std::string qid = str(question, "question");
            bool assigned = true;
            if (!member.isNull() && !member->isNull("questions")) {
                assigned = false;
                for (const std::string& each : texts(member, "questions")) {
                    assigned = assigned || each == qid;
                }
            }
            const std::string field = "questions-" + user.name;
            html += choice("checkbox", id + "-q" + std::to_string(q), field, qid, ticked(field, qid, assigned),
                           escapeHtml(qid) + ": " + escapeHtml(str(question, "text")));
        }
        html += "</fieldset></fieldset>\n";
    }
    if (evaluators.empty()) {
        html += "<p>There is no user with role evaluator yet.</p>\n";
    }
    html += R"(<button type="submit" class="button">Save the panel</button></form>
)";
    return call.render(PageParts{"The panel", html, "", "", call.page() + "|" + str(evaluation, "tender")});
}

Reply actPanel(PageCall& call) {
    const auto evaluation = call.apiObject("GET", call.apiBase());
    const std::size_t questionCount = items(evaluation, "questions").size();
    const auto moderators = call.form.all("moderator");
    JsonOut body;
    body.object().key("evaluators").array();
    for (const std::string& name : call.form.all("member")) {
        body.object().key("user").value(name).key("questions");
        const auto questions = call.form.all("questions-" + name);
        if (questions.size() == questionCount) {
            body.null();
        } else {
            body.array();
            for (const std::string& question : questions) {
                body.value(question);
            }
            body.end();
        }
        const bool moderator = std::find(moderators.begin(), moderators.end(), name) != moderators.end();
        body.key("moderator").value(moderator).end();
    }
    body.end().end();
    call.api("PUT", call.apiBase() + "/panel", body.str());
    return redirect(withNotice(call.page(), "panel"));
}

}  // namespace tenderscore::server
