#include "evaluation/explain.hpp"

#include <stdexcept>

namespace tenderscore {

std::string explain(const Code& code) {
    const std::string& subject = code.detail;
    switch (code.kind) {
    case CodeKind::Late:
        return "submitted after the deadline";
    case CodeKind::RequirementNotMet:
        return "requirement " + subject + " not declared as met";
    case CodeKind::NoEligibleSetting:
        return "no setting offered in this lot is eligible";
    case CodeKind::QualityBelowMin:
        return "score for question " + subject + " is below the minimum for each question";
    case CodeKind::QualityTotalBelowMin:
        return "quality score is below the minimum quality threshold";
    case CodeKind::OfstedBelowMin:
        return "setting " + subject + " is rated below the lot's minimum Ofsted rating";
    case CodeKind::PlacesExceedRegistered:
        return "setting " + subject + " offers more places than it is registered for";
    case CodeKind::OverPriceCeiling:
        return "setting " + subject + " is priced above the lot's weekly price ceiling";
    case CodeKind::AbnormallyLow:
        return "price is abnormally low against the mean of compliant bids; seek an explanation before award";
    case CodeKind::BelowMinPlaces:
        return "fewer places awarded than the lot's minimum";
    case CodeKind::PhaseShortfall:
        return "fewer places available by month " + subject + " than the phase requires";
    case CodeKind::ProviderOfstedBelowMin:
        return "the provider's Ofsted rating is below the lot's minimum, or not given";
    case CodeKind::BandNotPriced:
        return "band " + subject + " is not priced";
    case CodeKind::BandOverPriceCeiling:
        return "band " + subject + " is priced above its price ceiling";
    case CodeKind::MarksSpread:
        return "the evaluators' marks for question " + subject +
               " spread more than the tender allows; the panel should record how the difference was resolved";
    case CodeKind::BelowMinProviders:
        return "fewer providers admitted than the lot's minimum";
    }
    throw std::logic_error("unknown code kind");
}

}  // namespace tenderscore
