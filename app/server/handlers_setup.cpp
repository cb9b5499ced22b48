// Setting an evaluation up: the tender, the bids, rejections at opening, the panel, and opening
// the scoring, which freezes the bids.
#include <algorithm>
#include <set>

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

/// 400 with every problem `validate` would report, when there is one.
void requireSound(const PackDocuments& documents, const ReadLimits& limits) {
    // The size limit a file on disk meets before it is read (the readers do not apply it to bytes
    // already in memory), worded as for a file.
    auto sizeOf = [&](const InputDocument& document) {
        if (document.bytes.size() > limits.maxFileBytes) {
            const std::string message = "the file is " + std::to_string(document.bytes.size()) +
                                        " bytes, over the limit of " + std::to_string(limits.maxFileBytes) + " bytes";
            throw HttpError(400, "file-size", document.name + ": " + message,
                            {Diagnostic{SourceRef{document.name, 0, 0}, "file-size", message}});
        }
    };
    sizeOf(*documents.tender);
    for (const InputDocument& bid : documents.bids.value_or(std::vector<InputDocument>{})) {
        sizeOf(bid);
    }
    const run::Checked checked = run::check(documents, limits);
    if (!checked.problems.empty()) {
        const Diagnostic& first = checked.problems.front();
        throw HttpError(400, first.rule,
                        std::to_string(checked.problems.size()) +
                            (checked.problems.size() == 1 ? " problem" : " problems") +
                            "; the first: " + describe(first),
                        checked.problems);
    }
}

std::string tenderXml(Context& context) {
    return context.db.one("SELECT tender_xml FROM state WHERE evaluation = ?", {context.evaluation})->at(0);
}

}  // namespace

Reply createEvaluation(Context& context) {
    const std::string tender = text(context.body({"tender"}), "tender");
    requireSound(PackDocuments{InputDocument{"tender.xml", tender}, {}, {}, {}}, context.config.limits);
    do {
        context.evaluation = "ev-" + randomHex(8);
    } while (!createLog(context.db, context.evaluation));
    JsonOut data;
    data.object().key("file").value("tender.xml").key("sha256").value(io::sha256Hex(tender));
    data.key("xml").value(tender).end();
    context.record("tender", data.str());
    return jsonReply(JsonOut().object().key("id").value(context.evaluation).end().str(), 201);
}

Reply putBid(Context& context) {
    const std::string& file = context.param("file");
    requireFileName(file);
    if (file.size() < 5 || file.compare(file.size() - 4, 4, ".xml") != 0) {
        throw invalid("a bid file's name ends in .xml");
    }
    if (context.db.one("SELECT file FROM rejections WHERE evaluation = ? AND file = ?", {context.evaluation, file})) {
        throw invalid(file + " was rejected at opening");
    }
    const std::string bidXml = text(context.body({"xml"}), "xml");
    PackDocuments documents{
        InputDocument{"tender.xml", tenderXml(context)}, std::vector<InputDocument>{{file, bidXml}}, {}, {}};
    requireSound(documents, context.config.limits);
    const xml::ReadPack read = xml::readDocuments(std::move(documents), context.config.limits);
    const Bid& bid = read.pack.bids.at(0);
    if (const auto other = context.db.one("SELECT file FROM bids WHERE evaluation = ? AND bid = ? AND file <> ?",
                                          {context.evaluation, bid.id, file})) {
        throw HttpError(
            400, "duplicate-bid", "bid id " + bid.id + " is already used by " + other->at(0),
            {Diagnostic{bid.at, "duplicate-bid", "bid id '" + bid.id + "' is also used by " + other->at(0)}});
    }
    const auto old =
        context.db.one("SELECT sha256 FROM bids WHERE evaluation = ? AND file = ?", {context.evaluation, file});
    JsonOut data;
    data.object().key("file").value(file).key("sha256").value(io::sha256Hex(bidXml)).key("replaces");
    old ? data.value(old->at(0)) : data.null();
    data.key("xml").value(bidXml).end();
    context.record("bid", data.str());
    return jsonReply(JsonOut().object().key("file").value(file).key("bid").value(bid.id).end().str(), old ? 200 : 201);
}

