#include "xml/pack_reader.hpp"

#include <algorithm>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <atomic>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

#include "io/hash.hpp"
#include "xml/readers.hpp"

namespace tenderscore::xml {

namespace {

/// Reads one document with `read`, recording its name and hash; nothing when it cannot be parsed.
/// The bytes are parsed in place: a copy is kept only when the caller asked to keep the document.
template <typename Document, typename Read>
std::optional<Document> readOne(InputDocument& document, bool keep, const char* rootName, const char* ns,
                                const ReadLimits& limits, Read read, InputFile& file, Diagnostics& errors) {
    file.name = document.name;
    file.sha256 = io::sha256Hex(document.bytes);
    std::string bytes = keep ? document.bytes : std::move(document.bytes);
    const auto source = XmlSource::parse(std::move(bytes), file.name, rootName, ns, errors, limits);
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

/// A problem with a file or folder as a whole.
void pathError(Diagnostics& errors, const std::filesystem::path& path, const char* rule, std::string message) {
    Diagnostic diagnostic;
    diagnostic.at.file = path.string();
    diagnostic.rule = rule;
    diagnostic.message = std::move(message);
    errors.push_back(std::move(diagnostic));
}

}  // namespace

std::vector<std::filesystem::path> bidFiles(const std::filesystem::path& folder, Diagnostics& errors) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    std::error_code listing;
    fs::directory_iterator entry(folder, listing);
    for (; !listing && entry != fs::directory_iterator(); entry.increment(listing)) {
        const fs::path& path = entry->path();
        if (path.extension() != ".xml") {
            continue;  // not a bid file: never looked at further (it may be anything, a link loop too)
        }
        // A file named as a bid that cannot be read is reported, never skipped: a bid would vanish.
        std::error_code examining;
        const fs::file_status status = fs::status(path, examining);  // through links
        if (examining) {
            pathError(errors, path, "read", "cannot read the file: " + examining.message());
        } else if (!fs::is_regular_file(status)) {
            pathError(errors, path, "read", "a bid file must be a regular file; this is not");
        } else {
            files.push_back(path);
        }
    }
    if (listing) {
        pathError(errors, folder, "bids-folder", "cannot list the bids folder: " + listing.message());
    }
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename().string() < b.filename().string(); });
    return files;
}

std::vector<std::filesystem::path> bidFiles(const std::filesystem::path& folder) {
    Diagnostics ignored;
    return bidFiles(folder, ignored);
}

namespace {

/// Where a document comes from: a file to load, or bytes already in memory.
struct Source {
    std::filesystem::path path;
    std::optional<InputDocument> document;
};

/// One document read on some thread: everything it produced, merged later in a fixed order.
template <typename Document>
struct Slot {
    std::optional<Document> document;
    InputFile file;
    Diagnostics errors;
    std::optional<InputDocument> kept;
    bool loaded = true;
};

template <typename Document, typename Read>
void fill(Slot<Document>& slot, Source source, const ReadLimits& limits, bool keep, const char* rootName,
          const char* ns, Read read) {
    std::optional<InputDocument> document = std::move(source.document);
    if (!document) {
        document = load(source.path, limits, slot.errors);
        if (!document) {
            slot.loaded = false;
            return;
        }
    }
    slot.document = readOne<Document>(*document, keep, rootName, ns, limits, read, slot.file, slot.errors);
    if (keep) {
        slot.kept = std::move(document);
    }
}

/// Runs job(0) ... job(count - 1) on up to `threads` threads (0: one per core). Each job writes only
/// its own slot, so the result does not depend on the number of threads or their timing.
template <typename Job>
void runParallel(std::size_t count, std::size_t threads, Job job) {
    if (threads == 0) {
        threads = std::max(1U, std::thread::hardware_concurrency());
    }
    threads = std::min({threads, count, maxThreads});
    if (threads <= 1) {
        for (std::size_t i = 0; i < count; ++i) {
            job(i);
        }
        return;
    }
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failureLock;
    const auto work = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            try {
                job(i);
            } catch (...) {
                const std::lock_guard<std::mutex> lock(failureLock);
                failure = std::current_exception();
            }
        }
    };
    std::vector<std::thread> workers;
    try {
        for (std::size_t t = 0; t < threads; ++t) {
            workers.emplace_back(work);
        }
    } catch (const std::system_error&) {
        // The system would not start another thread: the ones running share the work.
    }
    if (workers.empty()) {
        work();
    }
    for (std::thread& worker : workers) {
        worker.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
}

