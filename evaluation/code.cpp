#include "evaluation/code.hpp"

namespace tenderscore {

namespace {

struct Spelling {
    std::string_view name;
    bool detailed = false;  // followed by ':' and the detail
};

Spelling spelling(CodeKind kind) {
    switch (kind) {
    case CodeKind::Late:
        return {"LATE", false};
    case CodeKind::RequirementNotMet:
        return {"REQUIREMENT_NOT_MET", true};
    case CodeKind::NoEligibleSetting:
        return {"NO_ELIGIBLE_SETTING", false};
    case CodeKind::QualityBelowMin:
        return {"QUALITY_BELOW_MIN", true};
    case CodeKind::QualityTotalBelowMin:
        return {"QUALITY_TOTAL_BELOW_MIN", false};
    case CodeKind::OfstedBelowMin:
        return {"OFSTED_BELOW_MIN", true};
    case CodeKind::PlacesExceedRegistered:
        return {"PLACES_EXCEED_REGISTERED", true};
    case CodeKind::OverPriceCeiling:
        return {"OVER_PRICE_CEILING", true};
    case CodeKind::AbnormallyLow:
        return {"ABNORMALLY_LOW", false};
    case CodeKind::BelowMinPlaces:
        return {"BELOW_MIN_PLACES", false};
    case CodeKind::PhaseShortfall:
        return {"PHASE_SHORTFALL", true};
    case CodeKind::ProviderOfstedBelowMin:
        return {"OFSTED_BELOW_MIN", false};
    case CodeKind::BandNotPriced:
        return {"BAND_NOT_PRICED", true};
    case CodeKind::BandOverPriceCeiling:
        return {"OVER_PRICE_CEILING", true};
    case CodeKind::MarksSpread:
        return {"MARKS_SPREAD", true};
    case CodeKind::BelowMinProviders:
        return {"BELOW_MIN_PROVIDERS", false};
    }
    return {};  // a value past the last kind: where parseCode stops
}

}  // namespace

std::string spell(const Code& code) {
    const Spelling spelled = spelling(code.kind);
    std::string text(spelled.name);
    if (spelled.detailed) {
        text += ':';
        text += code.detail;
    }
    return text;
}

std::optional<Code> parseCode(std::string_view text) {
    const std::size_t colon = text.find(':');
    const std::string_view name = text.substr(0, colon);
    const bool detailed = colon != std::string_view::npos;
    for (unsigned value = 0;; ++value) {
        const auto kind = static_cast<CodeKind>(value);
        const Spelling spelled = spelling(kind);
        if (spelled.name.empty()) {
            return std::nullopt;
        }
        if (spelled.name == name && spelled.detailed == detailed) {
            return Code{kind, detailed ? std::string(text.substr(colon + 1)) : std::string()};
        }
    }
}

}  // namespace tenderscore
