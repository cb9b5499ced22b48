#include "evaluation/explain.hpp"

namespace tenderscore {

std::string explain(std::string_view code) {
    const auto colon = code.find(':');
    const std::string_view kind = code.substr(0, colon);
    const std::string subject = colon == std::string_view::npos ? "" : std::string(code.substr(colon + 1));
    if (kind == "LATE") {
        return "submitted after the deadline";
    }
    if (kind == "REQUIREMENT_NOT_MET") {
        return "requirement " + subject + " not declared as met";
    }
    if (kind == "NO_ELIGIBLE_SETTING") {
        return "no setting offered in this lot is eligible";
    }
    if (kind == "QUALITY_BELOW_MIN") {
        return "score for question " + subject + " is below the minimum for each question";
    }
    if (kind == "QUALITY_TOTAL_BELOW_MIN") {
        return "quality score is below the minimum quality threshold";
    }
    if (kind == "OFSTED_BELOW_MIN") {
        return "setting " + subject + " is rated below the lot's minimum Ofsted rating";
    }
    if (kind == "PLACES_EXCEED_REGISTERED") {
        return "setting " + subject + " offers more places than it is registered for";
    }
    if (kind == "OVER_PRICE_CEILING") {
        return "setting " + subject + " is priced above the lot's weekly price ceiling";
    }
    if (kind == "ABNORMALLY_LOW") {
        return "price is abnormally low against the mean of compliant bids; seek an explanation before award";
    }
    if (kind == "BELOW_MIN_PLACES") {
        return "fewer places awarded than the lot's minimum";
    }
    if (kind == "PHASE_SHORTFALL") {
        return "fewer places available by month " + subject + " than the phase requires";
    }
    return std::string(code);
}

}  // namespace tenderscore
