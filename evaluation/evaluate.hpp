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

/// What the readers managed to read, which decides which cross-document checks can be made.
struct ReadState {
    bool tender = true;  // the tender was read without a problem: its own sums can be checked
    bool scores = true;  // the scores document could be parsed: the marks each bid needs can be checked
    std::vector<std::string> troubledBids;  // bid files the readers found a problem in
};

/// The cross-document checks of 2.1 alone, for `tenderscore validate`. Either part may be absent.
/// The checks run over what was read, so that every problem is reported at once. The marks and
/// consensus a bid needs depend only on the tender's values and the bid's own, so they are checked
/// when the tender was read and passes its checks, for every bid without a problem of its own (a
/// bid whose file or values are in doubt is reported for that and not asked for marks). Problems of
/// the scores file do not stop those checks.
[[nodiscard]] Diagnostics validate(const Tender& tender, const std::vector<Bid>* bids, const Scores* scores,
                                   const ReadState& read = {});

}  // namespace tenderscore
