#include "evaluation/model.hpp"

namespace tenderscore {

std::string_view awardName(LotAward award) {
    switch (award) {
    case LotAward::Places:
        return "places";
    case LotAward::Framework:
        return "framework";
    }
    return "";
}

std::string_view unitName(PriceUnit unit) {
    switch (unit) {
    case PriceUnit::Week:
        return "week";
    case PriceUnit::Day:
        return "day";
    case PriceUnit::Hour:
        return "hour";
    }
    return "";
}

std::string_view priceMethodName(PriceMethod method) {
    switch (method) {
    case PriceMethod::LowestOverBid:
        return "lowest-over-bid";
    case PriceMethod::LinearFromLowest:
        return "linear-from-lowest";
    case PriceMethod::CeilingLinear:
        return "ceiling-linear";
    }
    return "";
}

std::string_view consensusName(ConsensusRule rule) {
    switch (rule) {
    case ConsensusRule::Moderated:
        return "moderated";
    case ConsensusRule::Mean:
        return "mean";
    case ConsensusRule::Median:
        return "median";
    }
    return "";
}

}  // namespace tenderscore
