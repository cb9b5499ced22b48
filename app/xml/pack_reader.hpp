// Reads a tender pack from disk: the tender, every *.xml in the bids folder (in file-name byte
// order, so runs are deterministic) and the panel's scores, with each file's SHA-256.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model.hpp"
#include "xml_source.hpp"

namespace tenderscore::xml {

/// One input file: the name it is reported under and the SHA-256 of its bytes.
struct InputFile {
    std::string name;
    std::string sha256;
};

struct PackFiles {
    InputFile tender;
    std::vector<InputFile> bids;  // parallel to Pack::bids
    std::optional<InputFile> scores;
};

/// The bytes of one input document and the name it is reported under.
struct InputDocument {
    std::string name;
    std::string bytes;
};

/// A pack's documents in memory: from disk, or from an audit log for a replay.
struct PackDocuments {
    std::optional<InputDocument> tender;
    std::optional<std::vector<InputDocument>> bids;  // in file-name order
    std::optional<InputDocument> scores;
};

struct ReadPack {
    Pack pack;
    PackFiles files;
    PackDocuments documents;  // the bytes read, kept only when asked for (the audit log stores them)
    Diagnostics errors;
    bool tenderRead = false;  // the tender was read without a problem
    bool hasBids = false;
    bool everyBidParsed = true;  // false when a bid file could not be parsed at all
    bool hasScores = false;
};

/// The bid files of a folder: regular files ending in ".xml", sorted by name.
[[nodiscard]] std::vector<std::filesystem::path> bidFiles(const std::filesystem::path& folder);

/// Reads whatever of the pack is given (bids and scores are optional, for `validate`). Every
/// problem of every file is collected in `errors`; the pack is only usable when there are none.
[[nodiscard]] ReadPack readPack(const std::filesystem::path& tender, const std::optional<std::filesystem::path>& bids,
                                const std::optional<std::filesystem::path>& scores, const ReadLimits& limits,
                                bool keepDocuments = false);

/// The same from documents already in memory.
[[nodiscard]] ReadPack readDocuments(PackDocuments documents, const ReadLimits& limits, bool keepDocuments = false);

}  // namespace tenderscore::xml
