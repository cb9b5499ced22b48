#include "evaluation/evaluate.hpp"

#include "evaluation/award.hpp"
#include "evaluation/compliance.hpp"
#include "evaluation/price.hpp"
#include "evaluation/quality.hpp"
#include "evaluation/ranking.hpp"
#include "evaluation/sensitivity.hpp"
#include "evaluation/validation.hpp"

namespace tenderscore {

namespace {

void append(Diagnostics& to, Diagnostics from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

/// Checks that need only each document and the tender. The checks of the panel's record (the
/// marks and consensus each bid needs) rely on the tender's and the bids' passing, not the scores':
/// a scores file with an unknown id in it still gets every missing mark reported in the same run.
struct DocumentProblems {
    Diagnostics tenderAndBids;
    Diagnostics scores;
};

DocumentProblems checkDocuments(const Tender& tender, const std::vector<Bid>* bids, const Scores* scores,
                                bool tenderRead = true) {
    DocumentProblems problems;
    if (tenderRead) {
        problems.tenderAndBids = checkTender(tender);
    }
    if (bids != nullptr) {
        append(problems.tenderAndBids, checkBids(tender, *bids));
    }
    if (scores != nullptr) {
        problems.scores = checkScores(tender, *scores, bids);
    }
    return problems;
}

/// Scores for another tender (reported by checkScores) say nothing about which marks this one needs.
bool forThisTender(const Tender& tender, const Scores& scores) {
    return scores.tender.empty() || scores.tender == tender.id;
}

std::vector<std::vector<LotBidCompliance>> assessAll(const Tender& tender, const std::vector<Bid>& bids) {
    std::vector<std::vector<LotBidCompliance>> compliance;
    compliance.reserve(bids.size());
    for (const Bid& bid : bids) {
        compliance.push_back(assessCompliance(tender, bid));
    }
    return compliance;
}

/// Version 2, section 2.3: MARKS_SPREAD on a compliant lot bid for each question (tender order)
/// whose marks spread more than the tender allows; before any flag of 2.4.
void flagSpreads(const EvaluationRules& rules, const BidQuality& quality, LotBidResult& row) {
    if (!row.compliant()) {
        return;
    }
    for (std::size_t q = 0; q < quality.questions.size(); ++q) {
        if (quality.questions[q].spreadFlagged) {
            row.flags.emplace_back(CodeKind::MarksSpread, rules.questions[q].id);
        }
    }
}

}  // namespace

Diagnostics validate(const Tender& tender, const std::vector<Bid>* bids, const Scores* scores, bool tenderAndBidsRead,
                     bool tenderRead) {
    DocumentProblems problems = checkDocuments(tender, bids, scores, tenderRead);
    Diagnostics errors = std::move(problems.tenderAndBids);
    if (tenderAndBidsRead && errors.empty() && bids != nullptr && scores != nullptr && forThisTender(tender, *scores)) {
        const auto compliance = assessAll(tender, *bids);
        append(errors, checkQualityInputs(tender, *bids, *scores, compliance, indexScores(tender, *bids, *scores)));
    }
    append(errors, std::move(problems.scores));
    sortForReport(errors);
    return errors;
}

Evaluation evaluate(const Pack& pack, Sensitivity sensitivity) {
    const Tender& tender = pack.tender;
    const std::vector<Bid>& bids = pack.bids;
    Evaluation evaluation;
    DocumentProblems problems = checkDocuments(tender, &bids, &pack.scores);
    if (!problems.tenderAndBids.empty()) {
        evaluation.errors = std::move(problems.tenderAndBids);
        append(evaluation.errors, std::move(problems.scores));
        sortForReport(evaluation.errors);
        return evaluation;
    }
    if (!forThisTender(tender, pack.scores)) {
        evaluation.errors = std::move(problems.scores);
        sortForReport(evaluation.errors);
        return evaluation;
    }
    const auto compliance = assessAll(tender, bids);
    auto bidScores = indexScores(tender, bids, pack.scores);
    evaluation.errors = checkQualityInputs(tender, bids, pack.scores, compliance, bidScores);
    append(evaluation.errors, std::move(problems.scores));
    if (!evaluation.errors.empty()) {
        sortForReport(evaluation.errors);
        return evaluation;
    }

    Result result;
    result.quality.resize(bids.size());
    for (std::size_t b = 0; b < bids.size(); ++b) {
        if (reachesQuality(compliance[b])) {
            result.quality[b] = assessQuality(tender.evaluation, std::move(bidScores[b]));
        }
    }

    PlacesByUrn awardedByUrn;
    for (std::size_t l = 0; l < tender.lots.size(); ++l) {
        const Lot& lot = tender.lots[l];
        LotResult lotResult;
        lotResult.lot = l;
        for (std::size_t b = 0; b < bids.size(); ++b) {
            for (std::size_t i = 0; i < bids[b].lotBids.size(); ++i) {
                if (bids[b].lotBids[i].lot != lot.id) {
                    continue;
                }
                const LotBidCompliance& c = compliance[b][i];
                LotBidResult row;
                row.bid = b;
                row.lotBid = i;
                row.reasons = c.reasons;
                row.notes = c.notes;
                row.eligible = c.eligible;
                if (const auto& quality = result.quality[b]) {
                    row.reasons.insert(row.reasons.end(), quality->reasons.begin(), quality->reasons.end());
                    row.exactQualityScore = quality->score;
                    flagSpreads(tender.evaluation, *quality, row);
                }
                lotResult.bids.push_back(std::move(row));
            }
        }
        lotResult.lowestPrice = scoreLotPrices(tender.evaluation, lot, bids, lotResult.bids);
        rankLot(tender.evaluation, bids, lotResult.bids);
        awardLot(tender, lot, bids, lotResult, awardedByUrn);
        result.lots.push_back(std::move(lotResult));
    }
    if (sensitivity == Sensitivity::Assess) {
        assessSensitivity(pack, compliance, result);
    }
    evaluation.result = std::move(result);
    return evaluation;
}

}  // namespace tenderscore
