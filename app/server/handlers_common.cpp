#include <algorithm>

#include "server/handlers.hpp"
#include "server/http_error.hpp"
#include "server/json_io.hpp"

namespace tenderscore::server {

BidInfo requireBid(Context& context, const std::string& bid) {
    const auto row =
        context.db.one("SELECT file, bidder FROM bids WHERE evaluation = ? AND bid = ?", {context.evaluation, bid});
    if (!row) {
        throw notFound("there is no bid " + bid + " in this evaluation");
    }
    return BidInfo{row->at(0), row->at(1)};
}

QuestionInfo requireQuestion(Context& context, const std::string& question) {
    for (QuestionInfo& info : questionsOf(context.db, context.evaluation)) {
        if (info.id == question) {
            return info;
        }
    }
    throw notFound("there is no question " + question + " in this tender");
}

bool isRecused(Context& context, const std::string& member, const std::string& bid) {
    return context.db
        .one("SELECT bid FROM recusals WHERE evaluation = ? AND name = ? AND bid = ?",
             {context.evaluation, member, bid})
        .has_value();
}

std::int64_t requireScore(Context& context, const Poco::JSON::Object::Ptr& body) {
    const std::int64_t score = integer(body, "score");
    const std::int64_t scaleMax = context.scaleMax;
    if (score < 0 || score > scaleMax) {
        throw invalid("\"score\" must be a whole number from 0 to " + std::to_string(scaleMax));
    }
    return score;
}

Reply recordScore(Context& context, const char* type, const Scored& scored, const std::optional<Row>& previous) {
    auto given = [&](JsonOut& out) -> JsonOut& {
        out.key("bid").value(scored.bid).key("question").value(scored.question).key("score").value(scored.score);
        return out.key("rationale").value(scored.rationale);
    };
    JsonOut data;
    given(data.object()).key("previous");
    if (previous) {
        data.object().key("score").value(toInt(previous->at(0))).key("rationale").value(previous->at(1));
        if (previous->size() > 2) {
            data.key("moderator").value(previous->at(2));
        }
        data.end();
    } else {
        data.null();
    }
    context.record(type, data.end().str());
    JsonOut out;
    return jsonReply(given(out.object()).end().str(), previous ? 200 : 201);
}

void requireFileName(const std::string& file) {
    constexpr std::size_t longest = 255;
    const bool controls = std::any_of(file.begin(), file.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20U || static_cast<unsigned char>(c) == 0x7FU;
    });
    if (file.empty() || file.size() > longest || controls || file == "." || file == ".." ||
        file.find_first_of("/\\") != std::string::npos) {
        throw invalid("a file name has 1-255 bytes, no folder part and no control character");
    }
}

void memberFields(JsonOut& out, const PanelMember& member) {
    out.key("user").value(member.name).key("name").value(member.display).key("questions");
    if (member.everyQuestion) {
        out.null();
    } else {
        out.array();
        for (const std::string& question : member.questions) {
            out.value(question);
        }
        out.end();
    }
    out.key("moderator").value(member.moderator);
}

}  // namespace tenderscore::server
