// Readers for the three documents of spec section 1. Each reports every problem it finds in its
// file to `errors` and returns the document read (possibly incomplete when errors were added),
// or nothing when the file could not be parsed at all.
#pragma once

#include <optional>
#include <string>

#include "evaluation/model.hpp"
#include "xml/element_reader.hpp"
#include "xml/xml_source.hpp"

namespace tenderscore::xml {

inline constexpr const char* tenderNamespace = "urn:tenderscore:tender:1";
inline constexpr const char* bidNamespace = "urn:tenderscore:bid:1";
inline constexpr const char* scoresNamespace = "urn:tenderscore:scores:1";

/// The largest weekly price of a place, £1,000,000.00: with the tender's limits, any award's
/// annual cost and contract value fit in pence as a 64-bit integer (docs/formats.md).
inline constexpr Pence maxWeeklyPrice = 100'000'000;

[[nodiscard]] std::optional<Tender> readTender(const XmlSource& source, Diagnostics& errors);
[[nodiscard]] std::optional<Bid> readBid(const XmlSource& source, Diagnostics& errors);
[[nodiscard]] std::optional<Scores> readScores(const XmlSource& source, Diagnostics& errors);

/// A scores document read from its bytes (as far as it could be read), or nothing when it cannot be parsed.
[[nodiscard]] std::optional<Scores> readScoresBytes(std::string bytes, const std::string& name,
                                                    const ReadLimits& limits);

}  // namespace tenderscore::xml
