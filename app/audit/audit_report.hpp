// What the audit commands print, written for an auditor who reads words, not hashes: one paragraph
// per run (`audit log`, or JSON for programs), and the changes between two runs (`audit diff`),
// material changes first, as warnings, then their effect on every lot's ranking and award.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "audit/audit_log.hpp"
#include "evaluation/model.hpp"

namespace tenderscore::audit {

/// How the reports read the documents a run stored. The readers live in app/xml, which the log does
/// not depend on: the command that asks for a report passes them in. Each returns the document as
/// far as it could be read, or nothing when it cannot be read at all (or no reader was given).
struct StoredReaders {
    std::function<std::optional<Tender>(const std::string& bytes)> tender;
    std::function<std::optional<Bid>(const std::string& bytes)> bid;
    std::function<std::optional<Scores>(const std::string& bytes)> scores;
};

/// How a report is shown: on a terminal, warnings are red.
struct ReportStyle {
    bool colour = false;
};

/// For each run: its time, actor and reason, what was evaluated (tender reference and title, number
/// of bids, the evaluators), which inputs changed since the run before, each lot's outcome in one
/// line and the run's entry hash (shortened), which is what a checkpoint pins.
[[nodiscard]] std::string logReport(AuditLog& log, const StoredReaders& readers);

/// The same facts as logReport, every hash in full, as one JSON document for programs.
[[nodiscard]] std::string logJson(AuditLog& log, const StoredReaders& readers);

/// What changed between runs `from` and `to`: first the material changes as warnings (a bid whose
/// content changed, the tender's method parameters, the panel, marks and consensus scores, each
/// from what to what), then the effect on every lot's scores, ranking and award.
[[nodiscard]] std::string diffReport(AuditLog& log, std::int64_t from, std::int64_t to, const StoredReaders& readers,
                                     ReportStyle style = {});

}  // namespace tenderscore::audit
