#include <gtest/gtest.h>

#include "builders.hpp"
#include "evaluation/quality.hpp"

namespace tenderscore {
namespace {

using namespace testing;
using Strings = std::vector<std::string>;

EvaluationRules fourQuestions(ConsensusRule rule) {
    EvaluationRules rules;
    rules.priceWeight = 70;
    rules.qualityWeight = 30;
    rules.consensus = rule;
    rules.scaleMax = 5;
    rules.questions = {{"Q1", 10, "", {}}, {"Q2", 8, "", {}}, {"Q3", 7, "", {}}, {"Q4", 5, "", {}}};
    return rules;
}

BidScores scores(std::vector<std::vector<int>> marks, std::vector<std::optional<int>> consensus) {
    return BidScores{std::move(marks), std::move(consensus)};
}

TEST(Quality, ModeratedUsesTheConsensusScores) {
    const auto result =
        assessQuality(fourQuestions(ConsensusRule::Moderated), scores({{1, 5}, {}, {}, {}}, {4, 4, 3, 4}));
    // 10*4/5 + 8*4/5 + 7*3/5 + 5*4/5 = 8 + 6.4 + 4.2 + 4 = 22.6
    EXPECT_EQ(result.score, ratio(113, 5));
    EXPECT_TRUE(result.reasons.empty());
}

TEST(Quality, MeanIsExact) {
    const auto result =
        assessQuality(fourQuestions(ConsensusRule::Mean), scores({{3, 4, 4}, {5}, {2, 3}, {0, 1, 1}}, {5, 5, 5, 5}));
    EXPECT_EQ(result.questions[0].score, ratio(11, 3));
    EXPECT_EQ(result.questions[2].score, ratio(5, 2));
    // 10*(11/3)/5 + 8*5/5 + 7*(5/2)/5 + 5*(2/3)/5 = 22/3 + 8 + 7/2 + 2/3 = 39/2
    EXPECT_EQ(result.score, ratio(39, 2));
}

TEST(Quality, MedianOfAnEvenNumberOfMarksIsTheMeanOfTheMiddleTwo) {
    EXPECT_EQ(*questionScore(ConsensusRule::Median, {5, 2, 4, 3}, std::nullopt), ratio(7, 2));
    EXPECT_EQ(*questionScore(ConsensusRule::Median, {4, 1}, std::nullopt), ratio(5, 2));
    EXPECT_EQ(*questionScore(ConsensusRule::Median, {4, 1, 2}, std::nullopt), Fraction(2));
}

TEST(Quality, MissingInputGivesNoScore) {
    EXPECT_FALSE(questionScore(ConsensusRule::Moderated, {3, 4}, std::nullopt));
    EXPECT_FALSE(questionScore(ConsensusRule::Mean, {}, 4));
    EXPECT_FALSE(questionScore(ConsensusRule::Median, {}, 4));
}

TEST(Quality, EachQuestionBelowTheMinimumIsAReasonInTenderOrder) {
    EvaluationRules rules = fourQuestions(ConsensusRule::Moderated);
    rules.minScoreEach = 2;
    const auto result = assessQuality(rules, scores({{}, {}, {}, {}}, {1, 2, 5, 0}));
    EXPECT_EQ(spelled(result.reasons), (Strings{"QUALITY_BELOW_MIN:Q1", "QUALITY_BELOW_MIN:Q4"}));
}

TEST(Quality, TotalBelowTheMinimumShareIsAReasonAfterTheQuestionReasons) {
    EvaluationRules rules = fourQuestions(ConsensusRule::Moderated);
    rules.minScoreEach = 1;
    rules.minQualityPercent = 50;  // Q must reach 15 of 30
    // 10*0/5 + 8*3/5 + 7*3/5 + 5*3/5 = 12
    const auto below = assessQuality(rules, scores({{}, {}, {}, {}}, {0, 3, 3, 3}));
    EXPECT_EQ(spelled(below.reasons), (Strings{"QUALITY_BELOW_MIN:Q1", "QUALITY_TOTAL_BELOW_MIN"}));
    // exactly at the threshold is not below it: 10*3/5 + 8*3/5 + 7*3/5 + 5*3/5 = 18 >= 15
    rules.minQualityPercent = 60;  // 18 of 30
    EXPECT_TRUE(assessQuality(rules, scores({{}, {}, {}, {}}, {3, 3, 3, 3})).reasons.empty());
}

TEST(Quality, EachThresholdTestIsKeptBesideItsReason) {
    EvaluationRules rules = fourQuestions(ConsensusRule::Moderated);
    rules.minScoreEach = 2;
    rules.minQualityPercent = 50;  // Q must reach 15 of 30
    // 10*1/5 + 8*2/5 + 7*5/5 + 5*0/5 = 2 + 3.2 + 7 + 0 = 12.2, below 15
    const auto result = assessQuality(rules, scores({{}, {}, {}, {}}, {1, 2, 5, 0}));
    EXPECT_EQ(result.score, ratio(61, 5));
    EXPECT_TRUE(result.questions[0].belowMinimum);
    EXPECT_FALSE(result.questions[1].belowMinimum);  // 2 is not below 2
    EXPECT_FALSE(result.questions[2].belowMinimum);
    EXPECT_TRUE(result.questions[3].belowMinimum);
    EXPECT_TRUE(result.belowMinimum);
    rules.minQualityPercent = ratio(122, 3);  // 30 x 122/3 % = 12.2: exactly at the threshold is not below it
    EXPECT_FALSE(assessQuality(rules, scores({{}, {}, {}, {}}, {1, 2, 5, 0})).belowMinimum);
}

TEST(Quality, AHotspotIsASpreadOfMarksOverHalfTheScale) {
    EXPECT_TRUE(isHotspot({1, 4}, 5));   // 3 > 2.5
    EXPECT_FALSE(isHotspot({1, 3}, 5));  // 2
    EXPECT_FALSE(isHotspot({1, 3}, 4));  // 2 is exactly half of 4: not more
    EXPECT_TRUE(isHotspot({4, 0, 2}, 5));
    EXPECT_FALSE(isHotspot({5}, 5));
    EXPECT_FALSE(isHotspot({}, 5));
    // under every consensus rule, moderated too: the marks are what the panel has to reconcile
    const auto result =
        assessQuality(fourQuestions(ConsensusRule::Moderated), scores({{1, 5}, {3}, {}, {2, 4, 3}}, {3, 3, 3, 3}));
    EXPECT_TRUE(result.questions[0].hotspot);
    EXPECT_FALSE(result.questions[1].hotspot);
    EXPECT_FALSE(result.questions[2].hotspot);
    EXPECT_FALSE(result.questions[3].hotspot);
}

TEST(Quality, AWeightedScoreIsWeightTimesScoreOverTheScale) {
    EXPECT_EQ(weightedScore(Question{"Q1", 10, "", {}}, ratio(11, 3), 5), ratio(22, 3));
    EXPECT_EQ(weightedScore(Question{"Q1", ratio(15, 2), "", {}}, 4, 5), 6);
}

TEST(Quality, PositionsFindEachEvaluatorsMarkAndTheConsensusInTheScores) {
    Tender t = tender();
    t.evaluation.questions.push_back(Question{"Q2", 0, "", {}});
    const std::vector<Bid> bids = {bid("B1", {}), bid("B2", {})};
    Scores s;
    s.evaluators = {{"E1", "", {}}, {"E2", "", {}}};
    s.marks = {{"B2", "Q1", "E2", 1, "", {}},   // 0
               {"B1", "Q2", "E1", 2, "", {}},   // 1
               {"B1", "Q1", "E2", 3, "", {}},   // 2
               {"B1", "Q1", "E1", 4, "", {}}};  // 3
    s.consensus = {{"B1", "Q2", 2, "", "", {}}, {"B1", "Q1", 4, "", "", {}}};
    const auto index = indexScores(t, bids, s);
    const ScorePositions& b1 = index[0].positions;
    EXPECT_EQ(b1.mark(0, 0), 3U);
    EXPECT_EQ(b1.mark(0, 1), 2U);
    EXPECT_EQ(b1.mark(1, 0), 1U);
    EXPECT_FALSE(b1.mark(1, 1));
    EXPECT_EQ(b1.consensus, (std::vector<std::optional<std::size_t>>{1U, 0U}));
    const ScorePositions& b2 = index[1].positions;
    EXPECT_EQ(b2.mark(0, 1), 0U);
    EXPECT_FALSE(b2.mark(0, 0));
    EXPECT_FALSE(b2.consensus[0]);
    // assessQuality hands them on with the scores
    t.evaluation.consensus = ConsensusRule::Mean;
    EXPECT_EQ(assessQuality(t.evaluation, index[0]).positions.marks, b1.marks);
}

TEST(Quality, IndexSkipsEntriesForUnknownBidsOrQuestions) {
    Tender t = tender();
    const std::vector<Bid> bids = {bid("B1", {})};
    Scores s;
    s.marks = {{"B1", "Q1", "E1", 3, "", {}}, {"B9", "Q1", "E1", 4, "", {}}, {"B1", "Q9", "E1", 4, "", {}}};
    s.consensus = {{"B1", "Q1", 4, "", "", {}}};
    const auto index = indexScores(t, bids, s);
    EXPECT_EQ(index[0].marks[0], std::vector<int>{3});
    EXPECT_EQ(index[0].consensus[0], 4);
}

}  // namespace
}  // namespace tenderscore
