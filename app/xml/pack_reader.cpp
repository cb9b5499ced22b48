#include "pack_reader.hpp"

#include <algorithm>

#include "io/hash.hpp"
#include "readers.hpp"

namespace tenderscore::xml {

namespace {

/// Reads one document with `read`, recording its name and hash; nothing when it cannot be parsed.
template <typename Document, typename Read>
std::optional<Document> readOne(const InputDocument& document, const char* rootName, const char* ns,
                                const ReadLimits& limits, Read read, InputFile& file, Diagnostics& errors) {
    file.name = document.name;
    file.sha256 = io::sha256Hex(document.bytes);
    const auto source = XmlSource::parse(document.bytes, file.name, rootName, ns, errors, limits);
    if (!source) {
        return std::nullopt;
    }
    return read(*source, errors);
}

/// The bytes of a file as an input document, or nothing (with the problem in `errors`).
std::optional<InputDocument> load(const std::filesystem::path& path, const ReadLimits& limits, Diagnostics& errors) {
    auto bytes = readFileBytes(path, path.string(), limits, errors);
    if (!bytes) {
        return std::nullopt;
    }
    return InputDocument{path.string(), std::move(*bytes)};
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

ReadPack readDocuments(PackDocuments documents, const ReadLimits& limits, bool keepDocuments) {
    ReadPack result;
    if (documents.tender) {
        if (auto tender = readOne<Tender>(*documents.tender, "tender", tenderNamespace, limits, readTender,
                                          result.files.tender, result.errors)) {
            result.pack.tender = std::move(*tender);
            result.tenderRead = result.errors.empty();
        }
    }
    if (documents.bids) {
        result.hasBids = true;
        for (const InputDocument& document : *documents.bids) {
            InputFile input;
            if (auto bid = readOne<Bid>(document, "bid", bidNamespace, limits, readBid, input, result.errors)) {
                result.pack.bids.push_back(std::move(*bid));
                result.files.bids.push_back(std::move(input));
            } else {
                result.everyBidParsed = false;
            }
        }
    }
    if (documents.scores) {
        result.hasScores = true;
        InputFile input;
        if (auto scores = readOne<Scores>(*documents.scores, "scores", scoresNamespace, limits, readScores, input,
                                          result.errors)) {
            result.pack.scores = std::move(*scores);
        }
        result.files.scores = std::move(input);
    }
    if (keepDocuments) {
        result.documents = std::move(documents);
    }
    return result;
}

ReadPack readPack(const std::filesystem::path& tender, const std::optional<std::filesystem::path>& bids,
                  const std::optional<std::filesystem::path>& scores, const ReadLimits& limits, bool keepDocuments) {
    Diagnostics loadErrors;
    PackDocuments documents;
    documents.tender = load(tender, limits, loadErrors);
    bool everyBidLoaded = true;
    if (bids) {
        documents.bids.emplace();
        for (const std::filesystem::path& file : bidFiles(*bids)) {
            if (auto document = load(file, limits, loadErrors)) {
                documents.bids->push_back(std::move(*document));
            } else {
                everyBidLoaded = false;
            }
        }
    }
    if (scores) {
        documents.scores = load(*scores, limits, loadErrors);  // when it cannot be loaded, it is reported already
    }
    ReadPack result = readDocuments(std::move(documents), limits, keepDocuments);
    result.hasScores = scores.has_value();
    result.everyBidParsed = result.everyBidParsed && everyBidLoaded;
    result.errors.insert(result.errors.begin(), loadErrors.begin(), loadErrors.end());
    return result;
}

}  // namespace tenderscore::xml
