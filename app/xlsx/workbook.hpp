// evaluation.xlsx: the workbook a panel reads and signs off. Every score, total and cost is a live
// formula over visible cells, written with the exact value the tool computed as its cached result,
// so that Excel or LibreOffice recalculating the file shows the figures of results.json.
// Numbers become doubles only here, at the display edge.
#pragma once

#include <ctime>
#include <filesystem>
#include <functional>
#include <string>

#include "common/inputs.hpp"
#include "evaluation/model.hpp"
#include "evaluation/result.hpp"

namespace tenderscore::xlsx {

struct RunInfo {
    std::string toolVersion;
    std::time_t runTime = 0;  // the workbook's created time and the run time on the Audit sheet
    // The hash of the results.json written beside the workbook. Asked for only when the Audit sheet,
    // the last, is written, so that results.json can be produced meanwhile on another thread.
    std::function<std::string()> resultsSha256;
    std::string logCheckpoint;  // the audit log's checkpoint ("12:4f1c...") before this run; empty when none
};

/// Writes the workbook to `file`. Throws io::OutputError when libxlsxwriter reports a failure.
void writeWorkbook(const std::filesystem::path& file, const Pack& pack, const PackFiles& files, const Result& result,
                   const RunInfo& run);

}  // namespace tenderscore::xlsx
