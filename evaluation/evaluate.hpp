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

/// Whether evaluate also works out the sensitivity of 2.7 (the brute-force reference of the tests
/// evaluates without it, once for every change).
enum class Sensitivity { Assess, Skip };

[[nodiscard]] Evaluation evaluate(const Pack& pack, Sensitivity sensitivity = Sensitivity::Assess);

/// The cross-document checks of 2.1 alone, for `tenderscore validate`. Either part may be absent.
/// The checks run over what was read, so that every problem is reported at once; the tender's own
/// sums are checked only when `tenderRead`, and the marks and consensus each bid needs only when
/// `tenderAndBidsRead` (the tender and every bid read without a problem: which bids need them
/// depends on the tender's and the bids' values). Problems of the scores file do not stop those.
[[nodiscard]] Diagnostics validate(const Tender& tender, const std::vector<Bid>* bids, const Scores* scores,
                                   bool tenderAndBidsRead = true, bool tenderRead = true);

}  // namespace tenderscore
