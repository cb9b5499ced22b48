// Each evaluation's log: entries numbered 1, 2, 3 ... and hash-chained as `evaluate --audit`
// chains its runs, with RFC 6962's leaf and node hashing (audit/merkle.hpp):
//   hash(n) = node(hash(n - 1), leaf(content(n))),  hash(0) = SHA-256 of nothing,
// where content(n) is every field of the entry, the evaluation's id included, length-prefixed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/store.hpp"

namespace tenderscore::server {

struct Event {
    std::int64_t seq = 0;
    std::string at;     // ISO 8601, UTC, ending in Z
    std::string actor;  // the user name
    std::string type;   // the call's name: tender, bid, rejection, panel, mark ...
    std::string data;   // a JSON object: what changed, with the old value where one was replaced
    std::string hash;   // hex
};

/// The canonical bytes an entry's leaf hash covers.
[[nodiscard]] std::string eventContent(const std::string& evaluation, const Event& event);
/// The entry's hash given the previous one (hex in, hex out).
[[nodiscard]] std::string chainHash(const std::string& previousHex, const std::string& evaluation, const Event& event);
/// SHA-256 of nothing: the head of an empty log (hex).
[[nodiscard]] std::string emptyHead();

struct LogHead {
    std::int64_t size = 0;
    std::string head;
};

/// Starts the log of a new evaluation (no entry yet). False when the id is taken.
bool createLog(Db& db, const std::string& evaluation);
/// Appends an entry, numbered and chained here, in the caller's transaction. The caller holds the
/// evaluation's row locked (a writing request does, from its start).
Event appendEvent(Db& db, const std::string& evaluation, Event event, const std::optional<LogHead>& known = {});
/// The entries 1..upTo (all when absent), oldest first.
[[nodiscard]] std::vector<Event> readEvents(Db& db, const std::string& evaluation,
                                            std::optional<std::int64_t> upTo = std::nullopt);

[[nodiscard]] std::optional<LogHead> logHead(Db& db, const std::string& evaluation, bool lock = false);

/// The first thing wrong with the chain ("" when intact): numbering, every hash over its entry,
/// and the head recorded for the evaluation.
[[nodiscard]] std::string checkChain(Db& db, const std::string& evaluation);

/// Now, as the log writes times: 2024-01-31T12:00:00Z.
[[nodiscard]] std::string utcNow();

}  // namespace tenderscore::server
