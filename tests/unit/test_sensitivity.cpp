// Version 2, section 2.7: the sensitivity of every lot.
//
// The reference is the definition itself, written as plainly as it reads: for every quality input
// and every other value it may take, evaluate the whole tender again and compare every lot's
// outcome. The fast search in evaluation/sensitivity.cpp must give the same margins, the same
// decisive changes in the same order, and the same account of what each would change, on every
// pack of a deterministic set of generated ones.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "builders.hpp"
#include "evaluation/evaluate.hpp"
#include "xml/pack_reader.hpp"

namespace tenderscore {
namespace {

using testing::at;

// ---- the reference: every change, the whole tender evaluated again ---------------------------

/// A lot's outcome as 2.7 defines it: the awards (bid, home, places), or the admitted in rank order.
struct Outcome {
    std::map<std::string, std::vector<std::pair<std::string, int>>> awards;  // bid -> (urn, places) in walk order
    std::vector<std::string> admitted;

    bool operator==(const Outcome& other) const { return awards == other.awards && admitted == other.admitted; }
};

std::vector<Outcome> outcomes(const Pack& pack, const Result& result) {
    std::vector<Outcome> all;
    for (const LotResult& lot : result.lots) {
        Outcome outcome;
        for (const Award& award : lot.awards) {
            outcome.awards[pack.bids[award.bid].id].emplace_back(
                pack.bids[award.bid].lotBids[award.lotBid].settings[award.setting].urn, award.places);
        }
        for (const LotBidResult& row : lot.bids) {
            if (row.admitted && *row.admitted) {
                outcome.admitted.push_back(pack.bids[row.bid].id);
            }
        }
        all.push_back(std::move(outcome));
    }
    return all;
}

/// A decisive change as text, with what it changes: "BID-2 Q1 E3 4->3: BID-1 2->3, BID-2 3->0".
std::string describe(const Pack& pack, const QualityChange& change, const std::vector<OutcomeShift>& shifts) {
    std::ostringstream text;
    text << pack.bids[change.bid].id << ' ' << pack.tender.evaluation.questions[change.question].id << ' '
         << (change.evaluator ? pack.scores.evaluators[*change.evaluator].id : "-") << ' ' << change.from << "->"
         << change.to << ':';
    for (const OutcomeShift& shift : shifts) {
        text << ' ' << pack.bids[shift.bid].id << ' ' << shift.before << "->" << shift.after;
    }
    return text.str();
}

/// What the reference says of one lot.
struct Expected {
    std::optional<int> margin;
    std::vector<std::string> decisive;  // described, in the order 2.7 gives
};

/// The shifts of the definition: in a places lot every bid whose awards differ, with its places
/// before and after; in a framework lot the changed bid's place among the admitted when it moved,
/// and every bid admitted or no longer admitted.
std::vector<OutcomeShift> shiftsBetween(const Pack& pack, const Outcome& was, const Outcome& now, bool framework,
                                        const std::string& changedBid) {
    std::map<std::string, std::pair<int, int>> byBid;
    if (framework) {
        for (std::size_t i = 0; i < was.admitted.size(); ++i) {
            byBid[was.admitted[i]].first = static_cast<int>(i) + 1;
        }
        for (std::size_t i = 0; i < now.admitted.size(); ++i) {
            byBid[now.admitted[i]].second = static_cast<int>(i) + 1;
        }
    } else {
        const auto placesIn = [](const std::vector<std::pair<std::string, int>>& awards) {
            int n = 0;
            for (const auto& award : awards) {
                n += award.second;
            }
            return n;
        };
        std::set<std::string> bids;
        for (const auto& entry : was.awards) {
            bids.insert(entry.first);
        }
        for (const auto& entry : now.awards) {
            bids.insert(entry.first);
        }
        for (const std::string& bid : bids) {
            const auto before = was.awards.find(bid);
            const auto after = now.awards.find(bid);
            const std::vector<std::pair<std::string, int>> none;
            const auto& a = before == was.awards.end() ? none : before->second;
            const auto& b = after == now.awards.end() ? none : after->second;
            if (a != b) {
                byBid[bid] = {placesIn(a), placesIn(b)};
            }
        }
    }
    std::vector<OutcomeShift> shifts;
    for (const auto& [bid, places] : byBid) {
        const bool statusChanged = (places.first == 0) != (places.second == 0);
        const bool kept = framework ? statusChanged || (bid == changedBid && places.first != places.second) : true;
        if (!kept) {
            continue;
        }
        std::size_t index = 0;
        while (pack.bids[index].id != bid) {
            ++index;
        }
        shifts.push_back(OutcomeShift{index, places.first, places.second});
    }
    return shifts;
}

/// What the reference saw among the decisive changes, for the coverage of the set.
struct Seen {
    int thresholdCrossed = 0;  // the change excluded the bid or brought it back
    int lowestMoved = 0;       // the change moved the lot's lowest price L
};

std::vector<Expected> bruteForce(const Pack& pack, Seen& seen) {
    const Evaluation base = evaluate(pack, Sensitivity::Skip);
    const Result& result = *base.result;
    const std::vector<Outcome> was = outcomes(pack, result);
    const EvaluationRules& rules = pack.tender.evaluation;
    std::map<std::string, std::size_t> evaluatorIndex;
    for (std::size_t e = 0; e < pack.scores.evaluators.size(); ++e) {
        evaluatorIndex[pack.scores.evaluators[e].id] = e;
    }
    std::map<std::string, std::size_t> questionIndex;
    for (std::size_t q = 0; q < rules.questions.size(); ++q) {
        questionIndex[rules.questions[q].id] = q;
    }
    struct Found {
        int size;
        std::string bid;
        std::size_t question;
        std::string evaluator;
        int to;
        std::string text;
    };
    std::vector<std::vector<Found>> found(result.lots.size());
    const auto tryAll = [&](std::size_t b, std::size_t q, std::optional<std::size_t> e, int from, auto set) {
        for (int to = 0; to <= rules.scaleMax; ++to) {
            if (to == from) {
                continue;
            }
            Pack changed = pack;
            set(changed, to);
            const Evaluation again = evaluate(changed, Sensitivity::Skip);
            ASSERT_TRUE(again.errors.empty());
            const std::vector<Outcome> now = outcomes(changed, *again.result);
            const bool crossed = result.quality[b]->reasons.empty() != again.result->quality[b]->reasons.empty();
            for (std::size_t l = 0; l < was.size(); ++l) {
                if (was[l] == now[l]) {
                    continue;
                }
                seen.thresholdCrossed += crossed ? 1 : 0;
                seen.lowestMoved += result.lots[l].lowestPrice != again.result->lots[l].lowestPrice ? 1 : 0;
                const bool framework = pack.tender.lots[result.lots[l].lot].award == LotAward::Framework;
                const QualityChange change{b, q, e, from, to};
                found[l].push_back(
                    Found{std::abs(to - from), pack.bids[b].id, q, e ? pack.scores.evaluators[*e].id : "", to,
                          describe(pack, change, shiftsBetween(pack, was[l], now[l], framework, pack.bids[b].id))});
            }
        }
    };
    std::map<std::string, std::size_t> bidIndex;
    for (std::size_t b = 0; b < pack.bids.size(); ++b) {
        bidIndex[pack.bids[b].id] = b;
    }
    if (rules.consensus == ConsensusRule::Moderated) {
        for (std::size_t c = 0; c < pack.scores.consensus.size(); ++c) {
            const ConsensusScore& consensus = pack.scores.consensus[c];
            const std::size_t b = bidIndex.at(consensus.bid);
            if (result.quality[b]) {
                tryAll(b, questionIndex.at(consensus.question), std::nullopt, consensus.score,
                       [c](Pack& p, int to) { p.scores.consensus[c].score = to; });
            }
        }
    } else {
        for (std::size_t m = 0; m < pack.scores.marks.size(); ++m) {
            const Mark& mark = pack.scores.marks[m];
            const std::size_t b = bidIndex.at(mark.bid);
            if (result.quality[b]) {
                tryAll(b, questionIndex.at(mark.question), evaluatorIndex.at(mark.evaluator), mark.score,
                       [m](Pack& p, int to) { p.scores.marks[m].score = to; });
            }
        }
    }
    std::vector<Expected> expected(result.lots.size());
    for (std::size_t l = 0; l < found.size(); ++l) {
        std::vector<Found>& list = found[l];
        if (list.empty()) {
            continue;
        }
        const int margin = std::min_element(list.begin(), list.end(), [](const Found& a, const Found& b) {
                               return a.size < b.size;
                           })->size;
        list.erase(std::remove_if(list.begin(), list.end(), [&](const Found& f) { return f.size != margin; }),
                   list.end());
        std::sort(list.begin(), list.end(), [](const Found& a, const Found& b) {
            return std::tie(a.bid, a.question, a.evaluator, a.to) < std::tie(b.bid, b.question, b.evaluator, b.to);
        });
        expected[l].margin = margin;
        for (const Found& f : list) {
            expected[l].decisive.push_back(f.text);
        }
    }
    return expected;
}

// ---- the generated packs ----------------------------------------------------------------------

/// A small deterministic source of choices (the standard distributions differ between libraries).
class Dice {
public:
    explicit Dice(std::uint32_t seed) : engine_(seed) {}
    int between(int low, int high) {
        return low + static_cast<int>(engine_() % static_cast<std::uint32_t>(high - low + 1));
    }
    bool chance(int percent) { return between(1, 100) <= percent; }

private:
    std::mt19937 engine_;
};

/// What the set of packs covers, counted so that the test shows it covers it.
struct Coverage {
    int packs = 0;
    int frameworkLots = 0;
    int placesLots = 0;
    int byRule[3] = {0, 0, 0};
    int decisiveLots = 0;
    int noMargin = 0;
    int marginAboveOne = 0;
    Seen seen;
    int tiedTotals = 0;     // a lot where two ranked rows have the same total
    int capAcrossLots = 0;  // a home capped in two lots that share it, awarded in the first
};

/// The mix of a generated pack: `Mixed` draws every kind of lot and rule; `Crowded` draws places
/// lots only, always capped (places per home, providers) and crowded with bids that share homes and
/// sit on the quality thresholds, where the award walk is most often cut short.
enum class Profile { Mixed, Crowded };

Pack generate(std::uint32_t seed, Profile profile = Profile::Mixed) {
    Dice dice(seed);
    const bool crowded = profile == Profile::Crowded;
    Pack pack;
    Tender& tender = pack.tender;
    tender.id = "T1";
    tender.title = "Generated";
    tender.deadline = at("2024-01-31T12:00:00Z");
    EvaluationRules& rules = tender.evaluation;
    const ConsensusRule consensusRules[] = {ConsensusRule::Moderated, ConsensusRule::Mean, ConsensusRule::Median};
    rules.consensus = consensusRules[dice.between(0, 2)];
    const PriceMethod methods[] = {PriceMethod::LowestOverBid, PriceMethod::LinearFromLowest,
                                   PriceMethod::CeilingLinear};
    rules.priceMethod = methods[dice.between(0, 2)];
    rules.scaleMax = dice.between(3, 5);
    rules.decimals = dice.chance(50) ? 0 : dice.between(1, 2);  // whole numbers tie more often
    const int questions = dice.between(1, 3);
    int qualityWeight = 0;
    for (int q = 1; q <= questions; ++q) {
        const int weight = dice.between(1, 4) * 5;
        qualityWeight += weight;
        rules.questions.push_back(Question{"Q" + std::to_string(q), Fraction(weight), "Question", {}});
    }
    rules.qualityWeight = qualityWeight;
    rules.priceWeight = 100 - qualityWeight;
    if (dice.chance(40)) {
        rules.minScoreEach = dice.between(1, 2);
    }
    if (crowded || dice.chance(40)) {
        rules.minQualityPercent = dice.between(3, 12) * 5;
    }
    if (dice.chance(30)) {
        std::vector<TieBreakKey> keys{TieBreakKey::Quality, TieBreakKey::Price, TieBreakKey::Submitted};
        std::swap(keys[0], keys[static_cast<std::size_t>(dice.between(0, 2))]);
        rules.tieBreak = keys;
    }
    const bool ceiling = rules.priceMethod == PriceMethod::CeilingLinear;
    const int lots = dice.between(1, 3);
    for (int l = 1; l <= lots; ++l) {
        Lot lot;
        lot.id = "L" + std::to_string(l);
        lot.name = "Lot";
        if (!crowded && dice.chance(30)) {
            lot.award = LotAward::Framework;
            const int bands = dice.between(1, 2);
            for (int b = 1; b <= bands; ++b) {
                lot.bands.push_back(Band{"B" + std::to_string(b),
                                         Fraction(dice.between(1, 4)),
                                         ceiling ? std::optional<Pence>(12000) : std::nullopt,
                                         "Band",
                                         {}});
            }
            if (dice.chance(60)) {
                lot.maxProviders = dice.between(1, 3);
            }
        } else {
            lot.maxPlaces = dice.between(2, 8);
            if (crowded || dice.chance(50)) {
                lot.maxPlacesPerSetting = dice.between(1, 3);
            }
            if (crowded || dice.chance(50)) {
                lot.maxProviders = dice.between(1, crowded ? 4 : 3);
            }
            if (dice.chance(20)) {
                lot.annualBudget = Pence(dice.between(2, 8)) * 5214 * 1000;  // about that many places at 1,000 a week
            }
            if (ceiling) {
                lot.maxWeeklyPrice = 130000;
            }
        }
        tender.lots.push_back(lot);
    }
    const int bids = crowded ? dice.between(4, 8) : dice.between(2, 6);
    // Often one bid is the cheapest and on the edge of the quality thresholds: a change that
    // excludes it, or brings it back, moves the lowest price L and every price score with it.
    const int weak = dice.chance(60) ? dice.between(1, bids) : 0;
    const std::string homes[] = {"H1", "H2", "H3", "H4", "H5", "H6", "H7", "H8"};
    for (int b = 1; b <= bids; ++b) {
        Bid bid;
        bid.id = "BID-" + std::to_string(b);
        bid.tender = tender.id;
        bid.bidderName = "Provider " + std::to_string(b);
        bid.submitted = at("2024-01-" + std::to_string(10 + dice.between(0, 3)) + "T09:00:00Z");
        for (const Lot& lot : tender.lots) {
            if (!dice.chance(75) && b > 1) {
                continue;
            }
            LotBid lotBid;
            lotBid.lot = lot.id;
            if (lot.award == LotAward::Framework) {
                for (const Band& band : lot.bands) {
                    if (dice.chance(95)) {
                        const int price = b == weak ? 7 : dice.between(8, 12);
                        lotBid.prices.push_back(BandPrice{band.id, Pence(price) * 1000, {}});
                    }
                }
            } else {
                const int settings = dice.between(1, 2);
                std::set<std::string> used;
                for (int s = 0; s < settings; ++s) {
                    // Homes of a bid repeat across its lots; now and then two bids name one home.
                    const std::string& urn = homes[static_cast<std::size_t>(
                        dice.chance(crowded ? 50 : 65) ? (b * 2 + s) % 8 : dice.between(0, 7))];
                    if (!used.insert(urn).second) {
                        continue;
                    }
                    const int places = dice.between(1, 4);
                    const int price = b == weak ? 7 : dice.between(8, 12);
                    lotBid.settings.push_back(
                        testing::setting(urn, places, std::to_string(price * 100) + ".00", Rating::Good, places));
                }
            }
            bid.lotBids.push_back(std::move(lotBid));
        }
        for (const Question& question : rules.questions) {
            bid.responses.push_back(Response{question.id, "An answer.", {}});
        }
        pack.bids.push_back(std::move(bid));
    }
    Scores& scores = pack.scores;
    scores.tender = tender.id;
    const int evaluators = dice.between(1, 3);
    for (int e = 1; e <= evaluators; ++e) {
        Evaluator evaluator{"E" + std::to_string(e), "Evaluator " + std::to_string(e), std::nullopt, false, {}};
        if (e > 1 && dice.chance(30)) {  // assigned some questions only
            std::vector<std::string> assigned;
            for (const Question& question : rules.questions) {
                if (dice.chance(50)) {
                    assigned.push_back(question.id);
                }
            }
            evaluator.questions = assigned;
        }
        scores.evaluators.push_back(evaluator);
    }
    for (const Bid& bid : pack.bids) {
        for (std::size_t e = 1; e < scores.evaluators.size(); ++e) {
            if (dice.chance(10)) {
                scores.recusals.push_back(Recusal{scores.evaluators[e].id, bid.id, "Conflict", {}});
            }
        }
    }
    const auto recused = [&](const std::string& evaluator, const std::string& bid) {
        return std::any_of(scores.recusals.begin(), scores.recusals.end(),
                           [&](const Recusal& r) { return r.evaluator == evaluator && r.bid == bid; });
    };
    const int edge = std::max(1, static_cast<int>(rules.minScoreEach.get_num().get_si()));
    for (const Bid& bid : pack.bids) {
        const bool onTheEdge = bid.id == "BID-" + std::to_string(weak);
        for (const Question& question : rules.questions) {
            const int centre =
                onTheEdge ? std::min(edge + dice.between(-1, 0), rules.scaleMax) : dice.between(0, rules.scaleMax);
            for (const Evaluator& evaluator : scores.evaluators) {
                if (evaluator.assigned(question.id) && !recused(evaluator.id, bid.id)) {
                    const int mark = std::clamp(centre + dice.between(-1, 1), 0, rules.scaleMax);
                    scores.marks.push_back(Mark{bid.id, question.id, evaluator.id, mark, "Because.", {}});
                }
            }
            if (rules.consensus == ConsensusRule::Moderated) {
                scores.consensus.push_back(ConsensusScore{bid.id, question.id, centre, "E1", "Agreed.", {}});
            }
        }
    }
    if (bids > 2 && dice.chance(40)) {
        // The last bid the same as the first but for its id: a tie that only the tie-breaks settle.
        const std::string first = pack.bids.front().id;
        const std::string last = pack.bids.back().id;
        pack.bids.back().lotBids = pack.bids.front().lotBids;
        const auto copyOf = [&](auto& list, auto&& ofFirst) {
            using Entry = typename std::decay_t<decltype(list)>::value_type;
            list.erase(std::remove_if(list.begin(), list.end(), [&](const Entry& e) { return e.bid == last; }),
                       list.end());
            std::vector<Entry> copies;
            for (const Entry& e : list) {
                if (ofFirst(e)) {
                    copies.push_back(e);
                    copies.back().bid = last;
                }
            }
            list.insert(list.end(), copies.begin(), copies.end());
        };
        const auto isFirst = [&](const auto& e) { return e.bid == first; };
        copyOf(scores.recusals, isFirst);
        copyOf(scores.marks, isFirst);
        copyOf(scores.consensus, isFirst);
    }
    return pack;
}

void count(const Pack& pack, const Result& result, Coverage& coverage) {
    ++coverage.packs;
    ++coverage.byRule[static_cast<int>(pack.tender.evaluation.consensus)];
    std::map<std::string, int> cappedHomesAwarded;
    for (const LotResult& lot : result.lots) {
        const Lot& spec = pack.tender.lots[lot.lot];
        ++(spec.award == LotAward::Framework ? coverage.frameworkLots : coverage.placesLots);
        const LotSensitivity& s = lot.sensitivity;
        if (!s.margin) {
            ++coverage.noMargin;
        } else {
            ++coverage.decisiveLots;
            coverage.marginAboveOne += *s.margin > 1 ? 1 : 0;
        }
        for (std::size_t i = 1; i < lot.bids.size(); ++i) {
            if (lot.bids[i].compliant() && lot.bids[i].totalScore == lot.bids[i - 1].totalScore) {
                ++coverage.tiedTotals;
                break;
            }
        }
        if (spec.maxPlacesPerSetting) {
            for (const LotBidResult& row : lot.bids) {
                for (const EligibleSetting& entry : row.eligible) {
                    const std::string& urn = pack.bids[row.bid].lotBids[row.lotBid].settings[entry.setting].urn;
                    if (cappedHomesAwarded.count(urn) > 0 && cappedHomesAwarded[urn] > 0) {
                        ++coverage.capAcrossLots;
                    }
                }
            }
        }
        for (const Award& award : lot.awards) {
            cappedHomesAwarded[pack.bids[award.bid].lotBids[award.lotBid].settings[award.setting].urn] += award.places;
        }
    }
}

TEST(Sensitivity, EqualsTheBruteForceOnGeneratedPacks) {
    constexpr std::uint32_t packs = 2000;
    constexpr std::uint32_t crowdedFrom = 1501;  // the last 500 are crowded
    Coverage coverage;
    for (std::uint32_t seed = 1; seed <= packs; ++seed) {
        const Pack pack = generate(seed, seed >= crowdedFrom ? Profile::Crowded : Profile::Mixed);
        const Evaluation evaluation = evaluate(pack);
        ASSERT_TRUE(evaluation.errors.empty()) << "seed " << seed << ": " << evaluation.errors.front().message;
        const Result& result = *evaluation.result;
        const std::vector<Expected> expected = bruteForce(pack, coverage.seen);
        ASSERT_EQ(expected.size(), result.lots.size());
        for (std::size_t l = 0; l < expected.size(); ++l) {
            const LotSensitivity& got = result.lots[l].sensitivity;
            std::vector<std::string> decisive;
            for (const DecisiveChange& d : got.decisive) {
                decisive.push_back(describe(pack, d.change, d.shifts));
            }
            ASSERT_EQ(got.margin, expected[l].margin) << "seed " << seed << " lot " << l;
            ASSERT_EQ(decisive, expected[l].decisive) << "seed " << seed << " lot " << l;
        }
        count(pack, result, coverage);
    }
    // The set covers what 2.7 has to get right (the counts are of this deterministic set).
    EXPECT_EQ(coverage.packs, static_cast<int>(packs));
    EXPECT_GE(coverage.frameworkLots, 100);
    EXPECT_GE(coverage.placesLots, 300);
    EXPECT_GE(coverage.byRule[0], 150);  // moderated
    EXPECT_GE(coverage.byRule[1], 150);  // mean
    EXPECT_GE(coverage.byRule[2], 150);  // median
    EXPECT_GE(coverage.decisiveLots, 300);
    EXPECT_GE(coverage.noMargin, 10);
    EXPECT_GE(coverage.marginAboveOne, 20);
    EXPECT_GE(coverage.seen.thresholdCrossed, 20);
    EXPECT_GE(coverage.seen.lowestMoved, 20);
    EXPECT_GE(coverage.tiedTotals, 50);
    EXPECT_GE(coverage.capAcrossLots, 20);
    std::cout << "packs " << coverage.packs << ", lots: places " << coverage.placesLots << " framework "
              << coverage.frameworkLots << "; rules moderated " << coverage.byRule[0] << " mean " << coverage.byRule[1]
              << " median " << coverage.byRule[2] << "; lots with a margin " << coverage.decisiveLots << ", without "
              << coverage.noMargin << ", above one " << coverage.marginAboveOne
              << "; decisive changes crossing a threshold " << coverage.seen.thresholdCrossed << ", moving L "
              << coverage.seen.lowestMoved << "; tied totals " << coverage.tiedTotals << "; a cap across lots "
              << coverage.capAcrossLots << "\n";
}

}  // namespace
}  // namespace tenderscore

