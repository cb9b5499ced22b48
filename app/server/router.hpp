// One route table: each call of the contract with its method, path, who may make it and in which
// phases, and its handler. `Router::handle` checks the session, the CSRF token, the role, the
// panel, the route's guard and the phase once, in that order, before any handler runs, so no
// handler can forget them; the role is checked before anything of the evaluation is read, and
// every 403 before the phase (403 before 409). Every answer that is not a success is the
// contract's JSON error.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <Poco/JSON/Object.h>

#include "common/limits.hpp"
#include "server/event_log.hpp"
#include "server/json_io.hpp"
#include "server/pack.hpp"
#include "server/store.hpp"
#include "server/users.hpp"

namespace tenderscore::server {

/// Settings of `serve`, from `--config` (docs/server.md lists the keys).
struct ServerConfig {
    std::int64_t approvalsRequired = 1;
    bool tls = false;  // behind a TLS proxy: the session cookie is Secure
    std::int64_t sessionSeconds = 8 * 60 * 60;
    std::size_t maxBodyBytes = 16ULL * 1024 * 1024;
    std::size_t threads = 32;  // connections served at once
    ReadLimits limits;
};

struct Request {
    std::string method;
    std::string path;  // raw, as sent
    std::map<std::string, std::string> query;
    std::string body;
    std::string sessionToken;  // the tenderscore_session cookie
    std::string csrfToken;     // the X-CSRF-Token header (a page's form: its csrf field)
    std::string contentType;   // as sent (a page's form is urlencoded or multipart; its API calls JSON)
};

struct Reply {
    int status = 200;
    std::string contentType = "application/json";
    std::string body;
    std::vector<std::string> cookies;                          // Set-Cookie values
    std::vector<std::pair<std::string, std::string>> headers;  // others (a page's Location, CSP)
};

/// Who may make a call.
enum Access : unsigned {
    Public = 1U,     // no session needed (logging in)
    AnyUser = 2U,    // any signed-in user (logging out)
    Admin = 4U,      // role admin
    Auditor = 8U,    // role auditor
    Panel = 16U,     // an evaluator on the evaluation's panel
    Moderator = 32U  // an evaluator made moderator on the evaluation's panel
};

/// Phases, as bits.
enum PhaseBit : unsigned { Setup = 1U, Scoring = 2U, Moderation = 4U, SignedOff = 8U, AnyPhase = 15U };

[[nodiscard]] const char* phaseName(unsigned phase);

class Router;

/// What a handler gets: the transaction, the caller, the path's values, the evaluation.
struct Context {
    Context(Db& db_, Store& store_, const ServerConfig& config_, const Request& request_, User user_,
            std::map<std::string, std::string> params_)
        : db(db_),
          store(store_),
          config(config_),
          request(request_),
          user(std::move(user_)),
          params(std::move(params_)) {}

    Db& db;
    Store& store;
    const ServerConfig& config;
    const Request& request;
    User user;
    std::map<std::string, std::string> params;
    std::string evaluation;                 // when the path names one
    unsigned phase = 0;                     // its phase
    std::int64_t scaleMax = 0;              // its tender's quality/@scaleMax
    std::optional<LogHead> head;            // its log's head, read (and locked) by the router
    std::optional<PanelMember> membership;  // the caller's place on its panel

    [[nodiscard]] const std::string& param(const std::string& name) const { return params.at(name); }
    /// The request body as a JSON object of those members only (400 otherwise).
    [[nodiscard]] Poco::JSON::Object::Ptr body(Members members) const;
    /// Appends an entry by the caller to the evaluation's log and applies it.
    Event record(const std::string& type, std::string data);
};

using Handler = Reply (*)(Context&);
/// A call made without a session (logging in): it runs its own transactions.
using PublicHandler = Reply (*)(Store&, const ServerConfig&, const Request&);
/// What a caller may not do in any phase, beyond the role (a question not assigned to them, a bid
/// they are recused from): throws 403.
using Guard = void (*)(Context&);

struct Route {
    const char* method;
    const char* pattern;  // "/api/evaluations/{id}/marks/{bid}/{question}"
    unsigned access;
    unsigned phases;
    Handler handler;
    PublicHandler publicHandler = nullptr;
    Guard guard = nullptr;  // checked after the panel, before the phase
};

/// The table (routes.cpp).
[[nodiscard]] const std::vector<Route>& routes();

class Router {
public:
    Router(Store& store, ServerConfig config) : _store(store), _config(std::move(config)) {}
    /// Never throws: every failure is an answer.
    [[nodiscard]] Reply handle(const Request& request);
    [[nodiscard]] const ServerConfig& config() const { return _config; }

private:
    Reply dispatch(const Request& request);
    Reply run(const Route& route, const Request& request, std::map<std::string, std::string> params);

    Store& _store;
    ServerConfig _config;
};

/// The path's values when `path` fits `pattern` ("/api/evaluations/{id}"); shared by the pages.
[[nodiscard]] std::optional<std::map<std::string, std::string>> matchPath(const std::string& pattern,
                                                                          const std::string& path);
/// Throws the 403 every call gives when the caller's role may not make it.
void requireRole(unsigned access, Role role);

/// A JSON answer.
[[nodiscard]] Reply jsonReply(std::string body, int status = 200);
/// Seconds since 1970.
[[nodiscard]] std::int64_t epochSeconds();

}  // namespace tenderscore::server
