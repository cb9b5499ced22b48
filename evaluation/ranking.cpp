#include "evaluation/ranking.hpp"

#include <algorithm>

namespace tenderscore {

namespace {

/// Negative when `a` ranks before `b` on this key, positive when after, zero when equal.
int compareOn(TieBreakKey key, const RankKey& a, const RankKey& b, const std::vector<Bid>& bids) {
    switch (key) {
    case TieBreakKey::Quality:  // higher rounded quality first
        return cmp(b.quality, a.quality);
    case TieBreakKey::Price:  // lower exact price first
        return cmp(a.price, b.price);
    case TieBreakKey::Submitted: {  // earlier first
        const DateTime& x = bids[a.bid].submitted;
        const DateTime& y = bids[b.bid].submitted;
        return x < y ? -1 : (y < x ? 1 : 0);
    }
    }
    return 0;
}

}  // namespace

RankKey rankKey(const LotBidResult& row) {
    return RankKey{row.totalScore->units, row.qualityScore->units, *row.evaluatedPrice, row.bid};
}

int compareRank(const EvaluationRules& rules, const std::vector<Bid>& bids, const RankKey& a, const RankKey& b) {
    if (const int byTotal = cmp(b.total, a.total); byTotal != 0) {
        return byTotal;
    }
    for (const TieBreakKey key : rules.tieBreak) {
        if (const int byKey = compareOn(key, a, b, bids); byKey != 0) {
            return byKey;
        }
    }
    const std::string& x = bids[a.bid].id;
    const std::string& y = bids[b.bid].id;
    return x < y ? -1 : (y < x ? 1 : 0);
}

void rankLot(const EvaluationRules& rules, const std::vector<Bid>& bids, std::vector<LotBidResult>& rows) {
    for (LotBidResult& row : rows) {
        if (!row.compliant()) {
            continue;
        }
        row.priceScore = roundHalfUp(*row.exactPriceScore, rules.decimals);
        row.qualityScore = roundHalfUp(*row.exactQualityScore, rules.decimals);
        row.totalScore = *row.priceScore + *row.qualityScore;
    }
    std::sort(rows.begin(), rows.end(), [&](const LotBidResult& a, const LotBidResult& b) {
        if (a.compliant() != b.compliant()) {
            return a.compliant();
        }
        if (a.compliant()) {
            return compareRank(rules, bids, rankKey(a), rankKey(b)) < 0;
        }
        return bids[a.bid].id < bids[b.bid].id;
    });
    int rank = 0;
    for (LotBidResult& row : rows) {
        if (row.compliant()) {
            row.rank = ++rank;
        }
    }
}

}  // namespace tenderscore
