// The command line as the commands see it: the options given, the words after the command, and
// the table of commands with the options each takes. An option a command does not take is a usage
// error, so a mistyped command line never runs with an option silently ignored.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/limits.hpp"

namespace tenderscore::cli {

/// A mistake in the command line (exit status 64).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One option that takes a value.
struct OptionSpec {
    const char* name;
    const char* argument;
    const char* description;
};

/// Every value option, in the order --help lists them.
[[nodiscard]] const std::vector<OptionSpec>& valueOptions();

struct CommandLine {
    std::map<std::string, std::string> options;  // by name, without "--"
    std::vector<std::string> words;              // after the command: audit diff's run numbers

    [[nodiscard]] std::optional<std::string> option(const std::string& name) const;
    /// A required option's value (the command's table has made sure it is there).
    [[nodiscard]] const std::string& required(const std::string& name) const;
    /// The reading limits: defaults in code, changed by the --config file.
    [[nodiscard]] ReadLimits limits() const;
};

/// A run number 1, 2, 3 ... given as `what`.
[[nodiscard]] std::int64_t runNumber(const std::string& text, const std::string& what);

/// One command: its name ("evaluate", "audit verify"), the options it needs and may take, what to
/// say when one it needs is missing, and what runs it.
struct Command {
    std::string name;
    std::vector<std::string> required;
    std::vector<std::string> optional;
    std::string missing;
    std::size_t words = 0;  // how many words follow the command
    int (*run)(const CommandLine&);
};

[[nodiscard]] const std::vector<Command>& commands();

/// The usage text printed by --help and after usage errors.
[[nodiscard]] std::string usage();

}  // namespace tenderscore::cli
