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

}  // namespace tenderscore
