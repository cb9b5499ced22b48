// What a bidder is told, per lot, as facts read from the core's Result: whether its tender was
// assessed, excluded, successful or not, and why, in sentences; and which tenders were successful.
// Nothing here decides anything: every outcome and every limit is the core's (LotBidResult,
// AwardStep::limit); this only puts them in words.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore::publish {

/// How a lot bid ended, as a summary tells it. Admitted and NotAdmitted are a framework lot's
/// (spec v2), from the core's LotBidResult::admitted.
enum class Outcome {
    NotAssessed,    // excluded before quality was scored (late, a requirement, no eligible home, bands)
    Excluded,       // scored on quality, then excluded by a quality threshold
    ExcludedInLot,  // scored on quality (for another lot), excluded in this lot by a reason of the lot
    Successful,     // awarded places
    Unsuccessful,   // ranked, but awarded no places
    Admitted,       // ranked and admitted to the framework
    NotAdmitted,    // ranked, but not admitted to the framework
};

struct LotAssessment {
    const LotResult* lot = nullptr;
    const LotBidResult* row = nullptr;
    Outcome outcome = Outcome::NotAssessed;
    std::vector<std::string> reasons;             // sentences: why excluded, or why no places or not admitted
    std::vector<const LotBidResult*> successful;  // the lot's successful (admitted) tenders, in rank order
    std::size_t ranked = 0;                       // how many tenders were ranked in the lot
};

struct BidderAssessment {
    std::size_t bid = 0;
    std::vector<LotAssessment> lots;  // the lots the bid entered, in the tender's order
};

/// Every bid of the pack, in the pack's order.
[[nodiscard]] std::vector<BidderAssessment> assess(const Pack& pack, const Result& result);

/// Whether the core gave this lot bid a contract: places in a places lot, admission in a framework lot.
[[nodiscard]] bool isSuccessful(const LotBidResult& row);

/// Whether the lot is a framework lot (spec v2): it admits providers and books no places.
[[nodiscard]] bool isFramework(const Lot& lot);

/// "per week", "per hour": the unit of every price in the lot.
[[nodiscard]] std::string perUnit(const Lot& lot);

/// A home's name as a bidder knows it: "Harbour House (SC402117)", or the URN alone.
[[nodiscard]] std::string homeName(const Setting& setting);

/// Why a step of the award walk gave fewer places than the home offered, in words.
[[nodiscard]] std::string limitText(const AwardStep& step, const Pack& pack, const Lot& lot);

}  // namespace tenderscore::publish
