#include "cli/command_line.hpp"

#include <limits>

#include <Poco/AutoPtr.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include "cli/commands.hpp"
#include "evaluation/values.hpp"
#include "run/pipeline.hpp"

namespace tenderscore::cli {

const std::vector<OptionSpec>& valueOptions() {
    static const std::vector<OptionSpec> table{
        {"tender", "FILE", "the tender document (urn:tenderscore:tender:1)"},
        {"bids", "DIR", "the folder of bid documents; every *.xml in it is read"},
        {"scores", "FILE", "the panel's scores document (urn:tenderscore:scores:1)"},
        {"config", "FILE",
         "a .properties file of settings (limits.maxFileBytes, limits.maxDepth, limits.maxAttributeBytes, "
         "limits.maxTextBytes)"},
        {"audit", "FILE", "the audit log (SQLite): evaluate appends the run to it"},
        {"actor", "NAME", "who runs the evaluation, for the audit log (default: the login name)"},
        {"reason", "TEXT", "why the evaluation is run, for the audit log"},
        {"run", "N", "the run of the audit log to replay (default: the last)"},
        {"checkpoint", "SIZE:HEAD",
         "with audit verify: a checkpoint held elsewhere, as audit checkpoint prints it and the workbook shows it"},
        {"format", "text|json", "with audit log: plain words (the default) or JSON for programs"},
        {"out", "DIR", "the folder for evaluation.xlsx and results.json (created when absent)"},
        {"store", "FILE|URL", "the panel server's store: an SQLite file, or a postgresql:// URL"},
        {"listen", "HOST:PORT", "with serve: the address to listen on (default 127.0.0.1:8080)"},
        {"evaluation", "ID", "with --store: the evaluation to verify, show (audit log) or replay"},
        {"at", "SEQ", "with replay --store: the entry of the log to replay the evaluation as of (default: the last)"},
        {"name", "NAME", "with users add: the user's name (A-Z a-z 0-9 . _ -)"},
        {"display", "TEXT", "with users add: the user's full name"},
        {"role", "ROLE", "with users add: admin, evaluator or auditor"},
        {"ocid-prefix", "PREFIX", "with publish: the council's registered OCDS prefix (ocds-xxxxxx) for ocds.json"},
    };
    return table;
}

const std::vector<Command>& commands() {
    static const std::vector<Command> table{
        {"evaluate",
         {"tender", "bids", "scores", "out"},
         {"config", "audit", "actor", "reason"},
         "evaluate needs --tender, --bids, --scores and --out",
         0,
         evaluateCommand},
        {"validate",
         {"tender"},
         {"bids", "scores", "config"},
         "validate needs --tender (and optionally --bids and --scores)",
         0,
         validateCommand},
        {"replay",
         {"out"},
         {"audit", "run", "config", "store", "evaluation", "at"},
         "replay needs --audit and --out, or --store, --evaluation and --out",
         0,
         replayAnyCommand},
        {"publish",
         {"out", "ocid-prefix"},
         {"tender", "bids", "scores", "audit", "run", "config"},
         "publish needs --out and --ocid-prefix, and --tender, --bids and --scores or --audit",
         0,
         publishCommand},
        {"audit verify",
         {},
         {"audit", "checkpoint", "store", "evaluation"},
         "audit verify needs --audit FILE",
         0,
         auditVerifyAnyCommand},
        {"serve", {"store"}, {"listen", "config"}, "serve needs --store FILE|URL", 0, serveCommand},
        {"users add",
         {"store", "name", "display", "role"},
         {},
         "users add needs --store, --name, --display and --role",
         0,
         usersCommand},
        {"audit log",
         {},
         {"audit", "format", "config", "store", "evaluation"},
         "audit log needs --audit FILE, or --store ... --evaluation ID",
         0,
         auditLogAnyCommand},
        {"audit checkpoint", {"audit"}, {}, "audit checkpoint needs --audit FILE", 0, auditCheckpointCommand},
        {"audit diff", {"audit"}, {"config"}, "audit diff needs --audit FILE", 2, auditDiffCommand},
    };
    return table;
}

std::string usage() {
    return "usage:\n"
           "  tenderscore evaluate --tender FILE --bids DIR --scores FILE --out DIR [--config FILE]\n"
           "                       [--audit FILE [--actor NAME] [--reason TEXT]]\n"
           "  tenderscore validate --tender FILE [--bids DIR] [--scores FILE] [--config FILE]\n"
           "  tenderscore replay --audit FILE [--run N] --out DIR\n"
           "  tenderscore publish --tender FILE --bids DIR --scores FILE --out DIR --ocid-prefix PREFIX\n"
           "  tenderscore publish --audit FILE [--run N] --out DIR --ocid-prefix PREFIX\n"
           "  tenderscore audit verify --audit FILE [--checkpoint SIZE:HEAD]\n"
           "  tenderscore audit log --audit FILE [--format text|json]\n"
           "  tenderscore audit checkpoint --audit FILE\n"
           "  tenderscore serve --store FILE|URL [--listen 127.0.0.1:8080] [--config FILE]\n"
           "  tenderscore users add --store FILE|URL --name NAME --display TEXT --role admin|evaluator|auditor\n"
           "                        (the password is read from standard input)\n"
           "  tenderscore audit verify --store FILE|URL --evaluation ID\n"
           "  tenderscore audit log --store FILE|URL --evaluation ID [--format text|json]\n"
           "  tenderscore replay --store FILE|URL --evaluation ID [--at SEQ] --out DIR\n"
           "  tenderscore audit diff --audit FILE A B\n"
           "  tenderscore --help | --version\n";
}

std::optional<std::string> CommandLine::option(const std::string& name) const {
    const auto found = options.find(name);
    return found == options.end() ? std::nullopt : std::optional<std::string>(found->second);
}

const std::string& CommandLine::required(const std::string& name) const {
    return options.at(name);
}

std::int64_t runNumber(const std::string& text, const std::string& what) {
    const auto number = parseCount(text, static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
    if (!number || *number == 0) {
        throw UsageError(what + " must be a run number 1, 2, 3 ...; got '" + text + "'");
    }
    return static_cast<std::int64_t>(*number);
}

ReadLimits CommandLine::limits() const {
    ReadLimits limits;
    const auto file = option("config");
    if (!file) {
        return limits;
    }
    std::error_code unreadable;  // a link loop: no input, not a crash
    if (!std::filesystem::is_regular_file(*file, unreadable)) {
        throw run::NoInput("cannot open the configuration file " + *file);
    }
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> config;
    try {
        config = new Poco::Util::PropertyFileConfiguration(*file);
    } catch (const Poco::Exception& error) {
        throw UsageError("cannot read the configuration " + *file + ": " + error.displayText());
    }
    for (const LimitSetting& setting : limitSettings) {
        if (!config->hasProperty(setting.key)) {
            continue;
        }
        const std::string text = config->getString(setting.key);
        const auto value = parseCount(text, std::numeric_limits<std::size_t>::max());
        if (!value || *value == 0) {
            throw UsageError(std::string("setting ") + setting.key + " in " + *file +
                             " must be a whole number above 0; got '" + text + "'");
        }
        limits.*setting.field = static_cast<std::size_t>(*value);
    }
    return limits;
}

}  // namespace tenderscore::cli
