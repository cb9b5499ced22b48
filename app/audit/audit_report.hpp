// What the audit commands print: one line per run (`audit log`) and the changes between two runs
// (`audit diff`), written so that a panel chair could read them aloud.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "audit/audit_log.hpp"
#include "evaluation/model.hpp"

namespace tenderscore::audit {

/// "2023-10-12T00:00:00Z" for seconds since 1970.
[[nodiscard]] std::string isoTime(std::int64_t seconds);

/// One line per run: number, time, actor, reason, tender, abbreviated input hashes, first-ranked
/// bid per lot.
[[nodiscard]] std::string logReport(AuditLog& log);

/// How the reports read the documents a run stored. The readers live in app/xml, which the log does
/// not depend on: the command that asks for a report passes them in.
struct StoredReaders {
    /// The scores document read from its stored bytes, or nothing when it cannot be read.
    std::function<std::optional<Scores>(const std::string& bytes)> scores;
};

/// What changed between runs `from` and `to`: inputs, marks and consensus scores, and the
/// resulting scores, ranks, awards and lot figures.
[[nodiscard]] std::string diffReport(AuditLog& log, std::int64_t from, std::int64_t to, const StoredReaders& readers);

}  // namespace tenderscore::audit