/// Hands the memory the parsed trees used back to the system. The reading threads freed it into
/// their own allocator arenas, where the rest of the run (on the main thread) cannot reuse it.
void releaseFreedMemory() {
#ifdef __GLIBC__
    (void)malloc_trim(0);
#endif
}

/// A file of the bids folder that is not a bid file (not *.xml), by name, when it is there.
using OtherFile = std::function<std::optional<InputDocument>(const std::string& name, Diagnostics& errors)>;

std::string fileNameOf(const std::string& path) {
    return std::filesystem::path(path).filename().string();
}

/// The files the panel rejected at opening (version 2, section 1.3): each is hashed, and kept when
/// documents are kept, but never read as a bid, whatever it holds. A rejected file read as a bid
/// file (a *.xml) is taken out of the bids with every problem its reading found; any other is
/// fetched by name. One that is not in the bids folder is an input error.
void setAside(const Scores& scores, std::vector<Slot<Bid>>& bidSlots, const OtherFile& otherFile, bool keep,
              ReadPack& result) {
    std::map<std::string, const RejectedFile*> rejected;
    for (const RejectedFile& file : scores.rejected) {
        // A name with a folder part names no file of the bids folder; the scores' reader said so.
        if (!file.file.empty() && file.file == fileNameOf(file.file) && file.file.find('\\') == std::string::npos &&
            file.file != "." && file.file != "..") {
            rejected.emplace(file.file, &file);
        }
    }
    std::map<std::string, std::pair<InputFile, std::optional<InputDocument>>> found;
    std::vector<Slot<Bid>> kept;
    for (Slot<Bid>& slot : bidSlots) {
        const std::string name = fileNameOf(slot.file.name);
        if (!slot.loaded || rejected.count(name) == 0) {
            kept.push_back(std::move(slot));
            continue;
        }
        found.emplace(name, std::make_pair(std::move(slot.file), std::move(slot.kept)));
    }
    bidSlots = std::move(kept);
    for (const auto& [name, file] : rejected) {
        if (found.count(name) != 0) {
            continue;
        }
        Diagnostics problems;
        std::optional<InputDocument> document = otherFile ? otherFile(name, problems) : std::nullopt;
        if (!document) {
            result.errors.push_back(
                {file->at, "rejected-file",
                 problems.empty() ? "the rejected file '" + name + "' is not in the bids folder"
                                  : "the rejected file '" + name + "' cannot be kept: " + problems.front().message});
            continue;
        }
        InputFile input{document->name, io::sha256Hex(document->bytes)};
        found.emplace(name, std::make_pair(std::move(input), std::move(document)));
    }
    for (auto& [name, file] : found) {
        result.files.rejected.push_back(std::move(file.first));
        if (keep && file.second) {
            result.documents.rejected.push_back(std::move(*file.second));
        }
    }
}

