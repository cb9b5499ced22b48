#include <gtest/gtest.h>

#include "builders.hpp"
#include "evaluation/price.hpp"

namespace tenderscore {
namespace {

using namespace testing;

Fraction score(PriceMethod method, long price, long lowest, std::optional<Pence> ceiling = std::nullopt) {
    return priceScore(method, Fraction(70), Fraction(price), Fraction(lowest),
                      ceiling ? std::optional<Fraction>(static_cast<long>(*ceiling)) : std::nullopt);
}

TEST(Price, EvaluatedPriceIsWeightedByBookablePlaces) {
    const LotBid lb = lotBid("L1", {setting("S1", 3, "5450.00"), setting("S2", 6, "5890.00")});
    // (3 x 5450 + 5 x 5890) / 8 = 5725 (the second setting capped at 5 bookable)
    EXPECT_EQ(evaluatedPrice(lb, {{0, 3}, {1, 5}}), Fraction(572500));
    // (4 x 5450 + 5 x 5780) / 9 = 5633.333...
    const LotBid other = lotBid("L1", {setting("S1", 4, "5450.00"), setting("S2", 5, "5780.00")});
    EXPECT_EQ(evaluatedPrice(other, {{0, 4}, {1, 5}}), ratio(5070000, 9));
}

TEST(Price, LowestOverBidGivesTheLowestFullMarks) {
    EXPECT_EQ(score(PriceMethod::LowestOverBid, 10000, 10000), 70);
    EXPECT_EQ(score(PriceMethod::LowestOverBid, 15000, 10000), ratio(140, 3));
    EXPECT_EQ(score(PriceMethod::LowestOverBid, 30000, 10000), ratio(70, 3));
}

TEST(Price, CrownCommercialServiceExampleScoresTwoThirdsOneAndOneThird) {
    const Fraction weight = 1;
    EXPECT_EQ(toString(roundHalfUp(priceScore(PriceMethod::LowestOverBid, weight, 15000, 10000, std::nullopt), 3)),
              "0.667");
    EXPECT_EQ(toString(roundHalfUp(priceScore(PriceMethod::LowestOverBid, weight, 10000, 10000, std::nullopt), 3)),
              "1.000");
    EXPECT_EQ(toString(roundHalfUp(priceScore(PriceMethod::LowestOverBid, weight, 30000, 10000, std::nullopt), 3)),
              "0.333");
}

TEST(Price, LinearFromLowestFallsToZeroAtTwiceTheLowest) {
    EXPECT_EQ(score(PriceMethod::LinearFromLowest, 10000, 10000), 70);
    EXPECT_EQ(score(PriceMethod::LinearFromLowest, 15000, 10000), 35);
    EXPECT_EQ(score(PriceMethod::LinearFromLowest, 19999, 10000), ratio(7, 1000));
    EXPECT_EQ(score(PriceMethod::LinearFromLowest, 20000, 10000), 0);
    EXPECT_EQ(score(PriceMethod::LinearFromLowest, 25000, 10000), 0);
}

TEST(Price, CeilingLinearScalesBetweenLowestAndCeiling) {
    EXPECT_EQ(score(PriceMethod::CeilingLinear, 5000, 5000, 6000), 70);
    EXPECT_EQ(score(PriceMethod::CeilingLinear, 5500, 5000, 6000), 35);
    EXPECT_EQ(score(PriceMethod::CeilingLinear, 6000, 5000, 6000), 0);
}

TEST(Price, CeilingLinearGivesFullMarksWhenTheLowestIsTheCeiling) {
    EXPECT_EQ(score(PriceMethod::CeilingLinear, 6000, 6000, 6000), 70);
    EXPECT_THROW((void)score(PriceMethod::CeilingLinear, 6000, 6000), std::logic_error);
}

std::vector<LotBidResult> rowsFor(const std::vector<Bid>& bids) {
    std::vector<LotBidResult> rows;
    for (std::size_t b = 0; b < bids.size(); ++b) {
        LotBidResult row;
        row.bid = b;
        row.eligible = {{0, bids[b].lotBids[0].settings[0].places}};
        rows.push_back(row);
    }
    return rows;
}

TEST(Price, AbnormallyLowNeedsThreeCompliantBidsAndIsStrictlyBelow) {
    Tender t = tender();
    t.evaluation.abnormallyLowBelowMeanPercent = 25;
    // mean of 3000, 5000, 7000 = 5000; threshold 3750
    std::vector<Bid> bids = {bid("A", {lotBid("L1", {setting("S1", 1, "3000")})}),
                             bid("B", {lotBid("L1", {setting("S2", 1, "5000")})}),
                             bid("C", {lotBid("L1", {setting("S3", 1, "7000")})})};
    auto rows = rowsFor(bids);
    const auto lowest = scoreLotPrices(t.evaluation, t.lots[0], bids, rows);
    EXPECT_EQ(*lowest, 300000);
    EXPECT_EQ(spelled(rows[0].flags), std::vector<std::string>{"ABNORMALLY_LOW"});
    EXPECT_TRUE(rows[1].flags.empty());

    bids[0].lotBids[0].settings[0].weeklyPrice = pounds("3750");  // mean 5250, threshold 3937.50: still low
    rows = rowsFor(bids);
    (void)scoreLotPrices(t.evaluation, t.lots[0], bids, rows);
    EXPECT_EQ(rows[0].flags.size(), 1U);

    bids.pop_back();  // two bids: never flagged
    rows = rowsFor(bids);
    (void)scoreLotPrices(t.evaluation, t.lots[0], bids, rows);
    EXPECT_TRUE(rows[0].flags.empty());
}

TEST(Price, AbnormallyLowAtExactlyTheThresholdIsNotFlagged) {
    Tender t = tender();
    t.evaluation.abnormallyLowBelowMeanPercent = 25;
    // mean of 3600, 5400, 5400 = 4800; threshold 3600: not below
    const std::vector<Bid> bids = {bid("A", {lotBid("L1", {setting("S1", 1, "3600")})}),
                                   bid("B", {lotBid("L1", {setting("S2", 1, "5400")})}),
                                   bid("C", {lotBid("L1", {setting("S3", 1, "5400")})})};
    auto rows = rowsFor(bids);
    (void)scoreLotPrices(t.evaluation, t.lots[0], bids, rows);
    EXPECT_TRUE(rows[0].flags.empty());
}

}  // namespace
}  // namespace tenderscore
