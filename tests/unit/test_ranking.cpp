#include <gtest/gtest.h>

#include "builders.hpp"
#include "evaluation/ranking.hpp"

namespace tenderscore {
namespace {

using namespace testing;

struct Row {
    std::string id;
    Fraction price;    // exact price score
    Fraction quality;  // exact quality score
    long evaluated;    // evaluated price, pence
    std::string submitted;
    bool excluded = false;
};

std::vector<std::string> ranked(const EvaluationRules& rules, const std::vector<Row>& input,
                                std::vector<LotBidResult>* out = nullptr) {
    std::vector<Bid> bids;
    std::vector<LotBidResult> rows;
    for (const Row& r : input) {
        bids.push_back(bid(r.id, {}, r.submitted));
        LotBidResult row;
        row.bid = bids.size() - 1;
        if (r.excluded) {
            row.reasons = {Code{CodeKind::Late}};
        } else {
            row.exactPriceScore = r.price;
            row.exactQualityScore = r.quality;
            row.evaluatedPrice = Fraction(r.evaluated);
        }
        rows.push_back(row);
    }
    rankLot(rules, bids, rows);
    std::vector<std::string> order;
    for (const LotBidResult& row : rows) {
        order.push_back(bids[row.bid].id + (row.rank ? "#" + std::to_string(*row.rank) : ""));
    }
    if (out != nullptr) {
        *out = rows;
    }
    return order;
}

const char* early = "2023-10-01T09:00:00Z";
const char* late = "2023-10-01T10:00:00Z";

TEST(Ranking, HigherTotalRanksFirst) {
    const EvaluationRules rules = tender().evaluation;
    EXPECT_EQ(ranked(rules, {{"A", 60, 20, 5000, early}, {"B", 70, 21, 4000, early}}),
              (std::vector<std::string>{"B#1", "A#2"}));
}

TEST(Ranking, TotalsAddTheRoundedScores) {
    std::vector<LotBidResult> rows;
    // 68.625 -> 68.63 and 23.995 -> 24.00: total 92.63, not round(92.62)
    (void)ranked(tender().evaluation, {{"A", ratio(68625, 1000), ratio(23995, 1000), 5000, early}}, &rows);
    EXPECT_EQ(toString(*rows[0].priceScore), "68.63");
    EXPECT_EQ(toString(*rows[0].qualityScore), "24.00");
    EXPECT_EQ(toString(*rows[0].totalScore), "92.63");
}

TEST(Ranking, EqualTotalsAreBrokenByRoundedQualityFirst) {
    const EvaluationRules rules = tender().evaluation;
    EXPECT_EQ(ranked(rules, {{"A", 70, 20, 4000, early}, {"B", 65, 25, 5000, late}}),
              (std::vector<std::string>{"B#1", "A#2"}));
}

TEST(Ranking, EqualTotalsAndQualityAreBrokenByLowerExactPrice) {
    const EvaluationRules rules = tender().evaluation;
    // both round to 70.00 + 20.00 but B's exact evaluated price is a penny lower
    EXPECT_EQ(ranked(rules, {{"A", 70, 20, 500001, early}, {"B", ratio(699999, 10000), 20, 500000, late}}),
              (std::vector<std::string>{"B#1", "A#2"}));
}

TEST(Ranking, ThenByEarlierSubmission) {
    const EvaluationRules rules = tender().evaluation;
    EXPECT_EQ(ranked(rules, {{"A", 70, 20, 5000, late}, {"B", 70, 20, 5000, early}}),
              (std::vector<std::string>{"B#1", "A#2"}));
}

TEST(Ranking, ThenByBidIdInByteOrder) {
    const EvaluationRules rules = tender().evaluation;
    EXPECT_EQ(ranked(rules, {{"b", 70, 20, 5000, early}, {"B", 70, 20, 5000, early}, {"A", 70, 20, 5000, early}}),
              (std::vector<std::string>{"A#1", "B#2", "b#3"}));
}

TEST(Ranking, TieBreakKeysApplyInTheTendersOrder) {
    EvaluationRules rules = tender().evaluation;
    rules.tieBreak = {TieBreakKey::Submitted, TieBreakKey::Quality};
    // B submitted earlier wins even though A has the higher quality
    EXPECT_EQ(ranked(rules, {{"A", 65, 25, 5000, late}, {"B", 70, 20, 4000, early}}),
              (std::vector<std::string>{"B#1", "A#2"}));
    rules.tieBreak = {};
    EXPECT_EQ(ranked(rules, {{"B", 65, 25, 5000, late}, {"A", 70, 20, 4000, early}}),
              (std::vector<std::string>{"A#1", "B#2"}));
}

TEST(Ranking, ExcludedBidsFollowByIdWithoutRank) {
    const EvaluationRules rules = tender().evaluation;
    EXPECT_EQ(ranked(rules, {{"Z", 0, 0, 0, early, true}, {"C", 50, 10, 5000, early}, {"D", 0, 0, 0, early, true}}),
              (std::vector<std::string>{"C#1", "D", "Z"}));
}

}  // namespace
}  // namespace tenderscore
