// tenderscore serve: the panel server on its store until SIGTERM or SIGINT.
#include <iostream>
#include <limits>

#include <Poco/AutoPtr.h>
#include <Poco/Net/NetException.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include "cli/commands.hpp"
#include "evaluation/values.hpp"
#include "format/text.hpp"
#include "server/http_server.hpp"

namespace tenderscore::cli {

namespace {

constexpr std::uint64_t maxSetting = 1'000'000'000'000ULL;

/// The server's settings: defaults in code, changed by the --config file (docs/server.md).
server::ServerConfig serverConfig(const CommandLine& line) {
    server::ServerConfig config;
    config.limits = line.limits();
    const auto file = line.option("config");
    if (!file) {
        return config;
    }
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> properties(new Poco::Util::PropertyFileConfiguration(*file));
    auto count = [&](const char* key, std::uint64_t max) -> std::optional<std::uint64_t> {
        if (!properties->hasProperty(key)) {
            return std::nullopt;
        }
        const std::string text = properties->getString(key);
        const auto value = parseCount(text, max);
        if (!value || *value == 0) {
            throw UsageError(std::string("setting ") + key + " in " + *file + " must be a whole number above 0; got '" +
                             text + "'");
        }
        return value;
    };
    constexpr std::uint64_t mostThreads = 256;
    if (const auto value = count("approvalsRequired", mostThreads)) {
        config.approvalsRequired = static_cast<std::int64_t>(*value);
    }
    if (const auto value = count("sessionMinutes", maxSetting)) {
        config.sessionSeconds = static_cast<std::int64_t>(*value) * 60;
    }
    if (const auto value = count("maxBodyBytes", std::numeric_limits<std::uint32_t>::max())) {
        config.maxBodyBytes = static_cast<std::size_t>(*value);
    }
    if (const auto value = count("httpThreads", mostThreads)) {
        config.threads = static_cast<std::size_t>(*value);
    }
    if (properties->hasProperty("tls")) {
        const std::string tls = properties->getString("tls");
        if (tls != "true" && tls != "false") {
            throw UsageError("setting tls in " + *file + " must be true or false; got '" + tls + "'");
        }
        config.tls = tls == "true";
    }
    return config;
}

}  // namespace

int serveCommand(const CommandLine& line) {
    server::ServeOptions options;
    options.store = line.required("store");
    options.listen = line.option("listen").value_or(options.listen);
    options.config = serverConfig(line);
    try {
        return server::serve(options, std::cout);
    } catch (const server::StoreError& error) {
        std::cerr << "tenderscore: " << text::terminalSafe(error.what()) << "\n";
        return Exit::EXIT_UNAVAILABLE;
    } catch (const Poco::Net::NetException& error) {
        std::cerr << "tenderscore: cannot listen on " << text::terminalSafe(options.listen) << ": "
                  << text::terminalSafe(error.displayText()) << "\n";
        return Exit::EXIT_UNAVAILABLE;
    } catch (const Poco::Exception& error) {
        throw UsageError("cannot listen on " + options.listen + ": " + error.displayText());
    }
}

}  // namespace tenderscore::cli
