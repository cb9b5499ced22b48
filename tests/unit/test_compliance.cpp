#include <gtest/gtest.h>

#include "builders.hpp"
#include "evaluation/compliance.hpp"

namespace tenderscore {
namespace {

using namespace testing;
using Strings = std::vector<std::string>;

TEST(Compliance, LateBidIsExcludedFromEveryLot) {
    Tender t = tender();
    const Bid b = bid("B1", {lotBid("L1", {setting("S1", 2, "5000")})}, "2023-10-02T12:00:01Z");
    const auto result = assessCompliance(t, b);
    EXPECT_EQ(spelled(result[0].reasons), Strings{"LATE"});
}

TEST(Compliance, BidAtTheDeadlineIsNotLate) {
    const Bid b = bid("B1", {lotBid("L1", {setting("S1", 2, "5000")})}, "2023-10-02T13:00:00+01:00");
    EXPECT_TRUE(assessCompliance(tender(), b)[0].reasons.empty());
}

TEST(Compliance, EachUnmetRequirementIsAReasonInTenderOrder) {
    Tender t = tender();
    t.requirements = {{"OFSTED-REG", "", {}}, {"INSURANCE", "", {}}, {"DBS", "", {}}};
    Bid b = bid("B1", {lotBid("L1", {setting("S1", 2, "5000")})}, "2023-10-03T09:00:00Z");
    b.declarations = {{"DBS", false, {}}, {"OFSTED-REG", true, {}}};
    EXPECT_EQ(spelled(assessCompliance(t, b)[0].reasons),
              (Strings{"LATE", "REQUIREMENT_NOT_MET:INSURANCE", "REQUIREMENT_NOT_MET:DBS"}));
}

TEST(Compliance, IneligibleSettingsAreNotesInSettingThenRuleOrder) {
    Tender t = tender();
    t.lots[0].minOfstedRating = Rating::Good;
    t.lots[0].maxWeeklyPrice = pounds("5963");
    const Bid b = bid("B1", {lotBid("L1", {setting("S2", 5, "6000", Rating::RequiresImprovement, 4),
                                           setting("S1", 3, "5963.00", Rating::Outstanding),
                                           setting("S3", 2, "5963.01", Rating::NotYetInspected)})});
    const auto result = assessCompliance(t, b)[0];
    EXPECT_EQ(spelled(result.notes),
              (Strings{"OFSTED_BELOW_MIN:S2", "PLACES_EXCEED_REGISTERED:S2", "OVER_PRICE_CEILING:S2",
                       "OFSTED_BELOW_MIN:S3", "OVER_PRICE_CEILING:S3"}));
    EXPECT_TRUE(result.reasons.empty());
    ASSERT_EQ(result.eligible.size(), 1U);
    EXPECT_EQ(result.eligible[0].setting, 1U);
}

TEST(Compliance, NoEligibleSettingFollowsWholeBidReasons) {
    Tender t = tender();
    t.requirements = {{"INSURANCE", "", {}}};
    t.lots[0].maxWeeklyPrice = pounds("5000");
    const Bid b = bid("B1", {lotBid("L1", {setting("S1", 2, "5001")})});
    EXPECT_EQ(spelled(assessCompliance(t, b)[0].reasons),
              (Strings{"REQUIREMENT_NOT_MET:INSURANCE", "NO_ELIGIBLE_SETTING"}));
}

TEST(Compliance, BookablePlacesAreCappedPerSetting) {
    Tender t = tender();
    t.lots[0].maxPlacesPerSetting = 5;
    const Bid b = bid("B1", {lotBid("L1", {setting("S1", 6, "5000"), setting("S2", 4, "5000")})});
    const auto result = assessCompliance(t, b)[0];
    EXPECT_EQ(result.eligible[0].bookable, 5);
    EXPECT_EQ(result.eligible[1].bookable, 4);
}

TEST(Compliance, ABidReachesQualityWhenOneLotBidIsNotExcluded) {
    Tender t = tender();
    Lot second = t.lots[0];
    second.id = "L2";
    second.maxWeeklyPrice = pounds("4000");
    t.lots.push_back(second);
    const Bid b = bid("B1", {lotBid("L1", {setting("S1", 2, "5000")}), lotBid("L2", {setting("S1", 2, "5000")})});
    const auto result = assessCompliance(t, b);
    EXPECT_TRUE(result[0].reasons.empty());
    EXPECT_EQ(spelled(result[1].reasons), Strings{"NO_ELIGIBLE_SETTING"});
    EXPECT_TRUE(reachesQuality(result));
}

}  // namespace
}  // namespace tenderscore
