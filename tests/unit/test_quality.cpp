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
    EXPECT_EQ(result.questionScores[0], ratio(11, 3));
    EXPECT_EQ(result.questionScores[2], ratio(5, 2));
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
    EXPECT_EQ(result.reasons, (Strings{"QUALITY_BELOW_MIN:Q1", "QUALITY_BELOW_MIN:Q4"}));
}

TEST(Quality, TotalBelowTheMinimumShareIsAReasonAfterTheQuestionReasons) {
    EvaluationRules rules = fourQuestions(ConsensusRule::Moderated);
    rules.minScoreEach = 1;
    rules.minQualityPercent = 50;  // Q must reach 15 of 30
    // 10*0/5 + 8*3/5 + 7*3/5 + 5*3/5 = 12
    const auto below = assessQuality(rules, scores({{}, {}, {}, {}}, {0, 3, 3, 3}));
    EXPECT_EQ(below.reasons, (Strings{"QUALITY_BELOW_MIN:Q1", "QUALITY_TOTAL_BELOW_MIN"}));
    // exactly at the threshold is not below it: 10*3/5 + 8*3/5 + 7*3/5 + 5*3/5 = 18 >= 15
    rules.minQualityPercent = 60;  // 18 of 30
    EXPECT_TRUE(assessQuality(rules, scores({{}, {}, {}, {}}, {3, 3, 3, 3})).reasons.empty());
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
