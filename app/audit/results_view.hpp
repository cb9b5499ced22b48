// A run's results.json as the audit reports show it: each lot's bids (status, scores, rank,
// places), awards and figures as text, and a lot's outcome in one line. Internal to app/audit.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace tenderscore::audit {

struct BidView {
    std::string status;
    std::string reasons;
    std::string priceScore = "-";
    std::string qualityScore = "-";
    std::string totalScore = "-";
    std::string rank = "-";
    std::string places = "-";
    std::string admitted = "-";  // framework lots
};

struct LotView {
    bool framework = false;
    std::vector<std::string> order;  // as listed in results.json
    std::map<std::string, BidView> bids;
    std::vector<std::string> awards;
    std::vector<std::string> awardedBids;  // each once, in award order
    std::string awardedPlaces, providers, annualCost, contractValue, flags, flagsInWords;
};

struct ResultsView {
    std::vector<std::string> lots;
    std::map<std::string, LotView> byLot;
};

/// results.json (as the run stored it) read into the views above.
[[nodiscard]] ResultsView parseResults(const std::string& json);
/// The bid ranked first in a lot, or "" when none is ranked.
[[nodiscard]] std::string firstRanked(const LotView& lot);
/// A lot's outcome in one line: who was awarded what, who ranked first, the annual cost.
[[nodiscard]] std::string lotOutcome(const std::string& id, const LotView& lot);

}  // namespace tenderscore::audit
