// The record: the log as it is, and the scores document as it stood after any entry.
#include "evaluation/values.hpp"
#include "server/handlers.hpp"
#include "server/http_error.hpp"
#include "server/json_io.hpp"
#include "server/state.hpp"

namespace tenderscore::server {

Reply getEvents(Context& context) {
    JsonOut out;
    out.array();
    for (const Event& event : readEvents(context.db, context.evaluation)) {
        out.object().key("seq").value(event.seq).key("at").value(event.at).key("actor").value(event.actor);
        out.key("type").value(event.type).key("data").raw(event.data).key("hash").value(event.hash).end();
    }
    return jsonReply(out.end().str());
}

Reply getScoresAt(Context& context) {
    const LogHead head = *logHead(context.db, context.evaluation);
    std::int64_t at = head.size;
    if (const auto given = context.request.query.find("at"); given != context.request.query.end()) {
        const auto number = parseCount(given->second, static_cast<std::uint64_t>(head.size));
        if (!number || *number == 0) {
            throw invalid("\"at\" must be an entry of the log, 1 to " + std::to_string(head.size));
        }
        at = static_cast<std::int64_t>(*number);
    }
    const std::unique_ptr<Store> scratch =
        foldEvents(context.evaluation, readEvents(context.db, context.evaluation, at));
    Reply reply;
    reply.contentType = "application/xml";
    scratch->transact(Store::Mode::Read, [&](Db& db) { reply.body = scoresXml(db, context.evaluation); });
    return reply;
}

}  // namespace tenderscore::server
