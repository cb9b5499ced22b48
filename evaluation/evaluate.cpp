#include "evaluation/evaluate.hpp"

#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

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
/// marks and consensus each bid needs) rely on the tender's passing and on each bid's own, not the
/// scores': a scores file with an unknown id in it still gets every missing mark reported in the
/// same run.
struct DocumentProblems {
    Diagnostics tender;
    Diagnostics bids;
    Diagnostics scores;
};

DocumentProblems checkDocuments(const Tender& tender, const std::vector<Bid>* bids, const Scores* scores,
                                bool tenderRead = true) {
    DocumentProblems problems;
    if (tenderRead) {
        problems.tender = checkTender(tender);
    }
    if (bids != nullptr) {
        problems.bids = checkBids(tender, *bids);
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

/// The bids that may be asked for marks: none of their own problems (the readers' or the checks'),
/// and an id no other bid has (marks name bids by id). Whether a bid needs marks depends only on
/// the tender and the bid, so the others' problems do not hide the marks these lack. Nothing when
/// every bid is sound (the common case: no copy).
std::optional<std::vector<Bid>> soundBids(const std::vector<Bid>& bids, const Diagnostics& problems,
                                          const std::vector<std::string>& troubledFiles) {
    std::unordered_set<std::string_view> troubled(troubledFiles.begin(), troubledFiles.end());
    for (const Diagnostic& problem : problems) {
        troubled.insert(problem.at.file.str());
    }
    if (troubled.empty()) {
        return std::nullopt;  // a repeated id is a problem of a bid's file (duplicate-bid)
    }
    std::unordered_map<std::string_view, int> uses;
    for (const Bid& bid : bids) {
        ++uses[bid.id];
    }
    std::vector<Bid> sound;
    for (const Bid& bid : bids) {
        if (troubled.count(bid.at.file.str()) == 0 && uses[bid.id] == 1) {
            sound.push_back(bid);
        }
    }
    return sound;
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

Diagnostics validate(const Tender& tender, const std::vector<Bid>* bids, const Scores* scores, const ReadState& read) {
    DocumentProblems problems = checkDocuments(tender, bids, scores, read.tender);
    Diagnostics errors = std::move(problems.tender);
    if (read.tender && read.scores && errors.empty() && bids != nullptr && scores != nullptr &&
        forThisTender(tender, *scores)) {
        const std::optional<std::vector<Bid>> some = soundBids(*bids, problems.bids, read.troubledBids);
        const std::vector<Bid>& sound = some ? *some : *bids;
        const auto compliance = assessAll(tender, sound);
        append(errors, checkQualityInputs(tender, sound, *scores, compliance, indexScores(tender, sound, *scores)));
    }
    append(errors, std::move(problems.bids));
    append(errors, std::move(problems.scores));
    sortForReport(errors);
    return errors;
}

Evaluation evaluate(const Pack& pack, Sensitivity sensitivity) {
    const Tender& tender = pack.tender;
    const std::vector<Bid>& bids = pack.bids;
    Evaluation evaluation;
    DocumentProblems problems = checkDocuments(tender, &bids, &pack.scores);
    if (!problems.tender.empty() || !problems.bids.empty()) {
        evaluation.errors = validate(tender, &bids, &pack.scores);  // every problem, as validate reports them
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