ReadPack readSources(std::optional<Source> tender, std::optional<std::vector<Source>> bids,
                     std::optional<Source> scores, const ReadLimits& limits, bool keep, const OtherFile& otherFile) {
    ReadPack result;
    result.hasBids = bids.has_value();
    result.hasScores = scores.has_value();
    Slot<Tender> tenderSlot;
    if (tender) {
        fill(tenderSlot, std::move(*tender), limits, keep, "tender", tenderNamespace, readTender);
    }
    std::vector<Slot<Bid>> bidSlots(bids ? bids->size() : 0);
    Slot<Scores> scoresSlot;
    // The scores file is the largest single document: start it first, beside the bids.
    const std::size_t jobs = bidSlots.size() + (scores ? 1 : 0);
    runParallel(jobs, limits.threads, [&](std::size_t job) {
        if (scores && job == 0) {
            fill(scoresSlot, std::move(*scores), limits, keep, "scores", scoresNamespace, readScores);
            return;
        }
        const std::size_t b = job - (scores ? 1 : 0);
        fill(bidSlots[b], std::move((*bids)[b]), limits, keep, "bid", bidNamespace, readBid);
    });
    releaseFreedMemory();

    auto merge = [&](auto& slot) { result.errors.insert(result.errors.end(), slot.errors.begin(), slot.errors.end()); };
    merge(tenderSlot);
    if (tenderSlot.document) {
        result.pack.tender = std::move(*tenderSlot.document);
        result.tenderRead = tenderSlot.errors.empty();
    }
    result.files.tender = std::move(tenderSlot.file);
    if (keep) {
        result.documents.tender = std::move(tenderSlot.kept);
        if (bids) {
            result.documents.bids.emplace();
        }
    }
    if (scoresSlot.document && bids) {
        setAside(*scoresSlot.document, bidSlots, otherFile, keep, result);
    }
    for (Slot<Bid>& slot : bidSlots) {
        merge(slot);
        result.bidsRead = result.bidsRead && slot.errors.empty();
        if (slot.document) {
            result.pack.bids.push_back(std::move(*slot.document));
            result.files.bids.push_back(std::move(slot.file));
        } else {
            result.everyBidParsed = false;
        }
        if (keep && slot.kept) {
            result.documents.bids->push_back(std::move(*slot.kept));
        }
    }
    if (scores) {
        merge(scoresSlot);
        if (scoresSlot.document) {
            result.scoresParsed = true;
            result.pack.scores = std::move(*scoresSlot.document);
        }
        if (scoresSlot.loaded) {
            result.files.scores = std::move(scoresSlot.file);
        }
        if (keep) {
            result.documents.scores = std::move(scoresSlot.kept);
        }
    }
    return result;
}

}  // namespace

ReadPack readDocuments(PackDocuments documents, const ReadLimits& limits, bool keepDocuments) {
    auto inMemory = [](std::optional<InputDocument>& document) {
        return document ? std::optional<Source>(Source{{}, std::move(document)}) : std::nullopt;
    };
    std::optional<std::vector<Source>> bids;
    if (documents.bids) {
        bids.emplace();
        for (InputDocument& document : *documents.bids) {
            bids->push_back(Source{{}, std::move(document)});
        }
    }
    // In memory every file of the bids folder is among the bids given (a rejected file need not be *.xml).
    return readSources(inMemory(documents.tender), std::move(bids), inMemory(documents.scores), limits, keepDocuments,
                       nullptr);
}

ReadPack readPack(const std::filesystem::path& tender, const std::optional<std::filesystem::path>& bids,
                  const std::optional<std::filesystem::path>& scores, const ReadLimits& limits, bool keepDocuments) {
    std::optional<std::vector<Source>> bidSources;
    Diagnostics listing;
    if (bids) {
        bidSources.emplace();
        for (const std::filesystem::path& file : bidFiles(*bids, listing)) {
            bidSources->push_back(Source{file, std::nullopt});
        }
    }
    std::optional<Source> scoresSource;
    if (scores) {
        scoresSource = Source{*scores, std::nullopt};
    }
    OtherFile otherFile;
    if (bids) {
        otherFile = [folder = *bids, &limits](const std::string& name, Diagnostics& errors) {
            const std::filesystem::path path = folder / name;
            std::error_code ec;
            if (!std::filesystem::is_regular_file(path, ec)) {
                return std::optional<InputDocument>();
            }
            return load(path, limits, errors);
        };
    }
    ReadPack read = readSources(Source{tender, std::nullopt}, std::move(bidSources), std::move(scoresSource), limits,
                                keepDocuments, otherFile);
    if (!listing.empty()) {
        read.errors.insert(read.errors.end(), listing.begin(), listing.end());
        read.everyBidParsed = false;
        read.bidsRead = false;
    }
    return read;
}

}  // namespace tenderscore::xml
