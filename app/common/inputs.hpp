// Where a pack's documents came from, as every adapter needs to know it: the name each input was
// read under, the SHA-256 of its bytes, and the bytes themselves when they are kept (the audit log
// stores them; a replay or the panel server supplies them from memory).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tenderscore {

/// One input file: the name it is reported under and the SHA-256 of its bytes.
struct InputFile {
    std::string name;
    std::string sha256;
};

/// The provenance of a pack's documents, parallel to the pack.
struct PackFiles {
    InputFile tender;
    std::vector<InputFile> bids;  // parallel to Pack::bids
    std::optional<InputFile> scores;
    std::vector<InputFile> rejected;  // files of the bids folder the panel rejected at opening, by name
};

/// The bytes of one input document and the name it is reported under.
struct InputDocument {
    std::string name;
    std::string bytes;
};

/// A pack's documents in memory: from disk, or from an audit log for a replay.
struct PackDocuments {
    std::optional<InputDocument> tender;
    std::optional<std::vector<InputDocument>> bids;  // in file-name order, the rejected files among them
    std::optional<InputDocument> scores;
    std::vector<InputDocument> rejected;  // kept only: the files of `bids` the scores reject, by name
};

}  // namespace tenderscore
