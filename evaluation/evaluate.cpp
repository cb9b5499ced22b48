#include "evaluation/evaluate.hpp"

#include "evaluation/award.hpp"
#include "evaluation/compliance.hpp"
#include "evaluation/price.hpp"
#include "evaluation/quality.hpp"
#include "evaluation/ranking.hpp"
#include "evaluation/validation.hpp"

namespace tenderscore {

namespace {

void append(Diagnostics& to, Diagnostics from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

/// Checks that need only each document and the tender; later checks rely on these passing.
Diagnostics checkDocuments(const Tender& tender, const std::vector<Bid>* bids, const Scores* scores,
                           bool tenderRead = true) {
    Diagnostics errors = tenderRead ? checkTender(tender) : Diagnostics{};
    if (bids != nullptr) {
        append(errors, checkBids(tender, *bids));
    }
    if (scores != nullptr) {
        append(errors, checkScores(tender, *scores, bids));
    }
    return errors;
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

Diagnostics validate(const Tender& tender, const std::vector<Bid>* bids, const Scores* scores, bool documentsRead,
                     bool tenderRead) {
    Diagnostics errors = checkDocuments(tender, bids, scores, tenderRead);
    if (documentsRead && errors.empty() && bids != nullptr && scores != nullptr) {
        const auto compliance = assessAll(tender, *bids);
        append(errors, checkQualityInputs(tender, *bids, *scores, compliance, indexScores(tender, *bids, *scores)));
    }
    sortForReport(errors);
    return errors;
}

Evaluation evaluate(const Pack& pack) {
    const Tender& tender = pack.tender;
    const std::vector<Bid>& bids = pack.bids;
    Evaluation evaluation;
    evaluation.errors = checkDocuments(tender, &bids, &pack.scores);
    if (!evaluation.errors.empty()) {
        sortForReport(evaluation.errors);
        return evaluation;
    }
    const auto compliance = assessAll(tender, bids);
    auto bidScores = indexScores(tender, bids, pack.scores);
    evaluation.errors = checkQualityInputs(tender, bids, pack.scores, compliance, bidScores);
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
    evaluation.result = std::move(result);
    return evaluation;
}

}  // namespace tenderscore
