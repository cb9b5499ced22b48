// The assessment summary of one bid (Procurement Act 2023 s.50; Procurement Regulations 2024
// reg 31) as an HTML page with a print stylesheet: the bidder, the award criteria, the tender's
// score per criterion with the panel's explanation, its price score and how it came from its price,
// its total and rank, the successful tenders' scores beside it, and why it is not successful.
// Nothing of another unsuccessful tender appears in it.
#pragma once

#include <cstdint>
#include <string>

#include "evaluation/model.hpp"
#include "evaluation/result.hpp"
#include "publish/assessment.hpp"

namespace tenderscore::publish {

/// The page, whole. `date` (seconds since the epoch) is the summary's date.
[[nodiscard]] std::string summaryHtml(const Pack& pack, const Result& result, const BidderAssessment& bidder,
                                      std::int64_t date);

/// The parts of the page, for summary.cpp and summary_lot.cpp.
namespace part {
/// "How tenders were assessed": requirements, criteria, thresholds, ranking and award rules.
[[nodiscard]] std::string criteria(const Pack& pack);
/// How the price score is worked out, in words ("Price score = 70 × the lowest ...").
[[nodiscard]] std::string priceMethod(const EvaluationRules& rules);
/// One lot of the bid: its scores, price, homes, outcome and the successful tenders.
[[nodiscard]] std::string lot(const Pack& pack, const Result& result, const LotAssessment& view);
/// The lot's successful tenders: their suppliers and their scores beside this tender's own.
[[nodiscard]] std::string successful(const Pack& pack, const Result& result, const LotAssessment& view);
}  // namespace part

}  // namespace tenderscore::publish
