#include "evaluation/result.hpp"

namespace tenderscore {

std::string_view awardLimitName(AwardLimit limit) {
    switch (limit) {
    case AwardLimit::None:
        return "";
    case AwardLimit::SettingCap:
        return "setting cap";
    case AwardLimit::LotFull:
        return "lot full";
    case AwardLimit::ProviderCap:
        return "provider cap";
    case AwardLimit::Budget:
        return "budget";
    }
    return "";
}

}  // namespace tenderscore
