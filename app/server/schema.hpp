// The store's tables. The log (`evaluations`' heads and `events`) is the record; the derived tables
// are a fold over it (`state.cpp`) that the server reads, and can be dropped and rebuilt from the
// log at any time. Users, sessions and login failures are not part of any evaluation's record.
#pragma once

#include <array>

namespace tenderscore::server {

inline constexpr std::array<const char*, 6> schemaStatements{{
    "CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, display TEXT NOT NULL, role TEXT NOT NULL, "
    "salt TEXT NOT NULL, iterations BIGINT NOT NULL, hash TEXT NOT NULL, created TEXT NOT NULL)",
    // Sessions are kept by the SHA-256 of their id: a copy of the store gives no one a session.
    "CREATE TABLE IF NOT EXISTS sessions (token TEXT PRIMARY KEY, name TEXT NOT NULL, csrf TEXT NOT NULL, "
    "expires BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS login_failures (name TEXT NOT NULL, at BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS lockouts (name TEXT PRIMARY KEY, until BIGINT NOT NULL)",
    // Each evaluation's log: its head (the row a writer locks) and its entries.
    "CREATE TABLE IF NOT EXISTS evaluations (id TEXT PRIMARY KEY, head_seq BIGINT NOT NULL, head_hash TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS events (evaluation TEXT NOT NULL, seq BIGINT NOT NULL, at TEXT NOT NULL, "
    "actor TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (evaluation, seq))",
}};

/// The derived tables, in the order `derivedNames` lists them.
inline constexpr std::array<const char*, 12> derivedTables{{
    "CREATE TABLE IF NOT EXISTS state (evaluation TEXT PRIMARY KEY, tender TEXT NOT NULL, title TEXT NOT NULL, "
    "phase TEXT NOT NULL, scale_max BIGINT NOT NULL, tender_xml TEXT NOT NULL, lots TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS questions (evaluation TEXT NOT NULL, position BIGINT NOT NULL, id TEXT NOT NULL, "
    "weight TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (evaluation, id))",
    "CREATE TABLE IF NOT EXISTS bids (evaluation TEXT NOT NULL, file TEXT NOT NULL, bid TEXT NOT NULL, "
    "bidder TEXT NOT NULL, sha256 TEXT NOT NULL, xml TEXT NOT NULL, PRIMARY KEY (evaluation, file))",
    "CREATE TABLE IF NOT EXISTS responses (evaluation TEXT NOT NULL, bid TEXT NOT NULL, question TEXT NOT NULL, "
    "text TEXT NOT NULL, PRIMARY KEY (evaluation, bid, question))",
    "CREATE TABLE IF NOT EXISTS rejections (evaluation TEXT NOT NULL, file TEXT NOT NULL, reason TEXT NOT NULL, "
    "content TEXT NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (evaluation, file))",
    "CREATE TABLE IF NOT EXISTS panel (evaluation TEXT NOT NULL, position BIGINT NOT NULL, name TEXT NOT NULL, "
    "display TEXT NOT NULL, every_question BIGINT NOT NULL, questions TEXT NOT NULL, moderator BIGINT NOT NULL, "
    "declared BIGINT NOT NULL, submitted BIGINT NOT NULL, PRIMARY KEY (evaluation, name))",
    "CREATE TABLE IF NOT EXISTS recusals (evaluation TEXT NOT NULL, name TEXT NOT NULL, bid TEXT NOT NULL, "
    "reason TEXT NOT NULL, PRIMARY KEY (evaluation, name, bid))",
    "CREATE TABLE IF NOT EXISTS marks (evaluation TEXT NOT NULL, name TEXT NOT NULL, bid TEXT NOT NULL, "
    "question TEXT NOT NULL, score BIGINT NOT NULL, rationale TEXT NOT NULL, PRIMARY KEY (evaluation, name, bid, "
    "question))",
    "CREATE TABLE IF NOT EXISTS reopened (evaluation TEXT NOT NULL, name TEXT NOT NULL, bid TEXT NOT NULL, "
    "question TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (evaluation, name, bid, question))",
    "CREATE TABLE IF NOT EXISTS consensus (evaluation TEXT NOT NULL, bid TEXT NOT NULL, question TEXT NOT NULL, "
    "score BIGINT NOT NULL, rationale TEXT NOT NULL, moderator TEXT NOT NULL, PRIMARY KEY (evaluation, bid, question))",
    "CREATE TABLE IF NOT EXISTS runs (evaluation TEXT NOT NULL, number BIGINT NOT NULL, at TEXT NOT NULL, "
    "scores TEXT NOT NULL, results TEXT NOT NULL, workbook TEXT NOT NULL, PRIMARY KEY (evaluation, number))",
    "CREATE TABLE IF NOT EXISTS approvals (evaluation TEXT NOT NULL, run BIGINT NOT NULL, name TEXT NOT NULL, "
    "statement TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (evaluation, run, name))",
}};

inline constexpr std::array<const char*, 12> derivedNames{{"state", "questions", "bids", "responses", "rejections",
                                                           "panel", "recusals", "marks", "reopened", "consensus",
                                                           "runs", "approvals"}};

}  // namespace tenderscore::server
