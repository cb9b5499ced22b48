// The sensitivity of a lot (version 2, section 2.7) in words, as a panel member reads it before
// sign-off: the ranking table, the workbook's Summary and its Sensitivity sheet say it the same way.
#pragma once

#include <string>

#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore::text {

/// The lot's margin: "One mark decides this award: moving one consensus score by 1 changes it
/// (2 such changes)." The input is named as the tender's consensus rule makes it: a consensus
/// score under `moderated`, one evaluator's mark under `mean` and `median`.
[[nodiscard]] std::string marginWords(const LotSensitivity& sensitivity, ConsensusRule rule, LotAward award);

/// The same in a few words, beside the Summary's Margin figure: "one mark decides the award
/// (Sensitivity sheet)".
[[nodiscard]] std::string marginNote(const LotSensitivity& sensitivity, LotAward award);

/// What a decisive change would do: "Had BID-002's consensus on Q1 been 4 instead of 3, BID-002
/// would have been awarded 11 places instead of 2, and BID-001 none instead of 9."
[[nodiscard]] std::string decisiveWords(const Pack& pack, const Lot& lot, const DecisiveChange& decisive);

}  // namespace tenderscore::text
