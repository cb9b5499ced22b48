#include <gtest/gtest.h>

#include "evaluation/explain.hpp"

namespace tenderscore {
namespace {

TEST(Explain, ReasonsInWords) {
    EXPECT_EQ(explain(Code{CodeKind::Late}), "submitted after the deadline");
    EXPECT_EQ(explain(Code{CodeKind::RequirementNotMet, "INSURANCE"}), "requirement INSURANCE not declared as met");
    EXPECT_EQ(explain(Code{CodeKind::NoEligibleSetting}), "no setting offered in this lot is eligible");
    EXPECT_EQ(explain(Code{CodeKind::QualityBelowMin, "Q2"}),
              "score for question Q2 is below the minimum for each question");
    EXPECT_EQ(explain(Code{CodeKind::QualityTotalBelowMin}), "quality score is below the minimum quality threshold");
}

TEST(Explain, NotesNameTheSetting) {
    EXPECT_EQ(explain(Code{CodeKind::OfstedBelowMin, "SC1"}),
              "setting SC1 is rated below the lot's minimum Ofsted rating");
    EXPECT_EQ(explain(Code{CodeKind::PlacesExceedRegistered, "SC1"}),
              "setting SC1 offers more places than it is registered for");
    EXPECT_EQ(explain(Code{CodeKind::OverPriceCeiling, "SC123456"}),
              "setting SC123456 is priced above the lot's weekly price ceiling");
}

TEST(Explain, FlagsInWords) {
    EXPECT_EQ(explain(Code{CodeKind::AbnormallyLow}),
              "price is abnormally low against the mean of compliant bids; seek an explanation before award");
    EXPECT_EQ(explain(Code{CodeKind::BelowMinPlaces}), "fewer places awarded than the lot's minimum");
    EXPECT_EQ(explain(Code{CodeKind::PhaseShortfall, "18"}),
              "fewer places available by month 18 than the phase requires");
}

}  // namespace
}  // namespace tenderscore
