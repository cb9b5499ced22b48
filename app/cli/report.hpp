// The ranking table `tenderscore evaluate` prints: per lot, rank, bidder, price, quality, total
// and places, then the lot's award figures and flags. Bidder text is made terminal-safe.
#pragma once

#include <ostream>

#include "model.hpp"
#include "result.hpp"

namespace tenderscore::cli {

void printRanking(std::ostream& out, const Pack& pack, const Result& result);

}  // namespace tenderscore::cli
