// libFuzzer target for the whole evaluate path: an input holds a tender, bids and scores separated
// by lines "=====". Whatever reads cleanly is evaluated, and the result written as results.json,
// as the ranking table and as the workbook (into a temporary file).
#include <unistd.h>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>

#include "evaluation/evaluate.hpp"
#include "format/ranking.hpp"
#include "fuzz_pack.hpp"
#include "json/results_json.hpp"
#include "xlsx/workbook.hpp"
#include "xml/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tenderscore;
    const auto documents = fuzz::splitDocuments(std::string_view(reinterpret_cast<const char*>(data), size));
    if (documents.size() < 2) {
        return 0;
    }
    Diagnostics errors;
    Pack pack;
    PackFiles files;
    auto tenderSource = xml::XmlSource::parse(documents.front(), "tender.xml", "tender", xml::tenderNamespace, errors);
    if (!tenderSource) {
        return 0;
    }
    if (auto tender = xml::readTender(*tenderSource, errors)) {
        pack.tender = std::move(*tender);
    }
    for (std::size_t i = 1; i + 1 < documents.size(); ++i) {
        const std::string name = "bids/" + std::to_string(i) + ".xml";
        if (auto source = xml::XmlSource::parse(documents[i], name, "bid", xml::bidNamespace, errors)) {
            if (auto bid = xml::readBid(*source, errors)) {
                pack.bids.push_back(std::move(*bid));
                files.bids.push_back({name, std::string(64, '0')});
            }
        }
    }
    if (auto source = xml::XmlSource::parse(documents.back(), "scores.xml", "scores", xml::scoresNamespace, errors)) {
        if (auto scores = xml::readScores(*source, errors)) {
            pack.scores = std::move(*scores);
        }
    }
    if (!errors.empty()) {
        return 0;
    }
    const Evaluation evaluation = evaluate(pack);
    if (!evaluation.result) {
        return 0;
    }
    files.tender = {"tender.xml", std::string(64, '0')};
    files.scores = InputFile{"scores.xml", std::string(64, '0')};
    (void)json::resultsJson(pack, files, *evaluation.result);
    std::ostringstream table;
    text::printRanking(table, pack, *evaluation.result);
    const auto workbook =
        std::filesystem::temp_directory_path() / ("fuzz-evaluate-" + std::to_string(getpid()) + ".xlsx");
    xlsx::writeWorkbook(workbook, pack, files, *evaluation.result,
                        xlsx::RunInfo{"fuzz", 0, [] { return std::string(64, '0'); }, {}});
    std::filesystem::remove(workbook);
    return 0;
}
