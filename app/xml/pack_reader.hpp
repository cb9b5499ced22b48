// Reads a tender pack from disk: the tender, every *.xml in the bids folder (in file-name byte
// order, so runs are deterministic) and the panel's scores, with each file's SHA-256.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/inputs.hpp"
#include "common/limits.hpp"
#include "evaluation/model.hpp"

namespace tenderscore::xml {

struct ReadPack {
    Pack pack;
    PackFiles files;
    PackDocuments documents;  // the bytes read, kept only when asked for (the audit log stores them)
    Diagnostics errors;
    bool tenderRead = false;  // the tender was read without a problem
    bool hasBids = false;
    bool everyBidParsed = true;  // false when a bid file could not be parsed at all
    bool bidsRead = true;        // every bid file was read without a problem
    bool hasScores = false;
    bool scoresParsed = false;  // the scores file was parsed (it may still have problems)
};

/// The bid files of a folder: regular files ending in ".xml", sorted by name. A folder that cannot
/// be listed, and an entry ending in ".xml" that cannot be read or is not a regular file, are
/// reported in `errors`; nothing is thrown.
[[nodiscard]] std::vector<std::filesystem::path> bidFiles(const std::filesystem::path& folder, Diagnostics& errors);
/// The same, for a count: problems are left to the reading.
[[nodiscard]] std::vector<std::filesystem::path> bidFiles(const std::filesystem::path& folder);

/// Reads whatever of the pack is given (bids and scores are optional, for `validate`). Every
/// problem of every file is collected in `errors`; the pack is only usable when there are none.
[[nodiscard]] ReadPack readPack(const std::filesystem::path& tender, const std::optional<std::filesystem::path>& bids,
                                const std::optional<std::filesystem::path>& scores, const ReadLimits& limits,
                                bool keepDocuments = false);

/// The same from documents already in memory.
[[nodiscard]] ReadPack readDocuments(PackDocuments documents, const ReadLimits& limits, bool keepDocuments = false);

}  // namespace tenderscore::xml
