// evaluation.xlsx: the workbook a panel reads and signs off. Numbers become doubles only here,
// at the display edge; every figure is also in results.json as exact text.
#pragma once

#include <ctime>
#include <filesystem>
#include <string>

#include "model.hpp"
#include "result.hpp"
#include "xml/pack_reader.hpp"

namespace tenderscore::xlsx {

struct RunInfo {
    std::string toolVersion;
    std::time_t runTime = 0;  // the workbook's created time
};

/// Writes the workbook to `file`. Throws io::OutputError when libxlsxwriter reports a failure.
void writeWorkbook(const std::filesystem::path& file, const Pack& pack, const xml::PackFiles& files,
                   const Result& result, const RunInfo& run);

}  // namespace tenderscore::xlsx
