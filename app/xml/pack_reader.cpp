#include "pack_reader.hpp"

#include <algorithm>

#include "io/hash.hpp"
#include "readers.hpp"

namespace tenderscore::xml {

namespace {

/// Reads one file with `read`, recording its hash; returns nothing when it could not be parsed.
template <typename Document, typename Read>
std::optional<Document> readOne(const std::filesystem::path& path, const char* rootName, const char* ns,
                                const ReadLimits& limits, Read read, InputFile& file, Diagnostics& errors) {
    file.name = path.string();
    auto bytes = readFileBytes(path, file.name, limits, errors);
    if (!bytes) {
        return std::nullopt;
    }
    file.sha256 = io::sha256Hex(*bytes);
    const auto source = XmlSource::parse(std::move(*bytes), file.name, rootName, ns, errors, limits);
    if (!source) {
        return std::nullopt;
    }
    return read(*source, errors);
}

}  // namespace

std::vector<std::filesystem::path> bidFiles(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.is_regular_file() && entry.path().extension() == ".xml") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end(), [](const std::filesystem::path& a, const std::filesystem::path& b) {
        return a.filename().string() < b.filename().string();
    });
    return files;
}

ReadPack readPack(const std::filesystem::path& tender, const std::optional<std::filesystem::path>& bids,
                  const std::optional<std::filesystem::path>& scores, const ReadLimits& limits) {
    ReadPack result;
    if (auto document = readOne<Tender>(tender, "tender", tenderNamespace, limits, readTender, result.files.tender,
                                        result.errors)) {
        result.pack.tender = std::move(*document);
    }
    if (bids) {
        result.hasBids = true;
        for (const std::filesystem::path& file : bidFiles(*bids)) {
            InputFile input;
            if (auto document = readOne<Bid>(file, "bid", bidNamespace, limits, readBid, input, result.errors)) {
                result.pack.bids.push_back(std::move(*document));
                result.files.bids.push_back(std::move(input));
            } else {
                result.everyBidParsed = false;
            }
        }
    }
    if (scores) {
        result.hasScores = true;
        InputFile input;
        if (auto document =
                readOne<Scores>(*scores, "scores", scoresNamespace, limits, readScores, input, result.errors)) {
            result.pack.scores = std::move(*document);
        }
        result.files.scores = std::move(input);
    }
    return result;
}

}  // namespace tenderscore::xml
