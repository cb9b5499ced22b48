#include <gtest/gtest.h>

#include "builders.hpp"
#include "evaluation/award.hpp"
#include "evaluation/evaluate.hpp"

namespace tenderscore {
namespace {

using namespace testing;

/// Evaluates a pack where every bid has the same quality (consensus 3 on Q1), so rank follows price.
Result run(const Tender& t, const std::vector<Bid>& bids) {
    const Pack pack{t, bids, scoresFor(bids, t, 3)};
    Evaluation evaluation = evaluate(pack);
    if (!evaluation.errors.empty()) {
        ADD_FAILURE() << describe(evaluation.errors.front());
        return {};
    }
    return *evaluation.result;
}

std::vector<std::string> awards(const Result& result, const std::vector<Bid>& bids, std::size_t lot = 0) {
    std::vector<std::string> text;
    for (const Award& a : result.lots[lot].awards) {
        text.push_back(bids[a.bid].id + ":" + bids[a.bid].lotBids[a.lotBid].settings[a.setting].urn + "=" +
                       std::to_string(a.places));
    }
    return text;
}

using Strings = std::vector<std::string>;

/// Six places and three bids in price order: B1 offers 2 + 3 places, B2 4 and B3 4.
std::pair<Tender, std::vector<Bid>> sixPlacesThreeBids() {
    Tender t = tender();
    t.lots[0].maxPlaces = 6;
    const std::vector<Bid> bids = {bid("B1", {lotBid("L1", {setting("S1", 2, "5000"), setting("S2", 3, "5000")})}),
                                   bid("B2", {lotBid("L1", {setting("S3", 4, "5100")})}),
                                   bid("B3", {lotBid("L1", {setting("S4", 4, "5200")})})};
    return {t, bids};
}

TEST(Award, WalksBidsInRankOrderAndSettingsInBidOrderUntilTheLotIsFull) {
    const auto [t, bids] = sixPlacesThreeBids();
    const Result result = run(t, bids);
    EXPECT_EQ(awards(result, bids), (Strings{"B1:S1=2", "B1:S2=3", "B2:S3=1"}));
    EXPECT_EQ(result.lots[0].awardedPlaces, 6);
    EXPECT_EQ(result.lots[0].providers, 2);
    EXPECT_EQ(*result.lots[0].bids[2].awardedPlaces, 0);
    EXPECT_EQ(result.lots[0].walk[2].limit, AwardLimit::LotFull);
}

TEST(Award, EachStepAndEachBidCarryTheirAnnualCost) {
    const auto [t, bids] = sixPlacesThreeBids();
    const LotResult lot = run(t, bids).lots[0];
    // places x weekly price x 52.14 weeks, in pence
    ASSERT_EQ(lot.walk.size(), 3U);
    EXPECT_EQ(lot.walk[0].annualCost, 52140000);  // 2 x £5,000 x 52.14 = £521,400
    EXPECT_EQ(lot.walk[1].annualCost, 78210000);  // 3 x £5,000 x 52.14 = £782,100
    EXPECT_EQ(lot.walk[2].annualCost, 26591400);  // 1 x £5,100 x 52.14 = £265,914 (lot full after 1)
    EXPECT_EQ(lot.walk[2].annualCostSoFar, 156941400);
    // per bid, in rank order, rounded to pence: B1 both homes, B2 one place, B3 nothing
    EXPECT_EQ(*lot.bids[0].annualCost, 130350000);
    EXPECT_EQ(*lot.bids[1].annualCost, 26591400);
    EXPECT_EQ(*lot.bids[2].annualCost, 0);
    EXPECT_EQ(lot.annualCostExact, 156941400);
}

TEST(Award, AStepThatAwardsNothingCostsNothing) {
    Tender t = tender();
    t.lots[0].annualBudget = pounds("100000");  // less than one place-year at £5,000 (£260,700)
    const std::vector<Bid> bids = {bid("B1", {lotBid("L1", {setting("S1", 2, "5000")})})};
    const Result result = run(t, bids);
    EXPECT_EQ(result.lots[0].walk[0].limit, AwardLimit::Budget);
    EXPECT_EQ(result.lots[0].walk[0].annualCost, 0);
    EXPECT_EQ(*result.lots[0].bids[0].annualCost, 0);
}

TEST(Award, SettingCapHoldsAcrossTwoLots) {
    Tender t = tender();
    t.lots[0].maxPlacesPerSetting = 5;
    Lot second = t.lots[0];
    second.id = "L2";
    second.maxPlacesPerSetting = 4;
    t.lots.push_back(second);
    // the same home offered in both lots: 4 places in L1, so only 0 left under L2's cap of 4
    // and 1 left under a cap of 5
    const std::vector<Bid> bids = {
        bid("B1", {lotBid("L1", {setting("S1", 4, "5000")}), lotBid("L2", {setting("S1", 4, "5000")})})};
    Result result = run(t, bids);
    EXPECT_EQ(awards(result, bids, 0), Strings{"B1:S1=4"});
    EXPECT_TRUE(awards(result, bids, 1).empty());
    EXPECT_EQ(result.lots[1].walk[0].limit, AwardLimit::SettingCap);

    t.lots[1].maxPlacesPerSetting = 5;
    result = run(t, bids);
    EXPECT_EQ(awards(result, bids, 1), Strings{"B1:S1=1"});

    t.lots[1].maxPlacesPerSetting.reset();  // no cap in this lot: no limit from earlier lots
    result = run(t, bids);
    EXPECT_EQ(awards(result, bids, 1), Strings{"B1:S1=4"});
}

TEST(Award, BudgetAllowsOnlyPartOfASetting) {
    Tender t = tender();
    // one place-year at £5,000 x 52.14 = £260,700; £700,000 buys two (£521,400) but not three (£782,100)
    t.lots[0].annualBudget = pounds("700000");
    const std::vector<Bid> bids = {bid("B1", {lotBid("L1", {setting("S1", 4, "5000")})}),
                                   bid("B2", {lotBid("L1", {setting("S2", 1, "3400")})})};
    const Result result = run(t, bids);
    // B2 ranks first (cheaper): 1 x 3400 x 52.14 = 177,276; room 522,724 buys 2 of B1's places (521,400)
    EXPECT_EQ(awards(result, bids), (Strings{"B2:S2=1", "B1:S1=2"}));
    EXPECT_EQ(formatPence(result.lots[0].annualCost), "698676.00");
    EXPECT_EQ(result.lots[0].walk[1].limit, AwardLimit::Budget);
}

TEST(Award, BudgetExactlyMetIsAllowed) {
    Tender t = tender();
    t.lots[0].annualBudget = pounds("521400");
    const std::vector<Bid> bids = {bid("B1", {lotBid("L1", {setting("S1", 3, "5000")})})};
    EXPECT_EQ(awards(run(t, bids), bids), Strings{"B1:S1=2"});
}

TEST(Award, ProviderCapSkipsLaterBids) {
    Tender t = tender();
    t.lots[0].maxProviders = 2;
    const std::vector<Bid> bids = {bid("B1", {lotBid("L1", {setting("S1", 2, "5000")})}),
                                   bid("B2", {lotBid("L1", {setting("S2", 2, "5100")})}),
                                   bid("B3", {lotBid("L1", {setting("S3", 2, "5200")})})};
    const Result result = run(t, bids);
    EXPECT_EQ(awards(result, bids), (Strings{"B1:S1=2", "B2:S2=2"}));
    EXPECT_EQ(result.lots[0].providers, 2);
    EXPECT_EQ(result.lots[0].walk.back().limit, AwardLimit::ProviderCap);
    EXPECT_FALSE(result.lots[0].walk.back().setting);
    EXPECT_EQ(result.lots[0].walk.back().annualCost, 0);
    EXPECT_EQ(*result.lots[0].bids[2].annualCost, 0);
}

TEST(Award, ABidThatGetsNoPlacesDoesNotCountAsAProvider) {
    Tender t = tender();
    t.lots[0].maxProviders = 2;
    t.lots[0].maxPlacesPerSetting = 2;
    // B2 offers the same home as B1, already at its cap: B2 gets nothing and B3 still gets places
    const std::vector<Bid> bids = {bid("B1", {lotBid("L1", {setting("S1", 2, "5000")})}),
                                   bid("B2", {lotBid("L1", {setting("S1", 2, "5100")})}),
                                   bid("B3", {lotBid("L1", {setting("S3", 2, "5200")})})};
    EXPECT_EQ(awards(run(t, bids), bids), (Strings{"B1:S1=2", "B3:S3=2"}));
}

TEST(Award, PhasesCountPlacesAvailableByTheirMonth) {
    Tender t = tender();
    t.lots[0].maxPlaces = 15;
    t.lots[0].minPlaces = 15;
    t.lots[0].phases = {{12, 5, {}}, {18, 10, {}}, {24, 15, {}}};
    const std::vector<Bid> bids = {bid("B1", {lotBid("L1", {setting("S1", 4, "4557", Rating::Good, 0, 6),
                                                            setting("S2", 4, "4557", Rating::Good, 0, 12)})}),
                                   bid("B2", {lotBid("L1", {setting("S3", 4, "4557", Rating::Good, 0, 20),
                                                            setting("S4", 2, "4557", Rating::Good, 0, 24)})})};
    const Result result = run(t, bids);
    // by month 12: 8 (met); by 18: 8 < 10 (missed); by 24: 14 < 15 (missed); 14 < minPlaces 15
    EXPECT_EQ(spelled(result.lots[0].flags), (Strings{"BELOW_MIN_PLACES", "PHASE_SHORTFALL:18", "PHASE_SHORTFALL:24"}));
}

TEST(Award, KentFifteenBedsCostTheirPublishedFigure) {
    Tender t = tender();
    t.contract.initialYears = 10;
    t.lots[0].maxPlaces = 15;
    const std::vector<Bid> bids = {bid("B1", {lotBid("L1", {setting("S1", 5, "4557"), setting("S2", 5, "4557")})}),
                                   bid("B2", {lotBid("L1", {setting("S3", 5, "4557")})})};
    const Result result = run(t, bids);
    EXPECT_EQ(formatPence(result.lots[0].annualCost), "3564029.70");
    EXPECT_EQ(formatPence(result.lots[0].contractValue), "35640297.00");
}

TEST(Award, ContractValueCompoundsTheUpliftAndRoundsOnce) {
    Contract contract;
    contract.initialYears = 1;
    contract.extensionYears = 2;
    contract.annualUpliftPercent = 3;
    // £100,000.00 x (1 + 1.03 + 1.0609) = £309,090.00
    EXPECT_EQ(formatPence(contractValue(contract, Fraction(10000000))), "309090.00");
    // £0.01 a year for three years at 3%: 0.03 + 0.0009 = 0.0309 -> 0.03, rounded once
    EXPECT_EQ(formatPence(contractValue(contract, Fraction(1))), "0.03");
    contract.annualUpliftPercent = ratio(25, 10);
    // 1/3 of a penny: (1/3)(1 + 1.025 + 1.050625) = 1.025208...
    EXPECT_EQ(formatPence(contractValue(contract, ratio(1, 3))), "0.01");
}

}  // namespace
}  // namespace tenderscore
