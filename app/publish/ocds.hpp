// The award as open data: an OCDS 1.1.5 release package with one release (tag "award"), using the
// lots, bids and award criteria extensions. Every figure is the core's: award values are the lots'
// contract values, bid values the evaluated prices, ranks the ranks of results.json.
// docs/publication.md explains each field; schemas/ocds-release-package.schema.json checks it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore::publish {

/// A registered OCDS prefix: "ocds-" and six lower-case letters or digits ("ocds-b5fd17").
[[nodiscard]] bool isOcidPrefix(std::string_view text);

/// The release package's bytes. `date` (seconds since the epoch) is the release's and the
/// package's date.
[[nodiscard]] std::string ocdsJson(const Pack& pack, const Result& result, const std::string& ocidPrefix,
                                   std::int64_t date);

}  // namespace tenderscore::publish
