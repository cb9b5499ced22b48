#include "evaluation/quality.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace tenderscore {

std::vector<BidScores> indexScores(const Tender& tender, const std::vector<Bid>& bids, const Scores& scores) {
    const auto& questions = tender.evaluation.questions;
    std::unordered_map<std::string, std::size_t> bidIndex;
    for (std::size_t i = 0; i < bids.size(); ++i) {
        bidIndex.emplace(bids[i].id, i);
    }
    std::unordered_map<std::string, std::size_t> questionIndex;
    for (std::size_t i = 0; i < questions.size(); ++i) {
        questionIndex.emplace(questions[i].id, i);
    }
    std::unordered_map<std::string, std::size_t> evaluatorIndex;
    for (std::size_t i = 0; i < scores.evaluators.size(); ++i) {
        evaluatorIndex.emplace(scores.evaluators[i].id, i);
    }
    std::vector<BidScores> result(bids.size());
    for (BidScores& entry : result) {
        entry.marks.resize(questions.size());
        entry.consensus.resize(questions.size());
        entry.positions.evaluators = scores.evaluators.size();
        entry.positions.marks.resize(questions.size() * scores.evaluators.size());
        entry.positions.consensus.resize(questions.size());
    }
    auto locate = [&](const std::string& bid, const std::string& question) -> std::pair<BidScores*, std::size_t> {
        const auto b = bidIndex.find(bid);
        const auto q = questionIndex.find(question);
        if (b == bidIndex.end() || q == questionIndex.end()) {
            return {nullptr, 0};
        }
        return {&result[b->second], q->second};
    };
    for (std::size_t m = 0; m < scores.marks.size(); ++m) {
        const Mark& mark = scores.marks[m];
        if (auto [entry, q] = locate(mark.bid, mark.question); entry != nullptr) {
            entry->marks[q].push_back(mark.score);
            if (const auto e = evaluatorIndex.find(mark.evaluator); e != evaluatorIndex.end()) {
                entry->positions.marks[q * scores.evaluators.size() + e->second] = m;
            }
        }
    }
    for (std::size_t c = 0; c < scores.consensus.size(); ++c) {
        const ConsensusScore& consensus = scores.consensus[c];
        if (auto [entry, q] = locate(consensus.bid, consensus.question); entry != nullptr) {
            entry->consensus[q] = consensus.score;
            entry->positions.consensus[q] = c;
        }
    }
    return result;
}

std::optional<Fraction> questionScore(ConsensusRule rule, const std::vector<int>& marks,
                                      const std::optional<int>& consensus) {
    switch (rule) {
    case ConsensusRule::Moderated:
        if (!consensus) {
            return std::nullopt;
        }
        return Fraction(*consensus);
    case ConsensusRule::Mean: {
        if (marks.empty()) {
            return std::nullopt;
        }
        long sum = 0;
        for (const int mark : marks) {
            sum += mark;
        }
        Fraction mean(sum, static_cast<long>(marks.size()));
        mean.canonicalize();
        return mean;
    }
    case ConsensusRule::Median: {
        if (marks.empty()) {
            return std::nullopt;
        }
        std::vector<int> sorted = marks;
        std::sort(sorted.begin(), sorted.end());
        const std::size_t middle = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return Fraction(sorted[middle]);
        }
        Fraction median(sorted[middle - 1] + sorted[middle], 2);
        median.canonicalize();
        return median;
    }
    }
    return std::nullopt;
}

int spreadOf(const std::vector<int>& marks) {
    if (marks.size() < 2) {
        return 0;
    }
    const auto [lowest, highest] = std::minmax_element(marks.begin(), marks.end());
    return *highest - *lowest;
}

bool overSpreadLimit(int spread, const std::optional<int>& moderationSpread) {
    return moderationSpread && spread > *moderationSpread;
}

bool isHotspot(const std::vector<int>& marks, int scaleMax) {
    return 2 * spreadOf(marks) > scaleMax;  // spread > scaleMax / 2, in whole numbers
}

Fraction weightedScore(const Question& question, const Fraction& score, int scaleMax) {
    return question.weight * score / scaleMax;
}

bool belowQuestionMinimum(const EvaluationRules& rules, const Fraction& score) {
    return score < rules.minScoreEach;
}

bool belowQualityMinimum(const EvaluationRules& rules, const Fraction& quality) {
    return quality < rules.qualityWeight * rules.minQualityPercent / 100;
}

BidQuality assessQuality(const EvaluationRules& rules, BidScores scores) {
    BidQuality result;
    result.score = 0;
    result.questions.reserve(rules.questions.size());
    for (std::size_t q = 0; q < rules.questions.size(); ++q) {
        const std::optional<Fraction> score = questionScore(rules.consensus, scores.marks[q], scores.consensus[q]);
        if (!score) {
            throw std::logic_error("quality score of question " + rules.questions[q].id + " is missing");
        }
        const std::vector<int>& marks = scores.marks[q];
        QuestionQuality question;
        question.score = *score;
        question.belowMinimum = belowQuestionMinimum(rules, *score);
        question.hotspot = isHotspot(marks, rules.scaleMax);
        question.marks = static_cast<int>(marks.size());
        question.spread = spreadOf(marks);
        question.spreadFlagged = overSpreadLimit(question.spread, rules.moderationSpread);
        const bool below = question.belowMinimum;
        result.questions.push_back(std::move(question));
        result.score += weightedScore(rules.questions[q], *score, rules.scaleMax);
        if (below) {
            result.reasons.emplace_back(CodeKind::QualityBelowMin, rules.questions[q].id);
        }
    }
    result.belowMinimum = belowQualityMinimum(rules, result.score);
    if (result.belowMinimum) {
        result.reasons.emplace_back(CodeKind::QualityTotalBelowMin);
    }
    result.positions = std::move(scores.positions);
    return result;
}

}  // namespace tenderscore
