// The floor for `make bench`: the least any evaluation of a pack must do. It parses every XML
// file of the pack with pugixml and writes one libxlsxwriter row per setting and per mark in
// constant-memory mode, single-threaded, and nothing else.
//
//   bench_floor PACK_DIR OUT.xlsx
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <xlsxwriter.h>
#include <pugixml.hpp>

namespace {

const char* localName(const pugi::xml_node node) {
    const char* name = node.name();
    const char* colon = std::strchr(name, ':');
    return colon == nullptr ? name : colon + 1;
}

/// Writes a row of every element called `wanted` below `root`, its attribute values as cells.
void writeRows(const pugi::xml_node root, const char* wanted, lxw_worksheet* sheet, lxw_row_t& row) {
    for (pugi::xml_node node = root.first_child(); node; node = node.next_sibling()) {
        if (node.type() != pugi::node_element) {
            continue;
        }
        if (std::strcmp(localName(node), wanted) == 0) {
            lxw_col_t col = 0;
            for (const pugi::xml_attribute attribute : node.attributes()) {
                worksheet_write_string(sheet, row, col++, attribute.value(), nullptr);
            }
            if (const char* text = node.child_value(); *text != '\0') {
                worksheet_write_string(sheet, row, col, text, nullptr);
            }
            ++row;
        } else {
            writeRows(node, wanted, sheet, row);
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench_floor PACK_DIR OUT.xlsx\n");
        return 64;
    }
    const std::filesystem::path pack = argv[1];
    std::vector<std::filesystem::path> bids;
    for (const auto& entry : std::filesystem::directory_iterator(pack / "bids")) {
        bids.push_back(entry.path());
    }
    std::sort(bids.begin(), bids.end());
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* workbook = workbook_new_opt(argv[2], &options);
    lxw_worksheet* settings = workbook_add_worksheet(workbook, "Settings");
    lxw_worksheet* marks = workbook_add_worksheet(workbook, "Marks");
    lxw_row_t settingRow = 0;
    lxw_row_t markRow = 0;
    pugi::xml_document tender;
    if (!tender.load_file((pack / "tender.xml").c_str())) {
        return 65;
    }
    for (const auto& file : bids) {
        pugi::xml_document document;
        if (!document.load_file(file.c_str())) {
            return 65;
        }
        writeRows(document, "setting", settings, settingRow);
    }
    pugi::xml_document scores;
    if (!scores.load_file((pack / "scores.xml").c_str())) {
        return 65;
    }
    writeRows(scores, "mark", marks, markRow);
    if (workbook_close(workbook) != LXW_NO_ERROR) {
        return 73;
    }
    std::printf("%u settings, %u marks\n", settingRow, markRow);
    return 0;
}
