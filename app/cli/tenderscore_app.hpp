// The `tenderscore` command: a Poco Util::Application that parses the options, finds the command
// in the table of cli/command_line.cpp, checks that every option given applies to it, runs it and
// maps what ended it to an exit status (sysexits: 0 ok, 64 usage, 65 input, 66 no input, 73 cannot
// create, 70 internal error).
#pragma once

#include <string>
#include <vector>

#include <Poco/Util/Application.h>
#include <Poco/Util/OptionSet.h>

#include "cli/command_line.hpp"

namespace tenderscore::cli {

class TenderscoreApp : public Poco::Util::Application {
public:
    TenderscoreApp();

protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    int main(const std::vector<std::string>& args) override;

private:
    void handleHelp(const std::string& name, const std::string& value);
    void handleVersion(const std::string& name, const std::string& value);
    void handleValue(const std::string& name, const std::string& value);
    int dispatch(const std::vector<std::string>& args);

    bool _helpRequested = false;
    bool _versionRequested = false;
    CommandLine _line;
};

}  // namespace tenderscore::cli
