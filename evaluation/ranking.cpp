#include "evaluation/ranking.hpp"

#include <algorithm>

namespace tenderscore {

namespace {

/// Negative when `a` ranks before `b` on this key, positive when after, zero when equal.
int compareOn(TieBreakKey key, const LotBidResult& a, const LotBidResult& b, const std::vector<Bid>& bids) {
    switch (key) {
    case TieBreakKey::Quality:  // higher rounded quality first
        return cmp(b.qualityScore->units, a.qualityScore->units);
    case TieBreakKey::Price:  // lower exact price first
        return cmp(*a.evaluatedPrice, *b.evaluatedPrice);
    case TieBreakKey::Submitted: {  // earlier first
        const DateTime& x = bids[a.bid].submitted;
        const DateTime& y = bids[b.bid].submitted;
        return x < y ? -1 : (y < x ? 1 : 0);
    }
    }
    return 0;
}

}  // namespace

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
            if (const int byTotal = cmp(b.totalScore->units, a.totalScore->units); byTotal != 0) {
                return byTotal < 0;
            }
            for (const TieBreakKey key : rules.tieBreak) {
                if (const int byKey = compareOn(key, a, b, bids); byKey != 0) {
                    return byKey < 0;
                }
            }
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
