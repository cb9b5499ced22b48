// The reason, note and flag codes of the method (docs/formats.md, "Codes"). results.json spells a
// code as "REQUIREMENT_NOT_MET:R2"; here it is a kind and a detail, spelled in one place (spell) and
// put in words in one other (explain.hpp). Both switch over every kind without a default, so a kind
// added here and not spelled or explained is a compile error (-Wswitch), not a silent fall-through.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace tenderscore {

/// The enumerators keep their default values 0, 1, ...: parseCode walks them in order.
enum class CodeKind : std::uint8_t {
    Late,                    // reason
    RequirementNotMet,       // reason; detail: the requirement
    NoEligibleSetting,       // reason
    QualityBelowMin,         // reason; detail: the question
    QualityTotalBelowMin,    // reason
    OfstedBelowMin,          // note; detail: the setting's URN
    PlacesExceedRegistered,  // note; detail: the setting's URN
    OverPriceCeiling,        // note; detail: the setting's URN
    AbnormallyLow,           // lot bid flag
    BelowMinPlaces,          // lot flag
    PhaseShortfall,          // lot flag; detail: the phase's byMonth
    // Version 2. A framework lot bid's reasons reuse two spellings with another subject; parseCode
    // reads those spellings as the kinds above (the setting's), which come first.
    ProviderOfstedBelowMin,  // reason (framework lot bid), spelled OFSTED_BELOW_MIN without detail
    BandNotPriced,           // reason (framework lot bid); detail: the band
    BandOverPriceCeiling,    // reason (framework lot bid), spelled OVER_PRICE_CEILING; detail: the band
    MarksSpread,             // lot bid flag; detail: the question
    BelowMinProviders,       // lot flag
};

struct Code {
    explicit Code(CodeKind what, std::string about = {}) : kind(what), detail(std::move(about)) {}

    CodeKind kind;
    std::string detail;  // what the code is about, for the kinds that name something; else empty

    [[nodiscard]] bool operator==(const Code& other) const { return kind == other.kind && detail == other.detail; }
    [[nodiscard]] bool operator!=(const Code& other) const { return !(*this == other); }
};

/// Exactly as results.json spells it: "LATE", "REQUIREMENT_NOT_MET:R2".
[[nodiscard]] std::string spell(const Code& code);

/// The code `text` spells, or nothing when it spells none (say, results.json of another version).
[[nodiscard]] std::optional<Code> parseCode(std::string_view text);

}  // namespace tenderscore
