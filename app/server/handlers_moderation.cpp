// Moderation, runs and sign-off: the marks side by side, the consensus, evaluating the pack built
// from the state through the run pipeline, the stored outputs, and the approvals.
#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <map>

#include "evaluation/quality.hpp"
#include "evaluation/values.hpp"
#include "io/hash.hpp"
#include "run/pipeline.hpp"
#include "server/handlers.hpp"
#include "server/http_error.hpp"
#include "server/json_io.hpp"
#include "server/state.hpp"
#include "xml/pack_reader.hpp"

namespace tenderscore::server {

namespace {

/// The tender's moderationSpread (version 2): a larger spread of a cell's marks is flagged.
std::optional<int> spreadLimitOf(Context& context) {
    const auto row = context.db.one("SELECT tender_xml FROM state WHERE evaluation = ?", {context.evaluation});
    const xml::ReadPack read =
        xml::readDocuments(PackDocuments{InputDocument{"tender.xml", row->at(0)}, {}, {}, {}}, ReadLimits{});
    return read.pack.tender.evaluation.moderationSpread;
}

/// A folder of its own under the system's temporary folder, removed when this goes.
class ScratchFolder {
public:
    ScratchFolder() {
        std::string pattern = (std::filesystem::temp_directory_path() / "tenderscore-run-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("cannot create a temporary folder for the run");
        }
        _path = pattern;
    }
    ~ScratchFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(_path, ignored);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return _path; }

private:
    std::filesystem::path _path;
};

bool recusedFromAny(Context& context) {
    return context.membership && context.db.one("SELECT bid FROM recusals WHERE evaluation = ? AND name = ?",
                                                {context.evaluation, context.membership->name});
}

std::int64_t latestRun(Context& context) {
    return toInt(context.db.one("SELECT COUNT(*) FROM runs WHERE evaluation = ?", {context.evaluation})->at(0));
}

}  // namespace

Reply getModeration(Context& context) {
    const std::string me = context.membership ? context.membership->name : "";
    const std::vector<QuestionInfo> questions = questionsOf(context.db, context.evaluation);
    std::map<std::string, std::size_t> order;
    for (const PanelMember& member : panelOf(context.db, context.evaluation)) {
        order.emplace(member.name, order.size());
    }
    std::map<std::pair<std::string, std::string>, Rows> marks;
    for (Row& row : context.db.query("SELECT bid, question, name, score, rationale FROM marks WHERE evaluation = ?",
                                     {context.evaluation})) {
        marks[{row[0], row[1]}].push_back(std::move(row));
    }
    std::map<std::pair<std::string, std::string>, Row> consensus;
    for (Row& row :
         context.db.query("SELECT bid, question, score, rationale, moderator FROM consensus WHERE evaluation = ?",
                          {context.evaluation})) {
        consensus[{row[0], row[1]}] = std::move(row);
    }
    std::map<std::string, Rows> recusals;
    for (Row& row :
         context.db.query("SELECT bid, name, reason FROM recusals WHERE evaluation = ?", {context.evaluation})) {
        recusals[row[0]].push_back(std::move(row));
    }
    const std::optional<int> spreadLimit = spreadLimitOf(context);
    JsonOut out;
    out.object().key("spreadLimit");
    if (spreadLimit) {
        out.value(std::int64_t{*spreadLimit});
    } else {
        out.null();
    }
    out.key("items").array();
    for (const Row& bid :
         context.db.query("SELECT bid, bidder FROM bids WHERE evaluation = ? ORDER BY bid", {context.evaluation})) {
        if (!me.empty() && isRecused(context, me, bid[0])) {
            continue;  // a recused moderator never sees that bid
        }
        for (const QuestionInfo& question : questions) {
            Rows& given = marks[{bid[0], question.id}];
            std::sort(given.begin(), given.end(),
                      [&](const Row& a, const Row& b) { return order[a[2]] < order[b[2]]; });
            out.object().key("bid").value(bid[0]).key("bidder").value(bid[1]).key("question").value(question.id);
            out.key("marks").array();
            std::vector<int> scores;
            for (const Row& mark : given) {
                const std::int64_t score = toInt(mark[3]);
                scores.push_back(static_cast<int>(score));  // 0..scaleMax, checked when it was given
                out.object().key("evaluator").value(mark[2]).key("score").value(score);
                out.key("rationale").value(mark[4]).end();
            }
            out.end().key("recused").array();
            for (const Row& recusal : recusals[bid[0]]) {
                out.object().key("evaluator").value(recusal[1]).key("reason").value(recusal[2]).end();
            }
            const int spread = spreadOf(scores);  // the method's rule (2.3), not a copy of it
            out.end().key("spread").value(std::int64_t{spread}).key("exceedsSpread");
            out.value(overSpreadLimit(spread, spreadLimit)).key("consensus");
            const auto agreed = consensus.find({bid[0], question.id});
            if (agreed == consensus.end()) {
                out.null();
            } else {
                out.object().key("score").value(toInt(agreed->second[2])).key("rationale").value(agreed->second[3]);
                out.key("moderator").value(agreed->second[4]).end();
            }
            out.end();
        }
    }
    return jsonReply(out.end().end().str());
}

