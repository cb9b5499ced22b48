// Scoring: the evaluation as the panel sees it, declarations of conflicts, the worklist, marks,
// submitting, reopening a mark, and opening the moderation. An evaluator is shown no price, no
// setting, no other evaluator's mark, and nothing of a bid they are recused from, not even its id.
#include <algorithm>
#include <set>

#include "server/handlers.hpp"
#include "server/http_error.hpp"
#include "server/json_io.hpp"

namespace tenderscore::server {

namespace {

void requireDeclared(const Context& context) {
    if (!context.membership->declared) {
        throw conflict("conflict-not-declared", "declare your conflicts of interest first (PUT .../declaration)");
    }
}

std::int64_t count(Context& context, const std::string& sql, const std::vector<Value>& values) {
    return toInt(context.db.one(sql, values)->at(0));
}

/// How many marks a member owes: every assigned question of every bid they are not recused from.
std::int64_t owed(Context& context, const PanelMember& member, const std::vector<QuestionInfo>& questions) {
    const std::int64_t bids = count(context,
                                    "SELECT COUNT(*) FROM bids WHERE evaluation = ? AND bid NOT IN (SELECT bid FROM "
                                    "recusals WHERE evaluation = ? AND name = ?)",
                                    {context.evaluation, context.evaluation, member.name});
    return bids * static_cast<std::int64_t>(assignedTo(member, questions).size());
}

/// Marks given for bids still in the pack.
std::int64_t given(Context& context, const PanelMember& member) {
    return count(context,
                 "SELECT COUNT(*) FROM marks WHERE evaluation = ? AND name = ? AND bid IN (SELECT bid FROM bids WHERE "
                 "evaluation = ?)",
                 {context.evaluation, member.name, context.evaluation});
}

}  // namespace

Reply getEvaluation(Context& context) {
    const Row state =
        *context.db.one("SELECT tender, title, phase, lots FROM state WHERE evaluation = ?", {context.evaluation});
    const std::vector<QuestionInfo> questions = questionsOf(context.db, context.evaluation);
    JsonOut out;
    out.object().key("id").value(context.evaluation).key("tender").value(state[0]).key("title").value(state[1]);
    out.key("phase").value(state[2]).key("scaleMax").value(context.scaleMax).key("lots").raw(state[3]);
    out.key("questions").array();
    for (const QuestionInfo& question : questions) {
        out.object().key("question").value(question.id).key("weight").value(question.weight);
        out.key("text").value(question.text).end();
    }
    out.end().key("bids").array();
    // Before their declaration an evaluator needs every bid's id and bidder to declare against;
    // afterwards a bid they are recused from is not theirs to see at all.
    const std::string hiddenFrom = context.membership ? context.membership->name : std::string();
    for (const Row& bid : context.db.query("SELECT bid, bidder, file FROM bids WHERE evaluation = ? AND bid NOT IN "
                                           "(SELECT bid FROM recusals WHERE evaluation = ? AND name = ?) ORDER BY bid",
                                           {context.evaluation, context.evaluation, hiddenFrom})) {
        out.object().key("bid").value(bid[0]).key("bidder").value(bid[1]);
        if (!context.membership) {
            out.key("file").value(bid[2]);
        }
        out.end();
    }
    out.end().key("panel").array();
    for (const PanelMember& member : panelOf(context.db, context.evaluation)) {
        out.object();
        memberFields(out, member);
        out.key("declared").value(member.declared);
        out.key("submitted").value(member.submitted).key("marksDue").value(owed(context, member, questions));
        out.key("marksGiven").value(given(context, member)).end();
    }
    out.end();
    if (!context.membership) {
        out.key("rejected").array();
        for (const Row& row : context.db.query("SELECT file, reason FROM rejections WHERE evaluation = ? ORDER BY file",
                                               {context.evaluation})) {
            out.object().key("file").value(row[0]).key("reason").value(row[1]).end();
        }
        out.end().key("runs").value(
            count(context, "SELECT COUNT(*) FROM runs WHERE evaluation = ?", {context.evaluation}));
    }
    return jsonReply(out.end().str());
}

Reply putDeclaration(Context& context) {
    if (context.membership->declared) {
        throw conflict("already-submitted", "your declaration is made; it is made once");
    }
    std::set<std::string> bids;
    JsonOut data;
    data.object().key("conflicts").array();
    for (const Poco::JSON::Object::Ptr& item : objects(context.body({"conflicts"}), "conflicts", {"bid", "reason"})) {
        const std::string bid = text(item, "bid");
        if (!context.db.one("SELECT bid FROM bids WHERE evaluation = ? AND bid = ?", {context.evaluation, bid})) {
            throw invalid("there is no bid " + bid + " to declare a conflict with");
        }
        if (!bids.insert(bid).second) {
            throw invalid("a conflict with " + bid + " is declared twice");
        }
        data.object().key("bid").value(bid).key("reason").value(prose(item, "reason")).end();
    }
    data.end().end();
    context.record("declaration", data.str());
    return jsonReply(JsonOut().object().key("recused").value(static_cast<std::int64_t>(bids.size())).end().str());
}

Reply getWorklist(Context& context) {
    requireDeclared(context);
    const PanelMember& member = *context.membership;
    const std::vector<QuestionInfo> questions = questionsOf(context.db, context.evaluation);
    const std::vector<std::string> assigned = assignedTo(member, questions);
    const Rows bids = context.db.query(
        "SELECT bid, bidder FROM bids WHERE evaluation = ? AND bid NOT IN (SELECT bid FROM recusals WHERE evaluation = "
        "? AND name = ?) ORDER BY bid",
        {context.evaluation, context.evaluation, member.name});
    std::map<std::pair<std::string, std::string>, std::string> responses;
    for (const Row& row :
         context.db.query("SELECT bid, question, text FROM responses WHERE evaluation = ?", {context.evaluation})) {
        responses[{row[0], row[1]}] = row[2];
    }
    std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> marks;
    for (const Row& row :
         context.db.query("SELECT bid, question, score, rationale FROM marks WHERE evaluation = ? AND name = ?",
                          {context.evaluation, member.name})) {
        marks[{row[0], row[1]}] = {row[2], row[3]};
    }
    JsonOut out;
    out.array();
    for (const Row& bid : bids) {
        for (const QuestionInfo& question : questions) {
            if (std::find(assigned.begin(), assigned.end(), question.id) == assigned.end()) {
                continue;
            }
            out.object().key("bid").value(bid[0]).key("bidder").value(bid[1]).key("question").value(question.id);
            out.key("text").value(question.text).key("weight").value(question.weight).key("response");
            const auto response = responses.find({bid[0], question.id});
            response == responses.end() ? out.null() : out.value(response->second);
            out.key("mark");
            const auto mark = marks.find({bid[0], question.id});
            if (mark == marks.end()) {
                out.null();
            } else {
                out.object().key("score").value(toInt(mark->second.first));
                out.key("rationale").value(mark->second.second).end();
            }
            out.end();
        }
    }
    return jsonReply(out.end().str());
}

void mayMark(Context& context) {
    const PanelMember& member = *context.membership;
    const std::string& question = context.param("question");
    const std::vector<QuestionInfo> questions = questionsOf(context.db, context.evaluation);
    const bool known =
        std::any_of(questions.begin(), questions.end(), [&](const QuestionInfo& q) { return q.id == question; });
    const std::vector<std::string> assigned = assignedTo(member, questions);
    if (known && std::find(assigned.begin(), assigned.end(), question) == assigned.end()) {
        throw forbidden("question " + question + " is not assigned to you");
    }
    if (isRecused(context, member.name, context.param("bid"))) {
        throw forbidden("you are recused from this bid");  // named by the caller: not repeated
    }
}

Reply putMark(Context& context) {
    const PanelMember& member = *context.membership;
    const std::string& bid = context.param("bid");
    const std::string& question = context.param("question");
    (void)requireBid(context, bid);
    (void)requireQuestion(context, question);
    requireDeclared(context);
    const std::vector<Value> key{context.evaluation, member.name, bid, question};
    if (member.submitted &&
        !context.db.one("SELECT bid FROM reopened WHERE evaluation = ? AND name = ? AND bid = ? AND question = ?",
                        key)) {
        throw conflict("already-submitted", "your marks are submitted; an admin can reopen one mark");
    }
    const auto body = context.body({"score", "rationale"});
    const std::int64_t score = requireScore(context, body);
    const std::string rationale = prose(body, "rationale");
    const auto previous = context.db.one(
        "SELECT score, rationale FROM marks WHERE evaluation = ? AND name = ? AND bid = ? AND question = ?", key);
    return recordScore(context, "mark", Scored{bid, question, score, rationale}, previous);
}

Reply submitMarks(Context& context) {
    requireDeclared(context);
    const PanelMember& member = *context.membership;
    if (member.submitted) {
        throw conflict("already-submitted", "your marks are already submitted");
    }
    const std::int64_t missing =
        owed(context, member, questionsOf(context.db, context.evaluation)) - given(context, member);
    if (missing > 0) {
        throw conflict("incomplete", std::to_string(missing) + (missing == 1 ? " mark is" : " marks are") + " missing");
    }
    context.record("submit", JsonOut().object().key("marks").value(given(context, member)).end().str());
    return jsonReply(JsonOut().object().key("submitted").value(true).end().str());
}

Reply reopenMark(Context& context) {
    const auto body = context.body({"evaluator", "bid", "question", "reason"});
    const std::string name = text(body, "evaluator");
    const std::string bid = text(body, "bid");
    const std::string question = text(body, "question");
    const std::string reason = prose(body, "reason");
    const auto panel = panelOf(context.db, context.evaluation);
    const auto member =
        std::find_if(panel.begin(), panel.end(), [&](const PanelMember& candidate) { return candidate.name == name; });
    if (member == panel.end() || !member->submitted) {
        throw invalid(name + " is not an evaluator of this panel who has submitted");
    }
    if (!context.db.one("SELECT score FROM marks WHERE evaluation = ? AND name = ? AND bid = ? AND question = ? AND "
                        "bid IN (SELECT bid FROM bids WHERE evaluation = ?)",
                        {context.evaluation, name, bid, question, context.evaluation})) {
        throw invalid(name + " has no mark for " + bid + " " + question);
    }
    if (context.db.one("SELECT bid FROM reopened WHERE evaluation = ? AND name = ? AND bid = ? AND question = ?",
                       {context.evaluation, name, bid, question})) {
        throw invalid("that mark is already reopened");
    }
    JsonOut data;
    data.object().key("evaluator").value(name).key("bid").value(bid).key("question").value(question);
    context.record("reopen", data.key("reason").value(reason).end().str());
    return jsonReply(JsonOut().object().key("reopened").value(true).end().str());
}

Reply openModeration(Context& context) {
    const std::vector<QuestionInfo> questions = questionsOf(context.db, context.evaluation);
    for (const PanelMember& member : panelOf(context.db, context.evaluation)) {
        if (!member.declared || (!member.submitted && !assignedTo(member, questions).empty())) {
            throw conflict("incomplete", member.name + " has not " + (member.declared ? "submitted" : "declared") +
                                             " yet: moderation needs every evaluator submitted");
        }
    }
    context.record("open-moderation", "{}");
    return jsonReply(JsonOut().object().key("phase").value("moderation").end().str());
}

}  // namespace tenderscore::server