namespace tenderscore {
namespace {

using testing::bid;
using testing::lotBid;
using testing::setting;

/// Four providers of two places each in a lot of eight places and at most three providers, price
/// 70 : quality 30, one question of weight 30 on a 0-5 scale (a step of consensus is 6 points).
/// A bids 1,000 a week with consensus 5; B, C and D bid 1,010, 1,020 and 1,030 with consensus 3:
///   A 70 x 1000/1000 + 30 x 5/5 = 100;  B 69.31 + 18 = 87.31;  C 68.63 + 18 = 86.63;
///   D 67.96 + 18 = 85.96.
/// The walk gives A, B and C two places each and stops at three providers: D gets nothing.
Pack providerCapPack() {
    Pack pack;
    pack.tender = testing::tender();
    pack.tender.evaluation.questions[0].weight = 30;
    pack.tender.lots[0].maxPlaces = 8;
    pack.tender.lots[0].maxProviders = 3;
    const char* names[] = {"A", "B", "C", "D"};
    const char* prices[] = {"1000.00", "1010.00", "1020.00", "1030.00"};
    for (int i = 0; i < 4; ++i) {
        pack.bids.push_back(bid(names[i], {lotBid("L1", {setting(std::string("U") + names[i], 2, prices[i])})}));
    }
    pack.scores = testing::scoresFor(pack.bids, pack.tender, 3);
    pack.scores.consensus[0].score = 5;
    return pack;
}

TEST(Sensitivity, AProviderLiftedPastTwoOthersPushesTheThirdOutUnderTheProviderCap) {
    const Pack pack = providerCapPack();
    const Evaluation evaluation = evaluate(pack);
    ASSERT_TRUE(evaluation.errors.empty());
    const LotSensitivity& s = evaluation.result->lots[0].sensitivity;
    // D from 3 to 4: 67.96 + 24 = 91.96, ahead of B and C. A, D and B take places; C, third
    // provider before, is now the fourth and gets none. C from 3 to 2 (80.63) puts it behind D:
    // D takes its places. B from 3 to 2 (81.31) puts it behind C and D: B loses its places to D.
    ASSERT_EQ(s.margin, 1);
    std::vector<std::string> decisive;
    for (const DecisiveChange& d : s.decisive) {
        decisive.push_back(describe(pack, d.change, d.shifts));
    }
    EXPECT_EQ(decisive, (std::vector<std::string>{"B Q1 - 3->2: B 2->0 D 0->2", "C Q1 - 3->2: C 2->0 D 0->2",
                                                  "D Q1 - 3->4: C 2->0 D 0->2"}));
    Seen seen;
    EXPECT_EQ(bruteForce(pack, seen)[0].decisive, decisive);
}

/// The Essex sample (docs/method.md works it through): lot L1, 18 places, at most 5 a home, price
/// 70 : quality 30 by lowest-over-bid, consensus `moderated`, Q1..Q4 weighing 10, 8, 7 and 5 on a
/// 0-5 scale, so one step of consensus moves a quality score by 2, 1.6, 1.4 or 1 point.
///
///   rank  bid      P         price   quality  total   places
///   1     BID-008  5,840.00  65.86   26.00    91.86   4
///   2     BID-009  5,495.00  70.00   21.40    91.40   3      (L = 5,495.00)
///   3     BID-001  5,633.33  68.28   22.60    90.88   9      (4 + 5: 16 places so far)
///   4     BID-002  5,634.75  68.26   21.00    89.26   2      (the lot is full at 18)
///   5     BID-005  5,520.00  69.68   16.60    86.28   0
///
/// The award turns on BID-001 and BID-002, 1.62 points apart. Steps of size 1:
/// - BID-001 Q1 from 4 to 3: 90.88 - 2 = 88.88, behind BID-002. BID-002 walks third into the 11
///   places left after BID-008 and BID-009 (its homes offer 5, 4 and 3): Willow Court 5, Mill Lane
///   4, The Granary 2; the lot is full and BID-001 gets none. Decisive: BID-001 9 -> 0, BID-002 2 -> 11.
/// - BID-002 Q1 from 3 to 4: 89.26 + 2 = 91.26, ahead of BID-001 (90.88): the same award. Decisive.
/// - Not decisive, by two hundredths: BID-001 Q2 from 4 to 3 (90.88 - 1.6 = 89.28, still ahead of
///   89.26) and BID-002 Q2 from 4 to 5 (89.26 + 1.6 = 90.86, still behind 90.88). Every smaller step
///   (Q3, Q4) falls shorter still.
/// - Not decisive: BID-008 or BID-009 falling behind BID-001 (Q1 down: 89.86, 89.40) reorders the
///   first three, who take every place they offer in any order; BID-005 (86.28) cannot reach
///   89.26 with one step (+2 at most).
/// - The thresholds: minScoreEach is 2. BID-005 Q3 from 2 to 1 excludes it; it had no places and
///   does not set L, so nothing changes. BID-007 (excluded, Q1 = 1) brought back by Q1 from 1 to 2:
///   quality 4 + 4.8 + 4.2 + 2 = 15.00; its 5,310.00 becomes L, so every price score moves:
///   BID-008 63.65 + 26.00 = 89.65, BID-009 67.64 + 21.40 = 89.04, BID-001 65.98 + 22.60 = 88.58,
///   BID-002 65.97 + 21.00 = 86.97, BID-007 70.00 + 15.00 = 85.00, BID-005 67.34 + 16.60 = 83.94:
///   the first four keep their order and the lot fills before BID-007. Not decisive.
/// So the margin is 1: one mark decides who holds nine places.
TEST(Sensitivity, EssexWorkedByHand) {
    const std::filesystem::path sample = std::filesystem::path(TENDERSCORE_SAMPLES) / "essex-2023-block";
    const xml::ReadPack read =
        xml::readPack(sample / "tender.xml", sample / "bids", sample / "scores.xml", ReadLimits{});
    ASSERT_TRUE(read.errors.empty());
    const Evaluation evaluation = evaluate(read.pack);
    ASSERT_TRUE(evaluation.errors.empty());
    const LotSensitivity& s = evaluation.result->lots[0].sensitivity;
    ASSERT_EQ(s.margin, 1);
    std::vector<std::string> decisive;
    for (const DecisiveChange& d : s.decisive) {
        decisive.push_back(describe(read.pack, d.change, d.shifts));
    }
    EXPECT_EQ(decisive, (std::vector<std::string>{"BID-001 Q1 - 4->3: BID-001 9->0 BID-002 2->11",
                                                  "BID-002 Q1 - 3->4: BID-001 9->0 BID-002 2->11"}));
}

}  // namespace
}  // namespace tenderscore
