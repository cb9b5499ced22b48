#include "server/event_log.hpp"

#include <ctime>

#include "audit/merkle.hpp"
#include "format/text.hpp"

namespace tenderscore::server {

namespace {

constexpr const char* contentFormat = "tenderscore-panel-entry/1";

void field(std::string& out, const std::string& value) {
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += '\n';
}

}  // namespace

std::string eventContent(const std::string& evaluation, const Event& event) {
    std::string out;
    field(out, contentFormat);
    field(out, evaluation);
    field(out, std::to_string(event.seq));
    field(out, event.at);
    field(out, event.actor);
    field(out, event.type);
    field(out, event.data);
    return out;
}

std::string chainHash(const std::string& previousHex, const std::string& evaluation, const Event& event) {
    return audit::toHex(audit::nodeHash(audit::fromHex(previousHex), audit::leafHash(eventContent(evaluation, event))));
}

std::string emptyHead() {
    return audit::toHex(audit::sha256(""));
}

std::string utcNow() {
    return text::isoTime(std::time(nullptr));
}

bool createLog(Db& db, const std::string& evaluation) {
    if (db.one("SELECT id FROM evaluations WHERE id = ?", {evaluation})) {
        return false;
    }
    db.exec("INSERT INTO evaluations (id, head_seq, head_hash) VALUES (?, 0, ?)", {evaluation, emptyHead()});
    return true;
}

std::optional<LogHead> logHead(Db& db, const std::string& evaluation, bool lock) {
    const auto row =
        db.one("SELECT head_seq, head_hash FROM evaluations WHERE id = ?" + (lock ? db.forUpdate() : ""), {evaluation});
    if (!row) {
        return std::nullopt;
    }
    return LogHead{toInt(row->at(0)), row->at(1)};
}

Event appendEvent(Db& db, const std::string& evaluation, Event event, const std::optional<LogHead>& known) {
    const auto head = known ? known : logHead(db, evaluation, true);
    if (!head) {
        throw StoreError("no log for evaluation " + evaluation);
    }
    event.seq = head->size + 1;
    event.hash = chainHash(head->head, evaluation, event);
    db.exec("INSERT INTO events (evaluation, seq, at, actor, type, data, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
            {evaluation, event.seq, event.at, event.actor, event.type, event.data, event.hash});
    db.exec("UPDATE evaluations SET head_seq = ?, head_hash = ? WHERE id = ?", {event.seq, event.hash, evaluation});
    return event;
}

std::vector<Event> readEvents(Db& db, const std::string& evaluation, std::optional<std::int64_t> upTo) {
    const Rows rows =
        db.query("SELECT seq, at, actor, type, data, hash FROM events WHERE evaluation = ? AND seq <= ? ORDER BY seq",
                 {evaluation, upTo.value_or(INT64_MAX)});
    std::vector<Event> events;
    events.reserve(rows.size());
    for (const Row& row : rows) {
        events.push_back(Event{toInt(row[0]), row[1], row[2], row[3], row[4], row[5]});
    }
    return events;
}

std::string checkChain(Db& db, const std::string& evaluation) {
    const auto head = logHead(db, evaluation);
    if (!head) {
        return "there is no evaluation " + evaluation;
    }
    std::string previous = emptyHead();
    std::int64_t expected = 1;
    for (const Event& event : readEvents(db, evaluation)) {
        if (event.seq != expected) {
            return "entry " + std::to_string(expected) + " is missing (the next is " + std::to_string(event.seq) + ")";
        }
        if (chainHash(previous, evaluation, event) != event.hash) {
            return "entry " + std::to_string(event.seq) + " does not match its hash: it was changed";
        }
        previous = event.hash;
        ++expected;
    }
    if (expected - 1 != head->size || previous != head->head) {
        return "the log ends at entry " + std::to_string(expected - 1) + " but its head names entry " +
               std::to_string(head->size) + ": entries were removed or the head was changed";
    }
    return "";
}

}  // namespace tenderscore::server
