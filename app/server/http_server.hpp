// `tenderscore serve`: the route table behind Poco's HTTPServer, listening on 127.0.0.1 unless told
// otherwise, until SIGTERM or SIGINT; then it stops accepting, finishes the requests in flight and
// returns.
#pragma once

#include <ostream>
#include <string>

#include "server/router.hpp"

namespace tenderscore::server {

struct ServeOptions {
    std::string store;
    std::string listen = "127.0.0.1:8080";
    ServerConfig config;
};

/// Serves until a termination signal; returns the process's exit status (0). Prints the address
/// it listens on to `out` once it does (with port 0, the port chosen).
int serve(const ServeOptions& options, std::ostream& out);

}  // namespace tenderscore::server
