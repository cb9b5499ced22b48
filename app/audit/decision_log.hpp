// The panel server's decision log in words, for an auditor: one line per entry ("2024-03-05T14:02:00Z
// Ada Lovelace (ada) set BID-004 Q2 to 3 (was 2): "..."), under a heading naming the evaluation,
// the number of entries and the head, or the same as JSON for programs. The times, the people, the
// shortened hashes and the quoting are those of the run log's report (report_text.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tenderscore::audit {

/// One entry of the server's log as the store keeps it (the audit folder does not depend on the
/// server: the command copies the entries in).
struct DecisionEntry {
    std::int64_t seq = 0;
    std::string at;     // ISO 8601, UTC: 2024-03-05T14:02:00Z
    std::string actor;  // the user name
    std::string type;   // tender, bid, rejection, panel, open-scoring, declaration, mark, submit, ...
    std::string data;   // a JSON object: what changed, with the old value where one was replaced
    std::string hash;   // hex
};

/// The names shown beside the ids the log holds; an id without a name is shown alone.
struct DecisionNames {
    std::map<std::string, std::string> users;     // user name -> display name ("ada" -> "Ada Lovelace")
    std::map<std::string, std::string> bidders;   // bid id -> bidder's name
    std::map<std::string, std::string> bidFiles;  // bid file name -> bid id
    std::string tender;                           // the tender's reference and title, for the heading
};

/// An evaluation's log as the report shows it.
struct DecisionLog {
    std::string evaluation;
    std::vector<DecisionEntry> entries;  // oldest first
    std::string head;                    // hex: the head recorded for the evaluation
    /// What checking the log found: "" when intact, else the first problem; absent when not checked.
    std::optional<std::string> problem;
};

/// An entry in words, without its number and time.
struct EntryWords {
    std::string headline;              // Ada Lovelace (ada) set BID-004 Q2 to 3 (was 2): "..."
    std::vector<std::string> details;  // further lines: each lot's outcome after a run, files' hashes
};

/// The entry in words. Text people wrote is quoted as written: the caller makes it safe for where it
/// goes (decisionLogReport for a terminal).
[[nodiscard]] EntryWords describeEntry(const DecisionEntry& entry, const DecisionNames& names);

/// The heading (evaluation, entries, head, and the check when made), then one line per entry: its
/// number, time and words. Terminal-safe.
[[nodiscard]] std::string decisionLogReport(const DecisionLog& log, const DecisionNames& names);

/// The same facts as decisionLogReport, every hash in full, as one JSON document for programs.
[[nodiscard]] std::string decisionLogJson(const DecisionLog& log, const DecisionNames& names);

}  // namespace tenderscore::audit