void mayModerate(Context& context) {
    if (isRecused(context, context.membership->name, context.param("bid"))) {
        throw forbidden("you are recused from this bid");  // named by the caller: not repeated
    }
}

Reply putConsensus(Context& context) {
    const std::string& bid = context.param("bid");
    const std::string& question = context.param("question");
    (void)requireBid(context, bid);
    (void)requireQuestion(context, question);
    const auto body = context.body({"score", "rationale"});
    const std::int64_t score = requireScore(context, body);
    const std::string rationale = prose(body, "rationale");
    const auto previous = context.db.one(
        "SELECT score, rationale, moderator FROM consensus WHERE evaluation = ? AND bid = ? AND question = ?",
        {context.evaluation, bid, question});
    return recordScore(context, "consensus", Scored{bid, question, score, rationale}, previous);
}

Reply postRun(Context& context) {
    const std::int64_t number = latestRun(context) + 1;
    PackDocuments documents = packDocuments(context.db, context.evaluation);
    const std::string scores = documents.scores->bytes;
    ScratchFolder folder;
    run::RunOptions options;
    options.source = std::move(documents);
    options.limits = context.config.limits;
    options.out = folder.path() / "out";
    options.runTime = static_cast<std::time_t>(epochSeconds());
    const run::RunOutcome outcome = run::evaluateRun(std::move(options));
    if (!outcome.problems.empty()) {
        const Diagnostic& first = outcome.problems.front();
        throw HttpError(400, first.rule,
                        "the pack built from this evaluation has " + std::to_string(outcome.problems.size()) +
                            (outcome.problems.size() == 1 ? " problem" : " problems") +
                            "; the first: " + describe(first),
                        outcome.problems);
    }
    const std::string workbook = io::readWhole((outcome.folder / run::workbookFile).string());
    JsonOut data;
    data.object().key("run").value(number).key("scoresSha256").value(io::sha256Hex(scores));
    data.key("resultsSha256").value(outcome.resultsSha256).key("workbookSha256").value(io::sha256Hex(workbook));
    data.key("scores").value(scores).key("results").value(outcome.results).key("workbook").value(toBase64(workbook));
    context.record("run", data.end().str());
    return jsonReply(JsonOut().object().key("run").value(number).end().str(), 201);
}

Reply getRunFile(Context& context) {
    if (recusedFromAny(context)) {
        throw forbidden("the outputs show every bid, and you are recused from one");
    }
    const auto number = parseCount(context.param("n"), 1'000'000'000);
    const std::string& file = context.param("file");
    const char* column = file == "results.json"      ? "results"
                         : file == "scores.xml"      ? "scores"
                         : file == "evaluation.xlsx" ? "workbook"
                                                     : nullptr;
    if (!number || column == nullptr) {
        throw notFound("a run's files are results.json, evaluation.xlsx and scores.xml");
    }
    const auto row = context.db.one(std::string("SELECT ") + column + " FROM runs WHERE evaluation = ? AND number = ?",
                                    {context.evaluation, static_cast<std::int64_t>(*number)});
    if (!row) {
        throw notFound("there is no run " + context.param("n"));
    }
    Reply reply;
    if (file == "evaluation.xlsx") {
        reply.contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        reply.body = fromBase64(row->at(0)).value_or("");
    } else {
        reply.contentType = file == "scores.xml" ? "application/xml" : "application/json";
        reply.body = row->at(0);
    }
    return reply;
}

Reply postApproval(Context& context) {
    const auto body = context.body({"run", "statement"});
    const std::int64_t number = integer(body, "run");
    const std::string statement = prose(body, "statement");
    const std::int64_t latest = latestRun(context);
    if (number != latest || latest == 0) {
        throw invalid(latest == 0 ? std::string("there is no run to approve")
                                  : "only the latest run, " + std::to_string(latest) + ", can be approved");
    }
    if (context.db.one("SELECT run FROM approvals WHERE evaluation = ? AND run = ? AND name = ?",
                       {context.evaluation, number, context.user.name})) {
        throw invalid("you have already approved run " + std::to_string(number));
    }
    const std::int64_t approvals =
        toInt(context.db
                  .one("SELECT COUNT(*) FROM approvals WHERE evaluation = ? AND run = ?", {context.evaluation, number})
                  ->at(0)) +
        1;
    const bool signsOff = approvals >= context.config.approvalsRequired;
    JsonOut data;
    data.object().key("run").value(number).key("statement").value(statement).key("signsOff").value(signsOff);
    context.record("approval", data.end().str());
    JsonOut out;
    out.object().key("run").value(number).key("approvals").value(approvals);
    return jsonReply(out.key("phase").value(signsOff ? "signed-off" : "moderation").end().str(), 201);
}

}  // namespace tenderscore::server
