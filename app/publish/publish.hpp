// `tenderscore publish`: the evaluation a run produced, presented for publication. Writes
// OUT/ocds.json and OUT/summaries/<bid id>.html, with a PDF beside each summary when Chromium is
// installed, whole or not at all: every file is built (and every PDF printed) before any is put in
// place, through io::OutputSet, and a failure leaves the earlier publication as it was.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore::publish {

inline constexpr const char* ocdsFile = "ocds.json";
inline constexpr const char* summariesFolder = "summaries";

struct PublishOptions {
    std::string ocidPrefix;                         // checked with isOcidPrefix by the caller
    std::int64_t date = 0;                          // the run's time: the release date and the summaries' date
    std::optional<std::filesystem::path> chromium;  // print PDFs with it; none: HTML only
};

struct Published {
    std::filesystem::path folder;
    std::vector<std::string> summaries;  // the bid ids, in the pack's order
    bool pdf = false;
};

/// Throws io::OutputError (nothing changed) or io::PartialOutput.
[[nodiscard]] Published publish(const std::filesystem::path& out, const Pack& pack, const Result& result,
                                const PublishOptions& options);

}  // namespace tenderscore::publish
