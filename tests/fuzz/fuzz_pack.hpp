// Shared by the fuzz targets: a valid tender to read bids and scores against, and the splitting of
// one fuzz input into the documents of a pack.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "evaluation/model.hpp"

namespace tenderscore::fuzz {

/// The Essex sample's tender, read once.
const Tender& referenceTender();

/// Splits an input at lines "=====": the tender first, the scores last, bids in between.
std::vector<std::string> splitDocuments(std::string_view input);

}  // namespace tenderscore::fuzz
