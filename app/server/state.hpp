// The derived tables as a fold over an evaluation's log: `record` appends an entry and applies it
// in the same transaction, so a change and its entry are committed together or not at all; the
// same `applyEvent` rebuilds the tables from the log alone, and folds a log into a scratch store to
// show an evaluation as it stood after any entry.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/event_log.hpp"
#include "server/store.hpp"

namespace tenderscore::server {

/// Appends the entry (`at` now) and applies it; returns it as stored. `head`: the log's head when
/// the caller has it locked and read already.
Event record(Db& db, const std::string& evaluation, const std::string& actor, const std::string& type, std::string data,
             const std::optional<LogHead>& head = std::nullopt);
/// Applies one entry to the derived tables.
void applyEvent(Db& db, const std::string& evaluation, const Event& event);

/// Deletes the evaluation's derived rows and folds its whole log into them again.
void rebuild(Db& db, const std::string& evaluation);
/// Every derived row of the evaluation as text, in a fixed order: two states are the same when
/// their dumps are.
[[nodiscard]] std::string dumpState(Db& db, const std::string& evaluation);

/// A scratch store (SQLite in memory) holding the evaluation's derived tables as they stood after
/// the given entries.
[[nodiscard]] std::unique_ptr<Store> foldEvents(const std::string& evaluation, const std::vector<Event>& events);

/// Verify's second half: "" when the derived tables are exactly the fold of the log, else the first
/// table whose rows differ.
[[nodiscard]] std::string checkDerived(Db& db, const std::string& evaluation);

/// Base64 (standard alphabet, no line breaks) and back; nothing when the text is not base64.
[[nodiscard]] std::string toBase64(const std::string& bytes);
[[nodiscard]] std::optional<std::string> fromBase64(const std::string& text);

}  // namespace tenderscore::server
