// tenderscore users add: a user of the panel server, with the password read from standard input.
#include <iostream>
#include <iterator>

#include "cli/commands.hpp"
#include "format/text.hpp"
#include "server/http_error.hpp"
#include "server/users.hpp"

namespace tenderscore::cli {

namespace {

constexpr std::size_t longestPassword = 4096;

/// The first line of standard input, without its line ending.
std::string passwordFromInput() {
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') {
        password.pop_back();
    }
    if (password.size() > longestPassword) {
        throw UsageError("a password has at most " + std::to_string(longestPassword) + " bytes");
    }
    return password;
}

}  // namespace

int usersCommand(const CommandLine& line) {
    const auto role = server::parseRole(line.required("role"));
    if (!role) {
        throw UsageError("--role is admin, evaluator or auditor; got '" + line.required("role") + "'");
    }
    const std::string password = passwordFromInput();
    try {
        server::Store store(line.required("store"), 1);
        server::addUser(store, line.required("name"), line.required("display"), *role, password);
    } catch (const server::HttpError& error) {
        std::cerr << "tenderscore: " << text::terminalSafe(error.what()) << "\n";
        return Exit::EXIT_DATAERR;
    } catch (const server::StoreError& error) {
        std::cerr << "tenderscore: " << text::terminalSafe(error.what()) << "\n";
        return Exit::EXIT_UNAVAILABLE;
    }
    std::cout << "Added " << text::terminalSafe(line.required("name")) << " (" << server::roleName(*role) << ")\n";
    return Exit::EXIT_OK;
}

}  // namespace tenderscore::cli
