// What the audit commands print: one line per run (`audit log`) and the changes between two runs
// (`audit diff`), written so that a panel chair could read them aloud.
#pragma once

#include <cstdint>
#include <string>

#include "audit_log.hpp"

namespace tenderscore::audit {

/// "2023-10-12T00:00:00Z" for seconds since 1970.
[[nodiscard]] std::string isoTime(std::int64_t seconds);

/// One line per run: number, time, actor, reason, tender, abbreviated input hashes, first-ranked
/// bid per lot.
[[nodiscard]] std::string logReport(AuditLog& log);

/// What changed between runs `from` and `to`: inputs, marks and consensus scores, and the
/// resulting scores, ranks, awards and lot figures.
[[nodiscard]] std::string diffReport(AuditLog& log, std::int64_t from, std::int64_t to);

}  // namespace tenderscore::audit
