// Method version 2 (spec tender-evaluation-v2.md): framework lots, the panel's record, spreads.
// Every figure below is worked by hand in the comment beside it.
#include <gtest/gtest.h>

#include <filesystem>

#include "builders.hpp"
#include "evaluation/evaluate.hpp"
#include "evaluation/price.hpp"
#include "xml/pack_reader.hpp"

namespace tenderscore {
namespace {

using namespace testing;
using Strings = std::vector<std::string>;

Band band(const std::string& id, const std::string& volume, std::optional<std::string> maxPrice = std::nullopt) {
    Band b;
    b.id = id;
    b.volume = dec(volume);
    if (maxPrice) {
        b.maxPrice = pounds(*maxPrice);
    }
    return b;
}

/// The example lot of section 1.1: four age bands weighted by their expected weeks a year.
Lot fosteringLot() {
    Lot lot;
    lot.id = "F1";
    lot.award = LotAward::Framework;
    lot.bands = {band("AGE-0-4", "900", "950.00"), band("AGE-5-10", "2600", "1000.00"),
                 band("AGE-11-15", "4100", "1100.00"), band("AGE-16-18", "1500", "1200.00")};
    return lot;
}

LotBid prices(const std::string& lot, const std::vector<std::pair<std::string, std::string>>& amounts,
              std::optional<Rating> rating = Rating::Good) {
    LotBid lb;
    lb.lot = lot;
    lb.ofstedRating = rating;
    for (const auto& [bandId, amount] : amounts) {
        lb.prices.push_back(BandPrice{bandId, pounds(amount), {}});
    }
    return lb;
}

LotBid fullPrices(const std::string& a, const std::string& b, const std::string& c, const std::string& d,
                  std::optional<Rating> rating = Rating::Good) {
    return prices("F1", {{"AGE-0-4", a}, {"AGE-5-10", b}, {"AGE-11-15", c}, {"AGE-16-18", d}}, rating);
}

Tender frameworkTender() {
    Tender t = tender();
    t.lots = {fosteringLot()};
    return t;
}

const LotBidResult& rowOf(const Result& result, const Pack& pack, const std::string& id) {
    for (const LotBidResult& row : result.lots[0].bids) {
        if (pack.bids[row.bid].id == id) {
            return row;
        }
    }
    throw std::runtime_error("no row for " + id);
}

std::vector<std::string> described(const Diagnostics& errors) {
    std::vector<std::string> text;
    for (const Diagnostic& error : errors) {
        text.push_back(describe(error));
    }
    return text;
}

TEST(MethodV2, FrameworkEvaluatedPriceIsWeightedByBandVolume) {
    // P = (900 x 880.00 + 2600 x 905.50 + 4100 x 1000.00 + 1500 x 1050.00) / (900 + 2600 + 4100 + 1500)
    //   = (792,000 + 2,354,300 + 4,100,000 + 1,575,000) / 9,100 = 8,821,300 / 9,100 pounds
    //   = 882,130,000 / 9,100 pence = 8,821,300 / 91 pence = 96,937.36... pence, shown as 969.37.
    const Fraction p = evaluatedPrice(fosteringLot(), fullPrices("880.00", "905.50", "1000.00", "1050.00"));
    EXPECT_EQ(p, ratio(8821300, 91));
    EXPECT_EQ(formatPence(roundToPence(p)), "969.37");
}

TEST(MethodV2, FrameworkCeilingIsTheVolumeWeightedMaxPrice) {
    // C = (900 x 950 + 2600 x 1000 + 4100 x 1100 + 1500 x 1200) / 9100 pounds
    //   = (855,000 + 2,600,000 + 4,510,000 + 1,800,000) / 9100 = 9,765,000 / 9100 = 1,073.0769... pounds
    //   = 976,500,000 / 9100 pence = 9,765,000 / 91 pence.
    EXPECT_EQ(*priceCeiling(fosteringLot()), ratio(9765000, 91));
    Lot open = fosteringLot();
    open.bands[3].maxPrice.reset();
    EXPECT_FALSE(priceCeiling(open));  // ceiling-linear refuses such a lot (validation)
}

TEST(MethodV2, FrameworkLotBidReasonsFollowTheRatingThenBandsInLotOrder) {
    Tender t = frameworkTender();
    t.lots[0].minOfstedRating = Rating::Good;
    const std::vector<Bid> bids = {
        // Rating below the minimum; 0-4 and 16-18 not priced; 11-15 above its 1,100.00 ceiling.
        bid("B1", {prices("F1", {{"AGE-11-15", "1100.01"}, {"AGE-5-10", "900.00"}}, Rating::RequiresImprovement)}),
        // No rating given at all: below every minimum.
        bid("B2", {fullPrices("900", "900", "900", "900", std::nullopt)}),
        bid("B3", {fullPrices("900", "900", "900", "900")})};
    const Pack pack{t, bids, scoresFor(bids, t, 3)};
    const Evaluation evaluation = evaluate(pack);
    ASSERT_TRUE(evaluation.result) << describe(evaluation.errors.front());
    EXPECT_EQ(spelled(rowOf(*evaluation.result, pack, "B1").reasons),
              (Strings{"OFSTED_BELOW_MIN", "BAND_NOT_PRICED:AGE-0-4", "BAND_NOT_PRICED:AGE-16-18",
                       "OVER_PRICE_CEILING:AGE-11-15"}));
    EXPECT_EQ(spelled(rowOf(*evaluation.result, pack, "B2").reasons), Strings{"OFSTED_BELOW_MIN"});
    EXPECT_TRUE(rowOf(*evaluation.result, pack, "B1").notes.empty());
    EXPECT_FALSE(rowOf(*evaluation.result, pack, "B1").admitted);  // excluded: null in results.json
    EXPECT_EQ(*rowOf(*evaluation.result, pack, "B3").admitted, true);
}

TEST(MethodV2, AFrameworkAdmitsInRankOrderUpToMaxProviders) {
    Tender t = frameworkTender();
    t.lots[0].maxProviders = 2;
    // Equal quality (3 of 5 on Q1, weight 30: 18.00); price decides: B2 cheapest, then B3, then B1.
    const std::vector<Bid> bids = {bid("B1", {fullPrices("950", "1000", "1100", "1200")}),
                                   bid("B2", {fullPrices("800", "800", "800", "800")}),
                                   bid("B3", {fullPrices("900", "900", "900", "900")})};
    const Pack pack{t, bids, scoresFor(bids, t, 3)};
    const Evaluation evaluation = evaluate(pack);
    ASSERT_TRUE(evaluation.result) << describe(evaluation.errors.front());
    const Result& result = *evaluation.result;
    EXPECT_EQ(*rowOf(result, pack, "B2").rank, 1);
    EXPECT_EQ(*rowOf(result, pack, "B3").rank, 2);
    EXPECT_EQ(*rowOf(result, pack, "B1").rank, 3);
    EXPECT_EQ(*rowOf(result, pack, "B2").admitted, true);
    EXPECT_EQ(*rowOf(result, pack, "B3").admitted, true);
    EXPECT_EQ(*rowOf(result, pack, "B1").admitted, false);
    EXPECT_FALSE(rowOf(result, pack, "B1").awardedPlaces);
    EXPECT_EQ(result.lots[0].providers, 2);
    EXPECT_TRUE(result.lots[0].awards.empty());
    EXPECT_TRUE(result.lots[0].flags.empty());  // no BELOW_MIN_PLACES: a framework books no places
    // lowest-over-bid: B3's score is 70 x 80,000 / 90,000 = 62.222... -> 62.22.
    EXPECT_EQ(toString(*rowOf(result, pack, "B3").priceScore), "62.22");
}

TEST(MethodV2, FewerProvidersAdmittedThanTheMinimumIsFlagged) {
    Tender t = frameworkTender();
    t.lots[0].minProviders = 2;
    const std::vector<Bid> bids = {bid("B1", {fullPrices("900", "900", "900", "900")}),
                                   bid("B2", {fullPrices("800", "800", "800", "800")}, "2023-10-02T12:00:01Z")};
    const Pack pack{t, bids, scoresFor(bids, t, 3)};
    const Evaluation evaluation = evaluate(pack);
    ASSERT_TRUE(evaluation.result) << describe(evaluation.errors.front());
    EXPECT_EQ(evaluation.result->lots[0].providers, 1);  // B2 is late
    EXPECT_EQ(spelled(evaluation.result->lots[0].flags), Strings{"BELOW_MIN_PROVIDERS"});
}

/// Two lots' worth of bids, three evaluators each marking Q1 and Q2 of every bid.
struct Panel {
    Tender tender = frameworkTender();
    std::vector<Bid> bids;
    Scores scores;

