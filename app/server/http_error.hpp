// An answer other than success, thrown by the checks and the handlers and turned into the
// contract's JSON error body in one place (router.cpp).
#pragma once

#include <stdexcept>
#include <string>

#include "evaluation/diagnostic.hpp"

namespace tenderscore::server {

class HttpError : public std::runtime_error {
public:
    HttpError(int status, std::string code, const std::string& message, Diagnostics problems = {})
        : std::runtime_error(message), _status(status), _code(std::move(code)), _problems(std::move(problems)) {}

    [[nodiscard]] int status() const { return _status; }
    [[nodiscard]] const std::string& code() const { return _code; }
    [[nodiscard]] const Diagnostics& problems() const { return _problems; }

private:
    int _status;
    std::string _code;
    Diagnostics _problems;
};

[[nodiscard]] inline HttpError invalid(const std::string& message) {
    return {400, "invalid", message};
}
[[nodiscard]] inline HttpError forbidden(const std::string& message) {
    return {403, "forbidden", message};
}
[[nodiscard]] inline HttpError notFound(const std::string& message) {
    return {404, "not-found", message};
}
[[nodiscard]] inline HttpError conflict(const std::string& code, const std::string& message) {
    return {409, code, message};
}

}  // namespace tenderscore::server
