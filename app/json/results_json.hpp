// results.json (spec section 3): the machine-readable result, fixed member order, same bytes
// for the same inputs.
#pragma once

#include <string>

#include "common/inputs.hpp"
#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore::json {

inline constexpr const char* resultsFormat = "tenderscore-results/1";

[[nodiscard]] std::string resultsJson(const Pack& pack, const PackFiles& files, const Result& result);

}  // namespace tenderscore::json
