// results.json (spec section 3): the machine-readable result, fixed member order, same bytes
// for the same inputs.
#pragma once

#include <string>

#include "model.hpp"
#include "result.hpp"
#include "xml/pack_reader.hpp"

namespace tenderscore::json {

inline constexpr const char* resultsFormat = "tenderscore-results/1";

[[nodiscard]] std::string resultsJson(const Pack& pack, const xml::PackFiles& files, const Result& result);

}  // namespace tenderscore::json
