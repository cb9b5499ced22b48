// Problems a user caused, kept as data so that every one of them can be reported together.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace tenderscore {

/// A file's name as given. Every place read from one file shares one copy of the name: a large
/// pack holds hundreds of thousands of places.
class FileName {
public:
    FileName() = default;
    FileName(std::string name)  // NOLINT(google-explicit-constructor): a name is a name
        : _name(std::make_shared<const std::string>(std::move(name))) {}
    FileName(const char* name) : FileName(std::string(name)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] const std::string& str() const { return _name ? *_name : empty(); }
    operator const std::string&() const { return str(); }  // NOLINT(google-explicit-constructor)

    friend bool operator==(const FileName& a, const FileName& b) { return a.str() == b.str(); }
    friend bool operator!=(const FileName& a, const FileName& b) { return !(a == b); }
    friend bool operator<(const FileName& a, const FileName& b) { return a.str() < b.str(); }

private:
    static const std::string& empty() {
        static const std::string none;
        return none;
    }
    std::shared_ptr<const std::string> _name;
};

/// Where something was read: file name as given, 1-based line and column (0 when unknown).
struct SourceRef {
    FileName file;
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
