#include "evaluation/validation.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "evaluation/compliance.hpp"
#include "evaluation/values.hpp"

namespace tenderscore {

namespace {

/// Reports every id seen before, naming the line of its first use. An empty id was not read (its
/// reader reported why) and is passed over here and in every check below.
template <typename Item>
void checkUnique(const std::vector<Item>& items, const std::string& kind, Diagnostics& errors) {
    std::unordered_map<std::string, int> firstLine;
    for (const Item& item : items) {
        const auto [it, inserted] = firstLine.emplace(item.id, item.at.line);
        if (!inserted && !item.id.empty()) {
            errors.push_back({item.at, "duplicate-id",
                              kind + " id '" + item.id + "' is already used on line " + std::to_string(it->second)});
        }
    }
}

template <typename Item>
std::unordered_set<std::string> idsOf(const std::vector<Item>& items) {
    std::unordered_set<std::string> ids;
    for (const Item& item : items) {
        ids.insert(item.id);
    }
    return ids;
}

/// Version 2, sections 1.2 and 2.1: a places lot bid offers settings, a framework lot bid prices bands.
void checkLotBidKind(const Lot& lot, const LotBid& lotBid, Diagnostics& errors) {
    if (lot.award == LotAward::Places) {
        if (lotBid.ofstedRating) {
            errors.push_back({lotBid.at, "places-lot-bid",
                              "attribute 'ofstedRating' is for framework lot bids; lot '" + lot.id +
                                  "' awards places, and each setting has its own rating"});
        }
        for (const BandPrice& price : lotBid.prices) {
            errors.push_back({price.at, "places-lot-bid",
                              "lot '" + lot.id + "' awards places: a bid for it offers settings, not band prices"});
        }
        if (lotBid.settings.empty()) {
            errors.push_back(
                {lotBid.at, "places-lot-bid",
                 "the bid for lot '" + lot.id + "' offers no setting; a places lot bid needs at least one"});
        }
        return;
    }
    for (const Setting& setting : lotBid.settings) {
        errors.push_back({setting.at, "framework-lot-bid",
                          "lot '" + lot.id + "' is a framework: a bid for it prices its bands and offers no setting"});
    }
    std::map<std::string, int> seen;
    for (const BandPrice& price : lotBid.prices) {
        if (price.band.empty()) {
            continue;
        }
        // A band whose id could not be read (its reader said so) might be the one priced.
        const bool known = std::any_of(lot.bands.begin(), lot.bands.end(),
                                       [&](const Band& band) { return band.id == price.band || band.id.empty(); });
        if (!known) {
            errors.push_back(
                {price.at, "unknown-band", "band '" + price.band + "' is not a band of lot '" + lot.id + "'"});
        }
        if (const auto [it, inserted] = seen.emplace(price.band, price.at.line); !inserted) {
            errors.push_back({price.at, "duplicate-price",
                              "band '" + price.band + "' is already priced on line " + std::to_string(it->second)});
        }
    }
}

}  // namespace

Diagnostics checkTender(const Tender& tender) {
    Diagnostics errors;
    const EvaluationRules& rules = tender.evaluation;
    if (rules.priceWeight + rules.qualityWeight != 100) {
        errors.push_back({rules.at, "weights",
                          "priceWeight " + toPlainDecimal(rules.priceWeight) + " and qualityWeight " +
                              toPlainDecimal(rules.qualityWeight) + " add up to " +
                              toPlainDecimal(rules.priceWeight + rules.qualityWeight) + ", not 100"});
    }
    Fraction questionWeights = 0;
    for (const Question& question : rules.questions) {
        questionWeights += question.weight;
    }
    if (questionWeights != rules.qualityWeight) {
        errors.push_back({rules.qualityAt, "weights",
                          "question weights add up to " + toPlainDecimal(questionWeights) + ", not qualityWeight " +
                              toPlainDecimal(rules.qualityWeight)});
    }
    checkUnique(rules.questions, "question", errors);
    checkUnique(tender.requirements, "requirement", errors);
    checkUnique(tender.lots, "lot", errors);
    for (const Lot& lot : tender.lots) {
        checkUnique(lot.bands, "band", errors);
        if (rules.priceMethod == PriceMethod::CeilingLinear && lot.award == LotAward::Places && !lot.maxWeeklyPrice) {
            errors.push_back({lot.at, "ceiling",
                              "lot '" + lot.id + "' has no maxWeeklyPrice, which priceMethod ceiling-linear needs"});
        }
        if (rules.priceMethod == PriceMethod::CeilingLinear && lot.award == LotAward::Framework) {
            for (const Band& band : lot.bands) {
                if (!band.maxPrice) {
                    errors.push_back({band.at, "ceiling",
                                      "band '" + band.id + "' of lot '" + lot.id +
                                          "' has no maxPrice, which priceMethod ceiling-linear needs"});
                }
            }
        }
        if (lot.maxProviders && lot.minProviders > *lot.maxProviders) {
            errors.push_back({lot.at, "lot-providers",
                              "lot '" + lot.id + "' has minProviders " + std::to_string(lot.minProviders) +
                                  " above maxProviders " + std::to_string(*lot.maxProviders)});
        }
        if (lot.minPlaces > lot.maxPlaces) {
            errors.push_back({lot.at, "lot-places",
                              "lot '" + lot.id + "' has minPlaces " + std::to_string(lot.minPlaces) +
                                  " above maxPlaces " + std::to_string(lot.maxPlaces)});
        }
    }
    return errors;
}

Diagnostics checkBids(const Tender& tender, const std::vector<Bid>& bids) {
    Diagnostics errors;
    const auto lots = idsOf(tender.lots);
    std::unordered_map<std::string, const Lot*> lotsById;
    for (const Lot& lot : tender.lots) {
        lotsById.emplace(lot.id, &lot);
    }
    const auto requirements = idsOf(tender.requirements);
    const auto questions = idsOf(tender.evaluation.questions);
    std::unordered_map<std::string, const Bid*> byId;
    for (const Bid& bid : bids) {
        if (!bid.tender.empty() && bid.tender != tender.id) {
            errors.push_back({bid.at, "tender-ref", "bid is for tender '" + bid.tender + "', not '" + tender.id + "'"});
        }
        if (const auto [it, inserted] = byId.emplace(bid.id, &bid); !inserted && !bid.id.empty()) {
            errors.push_back({bid.at, "duplicate-bid",
                              "bid id '" + bid.id + "' is also used by " + it->second->at.file.str() + ":" +
                                  std::to_string(it->second->at.line)});
        }
        std::set<std::string> seenLots;
        for (const LotBid& lotBid : bid.lotBids) {
            if (!lotBid.lot.empty() && lots.count(lotBid.lot) == 0) {
                errors.push_back({lotBid.at, "unknown-lot", "lot '" + lotBid.lot + "' is not a lot of the tender"});
            }
            // A lot whose award could not be read has no kind to check a bid against.
            if (const auto lot = lotsById.find(lotBid.lot); lot != lotsById.end() && !lot->second->awardUnread) {
                checkLotBidKind(*lot->second, lotBid, errors);
            }
            if (!seenLots.insert(lotBid.lot).second && !lotBid.lot.empty()) {
                errors.push_back({lotBid.at, "duplicate-lot", "the bid names lot '" + lotBid.lot + "' more than once"});
            }
            std::set<std::string> seenSettings;
            for (const Setting& setting : lotBid.settings) {
                if (!seenSettings.insert(setting.urn).second && !setting.urn.empty()) {
                    errors.push_back({setting.at, "duplicate-setting",
                                      "setting '" + setting.urn + "' appears more than once in the bid for lot '" +
                                          lotBid.lot + "'"});
                }
            }
        }
        std::set<std::string> seenDeclarations;
        for (const Declaration& declaration : bid.declarations) {
            if (!declaration.requirement.empty() && requirements.count(declaration.requirement) == 0) {
                errors.push_back({declaration.at, "unknown-requirement",
                                  "requirement '" + declaration.requirement + "' is not a requirement of the tender"});
            }
            if (!seenDeclarations.insert(declaration.requirement).second && !declaration.requirement.empty()) {
                errors.push_back({declaration.at, "duplicate-declaration",
                                  "requirement '" + declaration.requirement + "' is declared more than once"});
            }
        }
        std::set<std::string> seenResponses;
        for (const Response& response : bid.responses) {
            if (!response.question.empty() && questions.count(response.question) == 0) {
                errors.push_back({response.at, "unknown-question",
                                  "question '" + response.question + "' is not a question of the tender"});
            }
            if (!seenResponses.insert(response.question).second && !response.question.empty()) {
                errors.push_back({response.at, "duplicate-response",
                                  "question '" + response.question + "' is answered more than once"});
            }
        }
    }
    return errors;
}

Diagnostics checkScores(const Tender& tender, const Scores& scores, const std::vector<Bid>* bids) {
    Diagnostics errors;
    const int scaleMax = tender.evaluation.scaleMax;
    if (!scores.tender.empty() && scores.tender != tender.id) {
        errors.push_back(
            {scores.at, "tender-ref", "scores are for tender '" + scores.tender + "', not '" + tender.id + "'"});
    }
    checkUnique(scores.evaluators, "evaluator", errors);
    const auto evaluators = idsOf(scores.evaluators);
    const auto questions = idsOf(tender.evaluation.questions);
    std::unordered_set<std::string> bidIds;
    if (bids != nullptr) {
        bidIds = idsOf(*bids);
    }
    auto checkTarget = [&](const std::string& bid, const std::string& question, const SourceRef& at) {
        if (!question.empty() && questions.count(question) == 0) {
            errors.push_back({at, "unknown-question", "question '" + question + "' is not a question of the tender"});
        }
        if (bids != nullptr && !bid.empty() && bidIds.count(bid) == 0) {
            errors.push_back({at, "unknown-bid", "bid '" + bid + "' is not among the bids read"});
        }
    };
    auto checkScale = [&](int score, const SourceRef& at) {
        if (score > scaleMax) {
            errors.push_back({at, "score-range",
                              "score " + std::to_string(score) + " is above scaleMax " + std::to_string(scaleMax)});
        }
    };
    std::unordered_map<std::string, const Evaluator*> evaluatorsById;
    for (const Evaluator& evaluator : scores.evaluators) {
        evaluatorsById.emplace(evaluator.id, &evaluator);
        if (!evaluator.questions) {
            continue;  // every question
        }
        for (const std::string& question : *evaluator.questions) {
            if (questions.count(question) == 0) {
                errors.push_back({evaluator.at, "unknown-question",
                                  "evaluator '" + evaluator.id + "' is assigned question '" + question +
                                      "', which is not a question of the tender"});
            }
        }
    }
    std::map<std::pair<std::string, std::string>, int> recused;  // (evaluator, bid) -> line
    for (const Recusal& recusal : scores.recusals) {
        checkTarget(recusal.bid, "", recusal.at);
        if (!recusal.evaluator.empty() && evaluators.count(recusal.evaluator) == 0) {
            errors.push_back(
                {recusal.at, "unknown-evaluator", "evaluator '" + recusal.evaluator + "' is not declared"});
        }
        const auto [it, inserted] = recused.emplace(std::make_pair(recusal.evaluator, recusal.bid), recusal.at.line);
        if (!inserted) {
            errors.push_back({recusal.at, "duplicate-recusal",
                              "evaluator '" + recusal.evaluator + "' already stood aside from bid '" + recusal.bid +
                                  "' on line " + std::to_string(it->second)});
        }
    }
    const auto recusalLine = [&](const std::string& evaluator, const std::string& bid) {
        const auto found = recused.find(std::make_pair(evaluator, bid));
        return found == recused.end() ? 0 : found->second;
    };
    std::map<std::string, int> seenRejected;
    for (const RejectedFile& rejected : scores.rejected) {
        const auto [it, inserted] = seenRejected.emplace(rejected.file, rejected.at.line);
        if (!inserted && !rejected.file.empty()) {
            errors.push_back(
                {rejected.at, "duplicate-rejected",
                 "file '" + rejected.file + "' is already rejected on line " + std::to_string(it->second)});
        }
    }
    std::map<std::tuple<std::string, std::string, std::string>, int> seenMarks;
    for (const Mark& mark : scores.marks) {
        checkTarget(mark.bid, mark.question, mark.at);
        checkScale(mark.score, mark.at);
        if (!mark.evaluator.empty() && evaluators.count(mark.evaluator) == 0) {
            errors.push_back({mark.at, "unknown-evaluator", "evaluator '" + mark.evaluator + "' is not declared"});
        }
        const auto evaluator = evaluatorsById.find(mark.evaluator);
        if (evaluator != evaluatorsById.end() && questions.count(mark.question) != 0 &&
            !evaluator->second->assigned(mark.question)) {
            errors.push_back({mark.at, "not-assigned",
                              "evaluator '" + mark.evaluator + "' is not assigned question '" + mark.question +
                                  "' (line " + std::to_string(evaluator->second->at.line) + "), so cannot mark it"});
        }
        if (const int line = recusalLine(mark.evaluator, mark.bid); line != 0) {
            errors.push_back({mark.at, "recused",
                              "evaluator '" + mark.evaluator + "' stood aside from bid '" + mark.bid + "' (line " +
                                  std::to_string(line) + "), so cannot mark it"});
        }
        const auto [it, inserted] =
            seenMarks.emplace(std::make_tuple(mark.bid, mark.question, mark.evaluator), mark.at.line);
        if (!inserted) {
            errors.push_back({mark.at, "duplicate-mark",
                              "evaluator '" + mark.evaluator + "' already marked bid '" + mark.bid + "' question '" +
                                  mark.question + "' on line " + std::to_string(it->second)});
        }
    }
    std::map<std::pair<std::string, std::string>, int> seenConsensus;
    for (const ConsensusScore& consensus : scores.consensus) {
        checkTarget(consensus.bid, consensus.question, consensus.at);
        checkScale(consensus.score, consensus.at);
        if (!consensus.moderator.empty() && evaluators.count(consensus.moderator) == 0) {
            errors.push_back({consensus.at, "unknown-evaluator",
                              "moderator '" + consensus.moderator + "' is not a declared evaluator"});
        }
        if (const int line = recusalLine(consensus.moderator, consensus.bid); line != 0) {
            errors.push_back({consensus.at, "recused",
                              "moderator '" + consensus.moderator + "' stood aside from bid '" + consensus.bid +
                                  "' (line " + std::to_string(line) + "), so cannot moderate it"});
        }
        const auto [it, inserted] =
            seenConsensus.emplace(std::make_pair(consensus.bid, consensus.question), consensus.at.line);
        if (!inserted) {
            errors.push_back({consensus.at, "duplicate-consensus",
                              "bid '" + consensus.bid + "' question '" + consensus.question +
                                  "' already has a consensus score on line " + std::to_string(it->second)});
        }
    }
    return errors;
}

Diagnostics checkQualityInputs(const Tender& tender, const std::vector<Bid>& bids, const Scores& scores,
                               const std::vector<std::vector<LotBidCompliance>>& compliance,
                               const std::vector<BidScores>& bidScores) {
    Diagnostics errors;
    const EvaluationRules& rules = tender.evaluation;
    const bool moderated = rules.consensus == ConsensusRule::Moderated;
    std::unordered_map<std::string, std::vector<std::size_t>> recusedFrom;  // bid -> evaluators
    for (const Recusal& recusal : scores.recusals) {
        for (std::size_t e = 0; e < scores.evaluators.size(); ++e) {
            if (scores.evaluators[e].id == recusal.evaluator) {
                recusedFrom[recusal.bid].push_back(e);
            }
        }
    }
    const std::vector<std::size_t> nobody;
    for (std::size_t b = 0; b < bids.size(); ++b) {
        if (!reachesQuality(compliance[b])) {
            continue;
        }
        const Bid& bid = bids[b];
        const auto recusals = recusedFrom.find(bid.id);
        const std::vector<std::size_t>& standingAside = recusals == recusedFrom.end() ? nobody : recusals->second;
        const BidScores& entry = bidScores[b];
        for (std::size_t q = 0; q < rules.questions.size(); ++q) {
            const std::string& question = rules.questions[q].id;
            // Version 2, section 2.1: every evaluator assigned a question marks it, unless recused.
            std::size_t markers = 0;
            for (std::size_t e = 0; e < scores.evaluators.size(); ++e) {
                const Evaluator& evaluator = scores.evaluators[e];
                if (evaluator.questionsUnread || !evaluator.assigned(question) ||
                    std::find(standingAside.begin(), standingAside.end(), e) != standingAside.end()) {
                    continue;
                }
                ++markers;
                if (!entry.positions.mark(q, e)) {
                    errors.push_back({evaluator.at, "missing-mark",
                                      "evaluator '" + evaluator.id + "' did not mark bid '" + bid.id + "' question '" +
                                          question + "', which is assigned to them, and did not stand aside from it"});
                }
            }
            if (moderated) {
                if (!entry.consensus[q]) {
                    errors.push_back({scores.at, "missing-consensus",
                                      "bid '" + bid.id + "' (" + bid.at.file.str() +
                                          ") has no consensus score for question '" + question +
                                          "', which it needs because it is not excluded from every lot"});
                } else if (const int spread = spreadOf(entry.marks[q]);
                           overSpreadLimit(spread, rules.moderationSpread)) {
                    const ConsensusScore& consensus = scores.consensus[*entry.positions.consensus[q]];
                    if (isBlank(consensus.rationale)) {
                        errors.push_back({consensus.at, "moderation-note",
                                          "the marks for bid '" + bid.id + "' question '" + question + "' spread " +
                                              std::to_string(spread) + ", more than moderationSpread " +
                                              std::to_string(*rules.moderationSpread) +
                                              ": the consensus needs a note saying how the panel resolved it"});
                    }
                }
            } else if (markers == 0) {
                errors.push_back({scores.at, "missing-mark",
                                  "bid '" + bid.id + "' (" + bid.at.file.str() + ") has no mark for question '" +
                                      question +
                                      "', which it needs because it is not excluded from every lot: every "
                                      "evaluator assigned the question stood aside from the bid, or none is assigned"});
            }
        }
    }
    return errors;
}

}  // namespace tenderscore
