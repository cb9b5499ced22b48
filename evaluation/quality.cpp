#include "evaluation/quality.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

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
    std::vector<BidScores> result(bids.size());
    for (BidScores& entry : result) {
        entry.marks.resize(questions.size());
        entry.consensus.resize(questions.size());
    }
    auto locate = [&](const std::string& bid, const std::string& question) -> std::pair<BidScores*, std::size_t> {
        const auto b = bidIndex.find(bid);
        const auto q = questionIndex.find(question);
        if (b == bidIndex.end() || q == questionIndex.end()) {
            return {nullptr, 0};
        }
        return {&result[b->second], q->second};
    };
    for (const Mark& mark : scores.marks) {
        if (auto [entry, q] = locate(mark.bid, mark.question); entry != nullptr) {
            entry->marks[q].push_back(mark.score);
        }
    }
    for (const ConsensusScore& consensus : scores.consensus) {
        if (auto [entry, q] = locate(consensus.bid, consensus.question); entry != nullptr) {
            entry->consensus[q] = consensus.score;
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

BidQuality assessQuality(const EvaluationRules& rules, const BidScores& scores) {
    BidQuality result;
    result.score = 0;
    for (std::size_t q = 0; q < rules.questions.size(); ++q) {
        const std::optional<Fraction> score = questionScore(rules.consensus, scores.marks[q], scores.consensus[q]);
        if (!score) {
            throw std::logic_error("quality score of question " + rules.questions[q].id + " is missing");
        }
        result.questionScores.push_back(*score);
        result.score += rules.questions[q].weight * *score / rules.scaleMax;
        if (*score < rules.minScoreEach) {
            result.reasons.push_back("QUALITY_BELOW_MIN:" + rules.questions[q].id);
        }
    }
    if (result.score < rules.qualityWeight * rules.minQualityPercent / 100) {
        result.reasons.emplace_back("QUALITY_TOTAL_BELOW_MIN");
    }
    return result;
}

}  // namespace tenderscore
