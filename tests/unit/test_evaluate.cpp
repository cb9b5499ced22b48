#include <gtest/gtest.h>

#include "builders.hpp"
#include "evaluation/evaluate.hpp"

namespace tenderscore {
namespace {

using namespace testing;
using Strings = std::vector<std::string>;

const LotBidResult& rowOf(const Result& result, const Pack& pack, std::size_t lot, const std::string& id) {
    for (const LotBidResult& row : result.lots[lot].bids) {
        if (pack.bids[row.bid].id == id) {
            return row;
        }
    }
    throw std::runtime_error("no row for " + id);
}

Tender twoLots() {
    Tender t = tender();
    t.evaluation.questions = {{"Q1", 15, "", {}}, {"Q2", 15, "", {}}};
    t.evaluation.minScoreEach = 2;
    Lot second = t.lots[0];
    second.id = "L2";
    second.maxWeeklyPrice = pounds("5000");
    t.lots.push_back(second);
    return t;
}

TEST(Evaluate, BidCompliantInOneLotAndExcludedInAnotherCarriesQualityReasonsOnBoth) {
    Tender t = twoLots();
    const std::vector<Bid> bids = {
        bid("B1", {lotBid("L1", {setting("S1", 2, "5500")}), lotBid("L2", {setting("S1", 2, "5500")})}),
        bid("B2", {lotBid("L1", {setting("S2", 2, "5600")}), lotBid("L2", {setting("S2", 2, "4900")})})};
    Scores scores = scoresFor(bids, t, 3);
    scores.consensus[0].score = 1;  // B1 Q1 below the minimum of 2
    const Pack pack{t, bids, scores};
    const Evaluation evaluation = evaluate(pack);
    ASSERT_TRUE(evaluation.result) << describe(evaluation.errors.front());
    const Result& result = *evaluation.result;
    EXPECT_EQ(spelled(rowOf(result, pack, 0, "B1").reasons), Strings{"QUALITY_BELOW_MIN:Q1"});
    EXPECT_EQ(spelled(rowOf(result, pack, 1, "B1").reasons), (Strings{"NO_ELIGIBLE_SETTING", "QUALITY_BELOW_MIN:Q1"}));
    EXPECT_EQ(spelled(rowOf(result, pack, 1, "B1").notes), Strings{"OVER_PRICE_CEILING:S1"});
    EXPECT_EQ(*rowOf(result, pack, 0, "B2").rank, 1);
    EXPECT_EQ(*rowOf(result, pack, 1, "B2").rank, 1);
}

TEST(Evaluate, BidExcludedEverywhereByComplianceNeedsNoScoresAndGetsNoQualityReasons) {
    Tender t = twoLots();
    const std::vector<Bid> bids = {bid("B1", {lotBid("L1", {setting("S1", 2, "5500")})}, "2023-10-03T00:00:00Z"),
                                   bid("B2", {lotBid("L1", {setting("S2", 2, "5600")})})};
    Scores scores = scoresFor({bids[1]}, t, 3);
    const Pack pack{t, bids, scores};
    const Evaluation evaluation = evaluate(pack);
    ASSERT_TRUE(evaluation.result);
    EXPECT_EQ(spelled(rowOf(*evaluation.result, pack, 0, "B1").reasons), Strings{"LATE"});
    EXPECT_FALSE(evaluation.result->quality[0]);
}

TEST(Evaluate, MissingConsensusForABidThatReachesQualityIsAnInputError) {
    Tender t = twoLots();
    const std::vector<Bid> bids = {bid("B1", {lotBid("L1", {setting("S1", 2, "5500")})})};
    Scores scores = scoresFor(bids, t, 3);
    scores.at = {"scores.xml", 2, 1};
    scores.consensus.pop_back();
    const Evaluation evaluation = evaluate(Pack{t, bids, scores});
    EXPECT_FALSE(evaluation.result);
    ASSERT_EQ(evaluation.errors.size(), 1U);
    EXPECT_EQ(describe(evaluation.errors[0]),
              "scores.xml:2:1: error [missing-consensus]: bid 'B1' () has no consensus score for question 'Q2', "
              "which it needs because it is not excluded from every lot");
}

TEST(Evaluate, WeightsWithDecimalsGiveExactScores) {
    Tender t = tender();
    t.evaluation.priceWeight = dec("65.5");
    t.evaluation.qualityWeight = dec("34.5");
    t.evaluation.questions = {{"Q1", dec("20.25"), "", {}}, {"Q2", dec("14.25"), "", {}}};
    const std::vector<Bid> bids = {bid("B1", {lotBid("L1", {setting("S1", 1, "3000")})}),
                                   bid("B2", {lotBid("L1", {setting("S2", 1, "7000")})})};
    Scores scores = scoresFor(bids, t, 4);
    const Pack pack{t, bids, scores};
    const Evaluation evaluation = evaluate(pack);
    ASSERT_TRUE(evaluation.result) << describe(evaluation.errors.front());
    const LotBidResult& second = rowOf(*evaluation.result, pack, 0, "B2");
    // 65.5 x 3000 / 7000 = 28.0714...; quality 34.5 x 4/5 = 27.6
    EXPECT_EQ(toString(*second.priceScore), "28.07");
    EXPECT_EQ(toString(*second.qualityScore), "27.60");
    EXPECT_EQ(toString(*second.totalScore), "55.67");
}

TEST(Evaluate, PriceWeightZeroGivesZeroPriceScores) {
    Tender t = tender();
    t.evaluation.priceWeight = 0;
    t.evaluation.qualityWeight = 100;
    t.evaluation.questions = {{"Q1", 100, "", {}}};
    const std::vector<Bid> bids = {bid("B1", {lotBid("L1", {setting("S1", 1, "3000")})})};
    const Pack pack{t, bids, scoresFor(bids, t, 5)};
    const Evaluation evaluation = evaluate(pack);
    ASSERT_TRUE(evaluation.result);
    EXPECT_EQ(toString(*rowOf(*evaluation.result, pack, 0, "B1").priceScore), "0.00");
    EXPECT_EQ(toString(*rowOf(*evaluation.result, pack, 0, "B1").totalScore), "100.00");
}

TEST(Validation, ReportsWeightsThatDoNotAddUp) {
    Tender t = tender();
    t.evaluation.at = {"tender.xml", 5, 3};
    t.evaluation.qualityAt = {"tender.xml", 6, 5};
    t.evaluation.priceWeight = dec("65.5");
    t.evaluation.qualityWeight = dec("34.4");
    const Diagnostics errors = validate(t, nullptr, nullptr);
    ASSERT_EQ(errors.size(), 2U);
    EXPECT_EQ(describe(errors[0]),
              "tender.xml:5:3: error [weights]: priceWeight 65.5 and qualityWeight 34.4 add up to 99.9, not 100");
    EXPECT_EQ(describe(errors[1]),
              "tender.xml:6:5: error [weights]: question weights add up to 30, not qualityWeight 34.4");
}

TEST(Validation, CeilingLinearNeedsACeilingOnEveryLot) {
    Tender t = tender();
    t.evaluation.priceMethod = PriceMethod::CeilingLinear;
    t.lots[0].at = {"tender.xml", 9, 3};
    const Diagnostics errors = validate(t, nullptr, nullptr);
    ASSERT_EQ(errors.size(), 1U);
    EXPECT_EQ(
        describe(errors[0]),
        "tender.xml:9:3: error [ceiling]: lot 'L1' has no maxWeeklyPrice, which priceMethod ceiling-linear needs");
}

TEST(Validation, ReportsEveryCrossDocumentProblem) {
    Tender t = tender();
    t.requirements = {{"INSURANCE", "", {}}};
    std::vector<Bid> bids = {bid("B1", {lotBid("L9", {setting("S1", 1, "3000"), setting("S1", 1, "3000")})}),
                             bid("B1", {lotBid("L1", {setting("S2", 1, "3000")})})};
    bids[0].at = {"bids/a.xml", 2, 1};
    bids[0].lotBids[0].at = {"bids/a.xml", 6, 3};
    bids[0].lotBids[0].settings[1].at = {"bids/a.xml", 8, 5};
    bids[0].declarations = {{"INSURANCE-10M", true, {"bids/a.xml", 4, 3}}};
    bids[1].at = {"bids/b.xml", 2, 1};
    bids[1].tender = "OTHER";
    Scores scores = scoresFor(bids, t, 7);
    scores.at = {"scores.xml", 2, 1};
    scores.consensus[0].at = {"scores.xml", 4, 3};
    scores.consensus[1].at = {"scores.xml", 5, 3};
    scores.marks = {{"B1", "Q1", "E2", 3, "", {"scores.xml", 6, 3}}};
    Strings messages;
    for (const Diagnostic& d : validate(t, &bids, &scores)) {
        messages.push_back(describe(d));
    }
    EXPECT_EQ(
        messages,
        (Strings{
            "bids/a.xml:4:3: error [unknown-requirement]: requirement 'INSURANCE-10M' is not a requirement of the "
            "tender",
            "bids/a.xml:6:3: error [unknown-lot]: lot 'L9' is not a lot of the tender",
            "bids/a.xml:8:5: error [duplicate-setting]: setting 'S1' appears more than once in the bid for lot 'L9'",
            "bids/b.xml:2:1: error [tender-ref]: bid is for tender 'OTHER', not 'T1'",
            "bids/b.xml:2:1: error [duplicate-bid]: bid id 'B1' is also used by bids/a.xml:2",
            "scores.xml:4:3: error [score-range]: score 7 is above scaleMax 5",
            "scores.xml:5:3: error [score-range]: score 7 is above scaleMax 5",
            "scores.xml:5:3: error [duplicate-consensus]: bid 'B1' question 'Q1' already has a consensus score on line "
            "4",
            "scores.xml:6:3: error [unknown-evaluator]: evaluator 'E2' is not declared",
        }));
}

}  // namespace
}  // namespace tenderscore
