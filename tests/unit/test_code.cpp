#include <gtest/gtest.h>

#include "evaluation/code.hpp"

namespace tenderscore {
namespace {

TEST(Code, SpellsAsResultsJsonDoes) {
    EXPECT_EQ(spell(Code{CodeKind::Late}), "LATE");
    EXPECT_EQ(spell(Code{CodeKind::RequirementNotMet, "R2"}), "REQUIREMENT_NOT_MET:R2");
    EXPECT_EQ(spell(Code{CodeKind::OverPriceCeiling, "SC123456"}), "OVER_PRICE_CEILING:SC123456");
    EXPECT_EQ(spell(Code{CodeKind::PhaseShortfall, "18"}), "PHASE_SHORTFALL:18");
}

TEST(Code, EveryCodeOfTheFormatsPageReadsBackAsItself) {
    // docs/formats.md, "Codes", in its order
    for (const char* text :
         {"LATE", "REQUIREMENT_NOT_MET:R2", "NO_ELIGIBLE_SETTING", "QUALITY_BELOW_MIN:Q1", "QUALITY_TOTAL_BELOW_MIN",
          "OFSTED_BELOW_MIN:SC1", "PLACES_EXCEED_REGISTERED:SC1", "OVER_PRICE_CEILING:SC1", "ABNORMALLY_LOW",
          "BELOW_MIN_PLACES", "PHASE_SHORTFALL:18", "OFSTED_BELOW_MIN", "BAND_NOT_PRICED:AGE-5-10", "MARKS_SPREAD:Q2",
          "BELOW_MIN_PROVIDERS"}) {
        const std::optional<Code> code = parseCode(text);
        ASSERT_TRUE(code) << text;
        EXPECT_EQ(spell(*code), text);
    }
    EXPECT_EQ(parseCode("QUALITY_BELOW_MIN:Q1"), Code(CodeKind::QualityBelowMin, "Q1"));
}

TEST(Code, TheDetailIsEverythingAfterTheFirstColon) {
    EXPECT_EQ(parseCode("REQUIREMENT_NOT_MET:ISO:9001"), Code(CodeKind::RequirementNotMet, "ISO:9001"));
}

TEST(Code, TextThatSpellsNoCodeReadsAsNothing) {
    EXPECT_FALSE(parseCode(""));
    EXPECT_FALSE(parseCode("MARKS_SPREAD"));          // the question is missing
    EXPECT_FALSE(parseCode("late"));                  // spelling is exact
    EXPECT_FALSE(parseCode("LATE:B1"));               // LATE names nothing
    EXPECT_FALSE(parseCode("REQUIREMENT_NOT_MET"));   // the requirement is missing
    EXPECT_FALSE(parseCode("NO_ELIGIBLE_SETTING:"));  // a colon where none belongs
}

}  // namespace
}  // namespace tenderscore
