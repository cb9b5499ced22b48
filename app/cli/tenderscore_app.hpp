// The `tenderscore` command: a Poco Util::Application with the subcommands `evaluate` and
// `validate`. Exit statuses follow sysexits: 0 ok, 64 usage, 65 input, 66 no input, 73 cannot
// create, 70 internal error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <Poco/Util/Application.h>
#include <Poco/Util/OptionSet.h>

#include "xml/xml_source.hpp"

namespace tenderscore::cli {

/// A mistake in the command line (exit status 64).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class TenderscoreApp : public Poco::Util::Application {
public:
    TenderscoreApp();

    /// The usage text printed by --help and after usage errors.
    [[nodiscard]] static std::string usage();

protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    int main(const std::vector<std::string>& args) override;

private:
    void handleHelp(const std::string& name, const std::string& value);
    void handleVersion(const std::string& name, const std::string& value);
    void handlePath(const std::string& name, const std::string& value);

    int evaluateCommand();
    int validateCommand();
    int auditCommand(const std::vector<std::string>& args);
    int replayCommand();
    /// The reading limits: defaults in code, changed by the --config file.
    [[nodiscard]] xml::ReadLimits limits() const;

    bool _helpRequested = false;
    bool _versionRequested = false;
    std::optional<std::string> _tender;
    std::optional<std::string> _bids;
    std::optional<std::string> _scores;
    std::optional<std::string> _out;
    std::optional<std::string> _config;
    std::optional<std::string> _audit;
    std::optional<std::string> _actor;
    std::optional<std::string> _reason;
    std::optional<std::string> _run;
    std::optional<std::string> _checkpoint;
};

}  // namespace tenderscore::cli
