// What changed between two runs of the audit log, for `audit diff`: the documents each run stored,
// read back, and the material changes between them as warnings (the bids, the tender's
// parameters, the panel, marks and consensus scores, each from what to what). Internal to app/audit.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "audit/audit_report.hpp"
#include "evaluation/model.hpp"

namespace tenderscore::audit {

struct StoredBid {
    std::string file;
    std::string sha256;
    std::optional<Bid> bid;
};

struct RunDocuments {
    std::string tenderFile;
    std::string tenderSha256;
    std::optional<Tender> tender;
    std::map<std::string, StoredBid> bids;  // by bid id, or "file NAME" for a bid that cannot be read
    std::vector<std::string> bidOrder;      // the keys in reading order
    std::string scoresFile;
    std::string scoresSha256;
    std::optional<Scores> scores;
};

/// The tender and scores of a run, and its bids when `withBids` (a log of large packs need not
/// read every bid of every run to list them). A document with the same bytes as in `previous` (the
/// run listed before, which usually shares the tender and often the scores) is not read again.
[[nodiscard]] RunDocuments readDocuments(AuditLog& log, const RunRecord& run, const StoredReaders& readers,
                                         bool withBids, const RunDocuments* previous = nullptr);

/// A material change: a headline, and the details under it.
struct Warning {
    std::string headline;
    std::vector<std::string> details;
};

/// The bids added, removed or changed between the runs `from` (before) and `to` (after). Bids are
/// matched by their id, not their file name: a bid renamed is the same bid.
void bidWarnings(const RunDocuments& before, const RunDocuments& after, std::int64_t from, std::int64_t to,
                 std::vector<Warning>& warnings);
/// The tender's changes, field by field, the method's parameters first.
void tenderWarning(const RunDocuments& before, const RunDocuments& after, std::vector<Warning>& warnings);
/// The panel's changes, then each mark and consensus score changed, added or removed.
void scoresWarnings(const RunDocuments& before, const RunDocuments& after, std::vector<Warning>& warnings);

}  // namespace tenderscore::audit
