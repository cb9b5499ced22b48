// The ranking table `tenderscore evaluate` prints: per lot, rank, bidder, price, quality, total
// and places, then the lot's award figures and flags. Bidder text is made terminal-safe.
#pragma once

#include <ostream>

#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore::text {

void printRanking(std::ostream& out, const Pack& pack, const Result& result);

}  // namespace tenderscore::text
