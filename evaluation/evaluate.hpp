// The whole method of spec section 2 over a tender pack: validation, then exclusions, quality,
// price, rank and award, lot by lot in document order.
#pragma once

#include <optional>

#include "evaluation/diagnostic.hpp"
#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore {

/// Either the input errors that stop the run (all of them), or the result.
struct Evaluation {
    Diagnostics errors;
    std::optional<Result> result;
};

[[nodiscard]] Evaluation evaluate(const Pack& pack);

/// The cross-document checks of 2.1 alone, for `tenderscore validate`. Either part may be absent.
/// `documentsRead` is false when a reader already reported problems: the checks then run over what
/// was read, so that every problem is reported at once, but the tender's own sums are checked only
/// when `tenderRead`, and the consensus each bid needs is not (it depends on values not read).
[[nodiscard]] Diagnostics validate(const Tender& tender, const std::vector<Bid>* bids, const Scores* scores,
                                   bool documentsRead = true, bool tenderRead = true);

}  // namespace tenderscore