Reply postRejection(Context& context) {
    const auto body = context.body({"file", "reason", "content"});
    const std::string file = text(body, "file");
    requireFileName(file);
    const std::string reason = prose(body, "reason");
    const auto content = optionalText(body, "content");
    if (context.db.one("SELECT file FROM rejections WHERE evaluation = ? AND file = ?", {context.evaluation, file})) {
        throw invalid(file + " is already rejected");
    }
    const auto uploaded =
        context.db.one("SELECT xml FROM bids WHERE evaluation = ? AND file = ?", {context.evaluation, file});
    std::string bytes;
    if (uploaded) {
        if (content) {
            throw invalid(file + " was uploaded: its bytes are kept as uploaded, so send no \"content\"");
        }
        bytes = uploaded->at(0);
    } else {
        if (!content) {
            throw invalid(file + " was not uploaded: send its bytes as base64 in \"content\"");
        }
        const auto decoded = fromBase64(*content);
        if (!decoded) {
            throw invalid("\"content\" is not base64");
        }
        if (decoded->size() > context.config.limits.maxFileBytes) {
            throw HttpError(413, "too-large", "the file is larger than limits.maxFileBytes");
        }
        bytes = *decoded;
    }
    JsonOut data;
    data.object().key("file").value(file).key("reason").value(reason).key("uploaded").value(uploaded.has_value());
    data.key("sha256").value(io::sha256Hex(bytes)).key("content").value(toBase64(bytes)).end();
    context.record("rejection", data.str());
    return jsonReply(JsonOut().object().key("file").value(file).end().str(), 201);
}

Reply putPanel(Context& context) {
    const auto members = objects(context.body({"evaluators"}), "evaluators", {"user", "questions", "moderator"});
    const std::vector<QuestionInfo> questions = questionsOf(context.db, context.evaluation);
    std::set<std::string> seen;
    JsonOut data;
    data.object().key("evaluators").array();
    for (const Poco::JSON::Object::Ptr& member : members) {
        const std::string name = text(member, "user");
        const auto user = findUser(context.db, name);
        if (!user || user->role != Role::Evaluator) {
            throw invalid(name + " is not a user with role evaluator");
        }
        if (!seen.insert(name).second) {
            throw invalid(name + " is on the panel twice");
        }
        data.object().key("user").value(name).key("name").value(user->display).key("questions");
        if (!member->has("questions") || member->isNull("questions")) {
            data.null();
        } else {
            const Poco::JSON::Array::Ptr assigned = list(member, "questions");
            std::set<std::string> distinct;
            data.array();
            for (std::size_t q = 0; q < assigned->size(); ++q) {
                const Poco::Dynamic::Var id = assigned->get(static_cast<unsigned>(q));
                const bool known = id.isString() && std::any_of(questions.begin(), questions.end(), [&](const auto& k) {
                                       return k.id == id.extract<std::string>();
                                   });
                if (!known || !distinct.insert(id.extract<std::string>()).second) {
                    throw invalid("the questions of " + name + " must be distinct question ids of the tender");
                }
                data.value(id.extract<std::string>());
            }
            data.end();
        }
        data.key("moderator").value(member->has("moderator") && flag(member, "moderator")).end();
    }
    data.end();
    // The panel replaced: its names ("previous", as the decision log reads them) and the whole of it,
    // in the shape of "evaluators" ("previousEvaluators").
    const std::vector<PanelMember> replaced = panelOf(context.db, context.evaluation);
    data.key("previous").array();
    for (const PanelMember& member : replaced) {
        data.value(member.name);
    }
    data.end().key("previousEvaluators").array();
    for (const PanelMember& member : replaced) {
        data.object();
        memberFields(data, member);
        data.end();
    }
    data.end().end();
    context.record("panel", data.str());
    return jsonReply(JsonOut().object().key("evaluators").value(static_cast<std::int64_t>(members.size())).end().str());
}

Reply openScoring(Context& context) {
    const std::vector<QuestionInfo> questions = questionsOf(context.db, context.evaluation);
    const std::vector<PanelMember> panel = panelOf(context.db, context.evaluation);
    const bool anyMarker = std::any_of(
        panel.begin(), panel.end(), [&](const PanelMember& member) { return !assignedTo(member, questions).empty(); });
    const Rows bids =
        context.db.query("SELECT file, sha256 FROM bids WHERE evaluation = ? ORDER BY file", {context.evaluation});
    if (!anyMarker || bids.empty()) {
        throw conflict("incomplete", "scoring needs at least one evaluator with a question to mark and one bid");
    }
    JsonOut data;
    data.object().key("bids").object();
    for (const Row& bid : bids) {
        data.key(bid[0]).value(bid[1]);
    }
    data.end().end();
    context.record("open-scoring", data.str());
    return jsonReply(JsonOut().object().key("phase").value("scoring").end().str());
}

}  // namespace tenderscore::server
