// Version 2, section 2.7: how close each lot's outcome was. The margin of a lot is the smallest
// change of one quality input (a consensus score under `moderated`, one evaluator's mark under
// `mean` and `median`) that gives the lot another outcome when the whole tender is evaluated again;
// the decisive changes are every change of that size that does.
//
// Evaluating the tender again for every change of every input would cost bids x questions x
// evaluators x scale evaluations. The structure used instead, and proved against exactly that
// brute force on generated packs in tests/unit/test_sensitivity.cpp:
// - a change moves one bid's quality score, so only that bid's rows move in the rankings; the other
//   rows keep their scores unless the bid enters or leaves a lot whose lowest price it sets;
// - the award walk reads only the order of the rows, so a change that leaves a lot's order as it
//   was leaves its outcome; one that moves a row only among rows that took every place they offered,
//   with no cap in reach and the row taking what it took before, leaves it too; otherwise the walk
//   is run again from the first row that moved;
// - rows after the point where the walk closed (the lot full, or holding its providers) take
//   nothing, so a bid can only matter there if one change can lift its total to the closing row's:
//   a change of size k moves a quality score by at most max(weight) x k / scaleMax;
// - the sizes are tried from 1 up, and a lot whose margin is found is not looked at again; lots
//   share the per-setting cap, and when a lot's awards change and a later lot caps a home the first
//   one also offers, the later lots are awarded again.
#pragma once

#include <vector>

#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore {

/// Fills LotResult::sensitivity on every lot of `result`, the evaluation of `pack` whose 2.2
/// outcome for each bid's lot bids is `compliance`.
void assessSensitivity(const Pack& pack, const std::vector<std::vector<LotBidCompliance>>& compliance, Result& result);

}  // namespace tenderscore