    explicit Panel(ConsensusRule rule) {
        tender.evaluation.consensus = rule;
        tender.evaluation.questions = {{"Q1", 15, "", {}}, {"Q2", 15, "", {}}};
        bids = {bid("B1", {fullPrices("900", "900", "900", "900")}),
                bid("B2", {fullPrices("950", "950", "950", "950")})};
        scores.tender = "T1";
        scores.at = {"scores.xml", 2, 1};
        for (const char* id : {"E1", "E2", "E3"}) {
            scores.evaluators.push_back(Evaluator{id, id, std::nullopt, false, {"scores.xml", 3, 3}});
        }
        for (const Bid& b : bids) {
            for (const char* q : {"Q1", "Q2"}) {
                for (const char* e : {"E1", "E2", "E3"}) {
                    scores.marks.push_back(Mark{b.id, q, e, 3, "", {"scores.xml", 10, 3}});
                }
                scores.consensus.push_back(ConsensusScore{b.id, q, 3, "E1", "Agreed.", {"scores.xml", 20, 3}});
            }
        }
    }

    void dropMark(const std::string& b, const std::string& q, const std::string& e) {
        scores.marks.erase(std::find_if(scores.marks.begin(), scores.marks.end(), [&](const Mark& m) {
            return m.bid == b && m.question == q && m.evaluator == e;
        }));
    }
    Mark& mark(const std::string& b, const std::string& q, const std::string& e) {
        return *std::find_if(scores.marks.begin(), scores.marks.end(),
                             [&](const Mark& m) { return m.bid == b && m.question == q && m.evaluator == e; });
    }
    [[nodiscard]] Evaluation run() const { return evaluate(Pack{tender, bids, scores}); }
};

TEST(MethodV2, AMissingMarkIsRefusedUnderEveryConsensusRuleNamingBidQuestionAndEvaluator) {
    for (const ConsensusRule rule : {ConsensusRule::Moderated, ConsensusRule::Mean, ConsensusRule::Median}) {
        Panel panel(rule);
        panel.dropMark("B2", "Q1", "E3");
        const Evaluation evaluation = panel.run();
        EXPECT_FALSE(evaluation.result);
        EXPECT_EQ(described(evaluation.errors),
                  Strings{"scores.xml:3:3: error [missing-mark]: evaluator 'E3' did not mark bid 'B2' question 'Q1', "
                          "which is assigned to them, and did not stand aside from it"});
    }
}

TEST(MethodV2, ARecusedEvaluatorMarksNothingAndTheMeanIsOverTheOthers) {
    Panel panel(ConsensusRule::Mean);
    panel.scores.recusals.push_back(Recusal{"E3", "B2", "Was employed by the bidder.", {"scores.xml", 6, 3}});
    panel.dropMark("B2", "Q1", "E3");
    panel.dropMark("B2", "Q2", "E3");
    panel.mark("B2", "Q1", "E1").score = 4;  // B2 Q1: (4 + 3) / 2 = 3.5, not (4 + 3 + 3) / 3
    Evaluation evaluation = panel.run();
    ASSERT_TRUE(evaluation.result) << describe(evaluation.errors.front());
    EXPECT_EQ(evaluation.result->quality[1]->questions[0].score, ratio(7, 2));
    EXPECT_EQ(evaluation.result->quality[1]->questions[0].marks, 2);
    // Q = 15 x 3.5 / 5 + 15 x 3 / 5 = 10.5 + 9 = 19.5
    EXPECT_EQ(evaluation.result->quality[1]->score, ratio(39, 2));

    // A mark by the recused evaluator is refused, naming the recusal's line.
    panel.scores.marks.push_back(Mark{"B2", "Q1", "E3", 3, "", {"scores.xml", 30, 3}});
    evaluation = panel.run();
    EXPECT_EQ(described(evaluation.errors),
              Strings{"scores.xml:30:3: error [recused]: evaluator 'E3' stood aside from bid 'B2' (line 6), so "
                      "cannot mark it"});
}

TEST(MethodV2, AnEvaluatorMarksOnlyTheQuestionsAssignedToThem) {
    Panel panel(ConsensusRule::Median);
    panel.scores.evaluators[2].questions = std::vector<std::string>{"Q2"};
    panel.dropMark("B1", "Q1", "E3");
    panel.dropMark("B2", "Q1", "E3");
    ASSERT_TRUE(panel.run().result);
    panel.scores.marks.push_back(Mark{"B1", "Q1", "E3", 3, "", {"scores.xml", 31, 3}});
    EXPECT_EQ(described(panel.run().errors),
              Strings{"scores.xml:31:3: error [not-assigned]: evaluator 'E3' is not assigned question 'Q1' (line 3), "
                      "so cannot mark it"});
}

TEST(MethodV2, AQuestionNobodyMayMarkIsRefusedUnderMeanAndMedian) {
    Panel panel(ConsensusRule::Mean);
    for (Evaluator& evaluator : panel.scores.evaluators) {
        evaluator.questions = std::vector<std::string>{"Q2"};
    }
    for (const char* b : {"B1", "B2"}) {
        for (const char* e : {"E1", "E2", "E3"}) {
            panel.dropMark(b, "Q1", e);
        }
    }
    const Strings errors = described(panel.run().errors);
    ASSERT_EQ(errors.size(), 2U);
    EXPECT_EQ(errors[0],
              "scores.xml:2:1: error [missing-mark]: bid 'B1' () has no mark for question 'Q1', which it needs because "
              "it is not excluded from every lot: every evaluator assigned the question stood aside from the bid, or "
              "none is assigned");
}

TEST(MethodV2, ASpreadAboveTheTendersLimitIsFlaggedBeforeAbnormallyLowAndNeedsANote) {
    Panel panel(ConsensusRule::Moderated);
    panel.tender.evaluation.moderationSpread = 1;
    panel.mark("B1", "Q2", "E2").score = 1;  // marks 3, 1, 3: spread 2 > 1
    panel.mark("B1", "Q1", "E2").score = 2;  // marks 3, 2, 3: spread 1, not flagged
    Evaluation evaluation = panel.run();
    ASSERT_TRUE(evaluation.result) << describe(evaluation.errors.front());
    const Pack pack{panel.tender, panel.bids, panel.scores};
    EXPECT_EQ(spelled(rowOf(*evaluation.result, pack, "B1").flags), Strings{"MARKS_SPREAD:Q2"});
    EXPECT_EQ(evaluation.result->quality[0]->questions[1].spread, 2);
    EXPECT_TRUE(evaluation.result->quality[0]->questions[1].spreadFlagged);
    EXPECT_FALSE(evaluation.result->quality[0]->questions[0].spreadFlagged);

    // The consensus of a flagged question needs its moderation note.
    for (ConsensusScore& consensus : panel.scores.consensus) {
        if (consensus.bid == "B1" && consensus.question == "Q2") {
            consensus.rationale = "  \n";
        }
    }
    evaluation = panel.run();
    EXPECT_EQ(described(evaluation.errors),
              Strings{"scores.xml:20:3: error [moderation-note]: the marks for bid 'B1' question 'Q2' spread 2, more "
                      "than moderationSpread 1: the consensus needs a note saying how the panel resolved it"});
}

TEST(MethodV2, AModeratorRecusedFromTheBidIsRefused) {
    Panel panel(ConsensusRule::Moderated);
    panel.scores.recusals.push_back(Recusal{"E1", "B1", "Conflict.", {"scores.xml", 6, 3}});
    panel.dropMark("B1", "Q1", "E1");
    panel.dropMark("B1", "Q2", "E1");
    const Strings errors = described(panel.run().errors);
    ASSERT_EQ(errors.size(), 2U);
    EXPECT_EQ(errors[0],
              "scores.xml:20:3: error [recused]: moderator 'E1' stood aside from bid 'B1' (line 6), so "
              "cannot moderate it");
}

/// The Kent regional sample (samples/kent-2021-regional, `mean`, weights 12, 10, 10, 8, scale 5)
/// keeps the record a real panel would: K3 marks KQ2 and KQ4, K4 marks KQ1 and KQ4, K4 stood aside
/// from KB-03, and a spread over 1 is flagged. KB-01's marks: KQ1 4, 5, 5 (K1, K2, K4) -> 14/3;
/// KQ2 4, 3, 4 (K1, K2, K3) -> 11/3; KQ3 3, 3 (K1, K2) -> 3; KQ4 4, 4, 5, 5 -> 9/2.
/// Q = 12 x (14/3) / 5 + 10 x (11/3) / 5 + 10 x 3 / 5 + 8 x (9/2) / 5
///   = 56/5 + 22/3 + 6 + 36/5 = 168/15 + 110/15 + 90/15 + 108/15 = 476/15 = 31.733... -> 31.73.
/// KB-03's KQ1 has two marks (K1, K2): K3 is not assigned it and K4 stood aside. KB-04's KQ4 marks
/// are 3, 2, 4, 4: spread 2, flagged before its ABNORMALLY_LOW.
TEST(MethodV2, KentRegionalSampleAveragesTheAssignedUnrecusedMarks) {
    const std::filesystem::path sample = std::filesystem::path(TENDERSCORE_SAMPLES) / "kent-2021-regional";
    const xml::ReadPack read =
        xml::readPack(sample / "tender.xml", sample / "bids", sample / "scores.xml", ReadLimits{});
    ASSERT_TRUE(read.errors.empty());
    const Evaluation evaluation = evaluate(read.pack, Sensitivity::Skip);
    ASSERT_TRUE(evaluation.result);
    const auto quality = [&](const std::string& id) -> const BidQuality& {
        for (std::size_t b = 0; b < read.pack.bids.size(); ++b) {
            if (read.pack.bids[b].id == id) {
                return *evaluation.result->quality[b];
            }
        }
        throw std::runtime_error("no bid " + id);
    };
    const BidQuality& kb01 = quality("KB-01");
    EXPECT_EQ(kb01.questions[0].score, ratio(14, 3));
    EXPECT_EQ(kb01.questions[1].score, ratio(11, 3));
    EXPECT_EQ(kb01.questions[2].score, ratio(3, 1));
    EXPECT_EQ(kb01.questions[3].score, ratio(9, 2));
    EXPECT_EQ((std::vector<int>{kb01.questions[0].marks, kb01.questions[1].marks, kb01.questions[2].marks,
                                kb01.questions[3].marks}),
              (std::vector<int>{3, 3, 2, 4}));
    EXPECT_EQ(kb01.score, ratio(476, 15));
    EXPECT_EQ(toString(*rowOf(*evaluation.result, read.pack, "KB-01").qualityScore), "31.73");
    EXPECT_EQ(quality("KB-03").questions[0].marks, 2);
    EXPECT_EQ(spelled(rowOf(*evaluation.result, read.pack, "KB-04").flags),
              (Strings{"MARKS_SPREAD:KQ4", "ABNORMALLY_LOW"}));
}

}  // namespace
}  // namespace tenderscore
