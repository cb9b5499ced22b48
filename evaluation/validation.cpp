#include "evaluation/validation.hpp"

#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "evaluation/compliance.hpp"

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
        if (rules.priceMethod == PriceMethod::CeilingLinear && !lot.maxWeeklyPrice) {
            errors.push_back({lot.at, "ceiling",
                              "lot '" + lot.id + "' has no maxWeeklyPrice, which priceMethod ceiling-linear needs"});
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
    std::map<std::tuple<std::string, std::string, std::string>, int> seenMarks;
    for (const Mark& mark : scores.marks) {
        checkTarget(mark.bid, mark.question, mark.at);
        checkScale(mark.score, mark.at);
        if (!mark.evaluator.empty() && evaluators.count(mark.evaluator) == 0) {
            errors.push_back({mark.at, "unknown-evaluator", "evaluator '" + mark.evaluator + "' is not declared"});
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
    for (std::size_t b = 0; b < bids.size(); ++b) {
        if (!reachesQuality(compliance[b])) {
            continue;
        }
        for (std::size_t q = 0; q < rules.questions.size(); ++q) {
            if (questionScore(rules.consensus, bidScores[b].marks[q], bidScores[b].consensus[q])) {
                continue;
            }
            errors.push_back({scores.at, moderated ? "missing-consensus" : "missing-mark",
                              "bid '" + bids[b].id + "' (" + bids[b].at.file.str() + ") has no " +
                                  (moderated ? "consensus score" : "mark") + " for question '" + rules.questions[q].id +
                                  "', which it needs because it is not excluded from every lot"});
        }
    }
    return errors;
}

}  // namespace tenderscore
