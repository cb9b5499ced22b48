// Problems a user caused, kept as data so that every one of them can be reported together.
#pragma once

#include <string>
#include <vector>

namespace tenderscore {

/// Where something was read: file name as given, 1-based line and column (0 when unknown).
struct SourceRef {
    std::string file;
    int line = 0;
    int column = 0;
};

/// One broken rule: where, which rule (a short stable name such as "money"), and what is wrong.
struct Diagnostic {
    SourceRef at;
    std::string rule;
    std::string message;
};

using Diagnostics = std::vector<Diagnostic>;

/// "file:line:column: error [rule]: message", the form every tool prints.
[[nodiscard]] std::string describe(const Diagnostic& diagnostic);

/// Sorts by file, line, column and message so reports read top to bottom; stable for equal places.
void sortForReport(Diagnostics& diagnostics);

}  // namespace tenderscore
