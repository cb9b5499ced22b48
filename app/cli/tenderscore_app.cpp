#include "cli/tenderscore_app.hpp"

#include <algorithm>
#include <iostream>

#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionCallback.h>

#include "audit/audit_log.hpp"
#include "format/text.hpp"
#include "io/output_set.hpp"
#include "run/pipeline.hpp"

#ifndef TENDERSCORE_VERSION
#define TENDERSCORE_VERSION "0.0.0"
#endif

namespace tenderscore::cli {

namespace {

using Poco::Util::Option;
using Poco::Util::OptionCallback;

bool contains(const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace

TenderscoreApp::TenderscoreApp() {
    setUnixOptions(true);
}

void TenderscoreApp::defineOptions(Poco::Util::OptionSet& options) {
    Application::defineOptions(options);
    options.addOption(Option("help", "h", "show this help and exit")
                          .required(false)
                          .repeatable(false)
                          .callback(OptionCallback<TenderscoreApp>(this, &TenderscoreApp::handleHelp)));
    options.addOption(Option("version", "", "show the version and exit")
                          .required(false)
                          .repeatable(false)
                          .callback(OptionCallback<TenderscoreApp>(this, &TenderscoreApp::handleVersion)));
    // Every other option takes one value and may be given once.
    for (const OptionSpec& spec : valueOptions()) {
        options.addOption(Option(spec.name, "", spec.description)
                              .required(false)
                              .repeatable(false)
                              .argument(spec.argument)
                              .callback(OptionCallback<TenderscoreApp>(this, &TenderscoreApp::handleValue)));
    }
}

void TenderscoreApp::handleHelp(const std::string& /*name*/, const std::string& /*value*/) {
    _helpRequested = true;
    stopOptionsProcessing();
}

void TenderscoreApp::handleVersion(const std::string& /*name*/, const std::string& /*value*/) {
    _versionRequested = true;
    stopOptionsProcessing();
}

void TenderscoreApp::handleValue(const std::string& name, const std::string& value) {
    if (value.empty()) {
        throw UsageError("--" + name + " needs a value");
    }
    _line.options[name] = value;
}

int TenderscoreApp::dispatch(const std::vector<std::string>& args) {
    if (args.empty()) {
        throw UsageError("name a command: evaluate, validate, replay, publish, audit, serve or users");
    }
    const auto& table = commands();
    // A command of two words (audit verify, users add): the group, then its verb.
    std::vector<std::string> verbs;
    for (const Command& candidate : table) {
        if (candidate.name.rfind(args[0] + " ", 0) == 0) {
            verbs.push_back(candidate.name.substr(args[0].size() + 1));
        }
    }
    std::string name = args[0];
    std::size_t first = 1;
    if (!verbs.empty()) {
        if (args.size() < 2) {
            std::string list;
            for (std::size_t v = 0; v < verbs.size(); ++v) {
                list += (v == 0 ? "" : v + 1 == verbs.size() ? " or " : ", ") + verbs[v];
            }
            throw UsageError(name + " needs " + list);
        }
        name += " " + args[1];
        first = 2;
    }
    const auto command =
        std::find_if(table.begin(), table.end(), [&](const Command& candidate) { return candidate.name == name; });
    if (command == table.end()) {
        throw UsageError(first == 2 ? "unknown " + args[0] + " command '" + args[1] + "'"
                                    : "unknown command '" + name + "'");
    }
    _line.words.assign(args.begin() + static_cast<std::ptrdiff_t>(first), args.end());
    if (_line.words.size() != command->words) {
        if (command->words == 0) {
            throw UsageError(first == 2 ? name + " takes no further words" : "one command only, got '" + args[1] + "'");
        }
        throw UsageError(name + " needs two run numbers");
    }
    for (const std::string& option : command->required) {
        if (_line.options.count(option) == 0) {
            throw UsageError(command->missing);
        }
    }
    for (const auto& [option, value] : _line.options) {
        if (!contains(command->required, option) && !contains(command->optional, option)) {
            throw UsageError(std::string(name).append(" does not take --").append(option));
        }
    }
    return command->run(_line);
}

int TenderscoreApp::main(const std::vector<std::string>& args) {
    try {
        if (_helpRequested) {
            Poco::Util::HelpFormatter help(options());
            help.setUnixStyle(true);
            help.setWidth(110);
            help.setCommand("tenderscore");
            help.setUsage("evaluate|validate|replay|audit [options]");
            help.setHeader(
                "Evaluates tenders exactly as the published method says: compliance, quality, price, "
                "ranking and award, with an evaluation workbook and results.json.\n\n" +
                usage());
            help.setFooter(
                "Exit status: 0 ok, 1 a replay differs from its record, 64 usage error, 65 input error or an "
                "audit log that is not intact, 66 input missing, 73 cannot write the output.");
            help.format(std::cout);
            return EXIT_OK;
        }
        if (_versionRequested) {
            std::cout << "tenderscore " << TENDERSCORE_VERSION << "\n";
            return EXIT_OK;
        }
        return dispatch(args);
    } catch (const UsageError& error) {
        std::cerr << "tenderscore: " << text::terminalSafe(error.what()) << "\n" << usage();
        return EXIT_USAGE;
    } catch (const run::NoInput& error) {
        std::cerr << "tenderscore: " << text::terminalSafe(error.what()) << "\n";
        return EXIT_NOINPUT;
    } catch (const audit::AuditError& error) {
        std::cerr << "tenderscore: " << text::terminalSafe(error.what()) << "\n";
        return EXIT_DATAERR;
    } catch (const io::PartialOutput& error) {
        // Some outputs are in place and could not be taken back: the message names them.
        std::cerr << "tenderscore: " << text::terminalSafe(error.what()) << "\n";
        return EXIT_CANTCREAT;
    } catch (const io::OutputError& error) {
        std::cerr << "tenderscore: " << text::terminalSafe(error.what()) << "; nothing was written\n";
        return EXIT_CANTCREAT;
    } catch (const std::exception& error) {
        std::cerr << "tenderscore: internal error: " << text::terminalSafe(error.what()) << "\n";
        return EXIT_SOFTWARE;
    }
}

}  // namespace tenderscore::cli
