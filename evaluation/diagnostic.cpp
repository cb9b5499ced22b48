#include "evaluation/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace tenderscore {

std::string describe(const Diagnostic& diagnostic) {
    std::string text = diagnostic.at.file.str();
    if (diagnostic.at.line > 0) {
        text += ':' + std::to_string(diagnostic.at.line);
        if (diagnostic.at.column > 0) {
            text += ':' + std::to_string(diagnostic.at.column);
        }
    }
    text += ": error [" + diagnostic.rule + "]: " + diagnostic.message;
    return text;
}

void sortForReport(Diagnostics& diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.at.file, a.at.line, a.at.column) < std::tie(b.at.file, b.at.line, b.at.column);
    });
}

}  // namespace tenderscore
