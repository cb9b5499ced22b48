#include "server/router.hpp"

#include <chrono>
#include <iostream>

#include <Poco/Net/MediaType.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include "server/http_error.hpp"
#include "server/json_io.hpp"
#include "server/state.hpp"

namespace tenderscore::server {

namespace {

std::vector<std::string> split(const std::string& path) {
    std::vector<std::string> segments;
    std::size_t start = 1;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::size_t end = slash == std::string::npos ? path.size() : slash;
        segments.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return segments;
}

/// The path's values when `path` fits `pattern`.
std::optional<std::map<std::string, std::string>> match(const std::string& pattern,
                                                        const std::vector<std::string>& segments) {
    const std::vector<std::string> parts = split(pattern);
    if (parts.size() != segments.size()) {
        return std::nullopt;
    }
    std::map<std::string, std::string> params;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].size() > 2 && parts[i].front() == '{') {
            std::string value;
            try {
                Poco::URI::decode(segments[i], value);
            } catch (const Poco::Exception&) {
                return std::nullopt;
            }
            if (value.empty() || value.find_first_of(std::string("/\\\0", 3)) != std::string::npos) {
                return std::nullopt;
            }
            params[parts[i].substr(1, parts[i].size() - 2)] = value;
        } else if (parts[i] != segments[i]) {
            return std::nullopt;
        }
    }
    return params;
}

unsigned phaseBit(const std::string& name) {
    if (name == "setup") {
        return Setup;
    }
    if (name == "scoring") {
        return Scoring;
    }
    if (name == "moderation") {
        return Moderation;
    }
    return name == "signed-off" ? SignedOff : 0U;
}

Reply errorReply(const HttpError& error) {
    JsonOut out;
    out.object().key("error").value(error.code()).key("message").value(error.what());
    if (!error.problems().empty()) {
        out.key("problems").array();
        for (const Diagnostic& problem : error.problems()) {
            out.object()
                .key("file")
                .value(problem.at.file.str())
                .key("line")
                .value(std::int64_t{problem.at.line})
                .key("rule")
                .value(problem.rule)
                .key("message")
                .value(problem.message)
                .end();
        }
        out.end();
    }
    out.end();
    return jsonReply(out.str(), error.status());
}

/// An API request's body is JSON, and says so: `application/json`, with any parameters, but a
/// charset only if it is UTF-8 (Poco's MediaType reads the header: names in any case, quoted
/// values). A page's form is not an API call: the pages read it and call the API with JSON.
void requireJsonBody(const Request& request) {
    if (request.body.empty()) {
        return;
    }
    const std::string& sent = request.contentType;
    const std::string advice = ": send the body as JSON with Content-Type: application/json";
    if (sent.empty()) {
        throw invalid("the request's body has no Content-Type" + advice);
    }
    const Poco::Net::MediaType type(sent);
    if (!type.matches("application", "json")) {
        throw invalid("the request's body is sent as " + sent + advice);
    }
    if (type.hasParameter("charset") && Poco::icompare(type.getParameter("charset"), "utf-8") != 0) {
        throw invalid("the request's body is sent as " + sent + ": JSON is read as UTF-8 only");
    }
}

bool allowsRole(unsigned access, Role role) {
    if ((access & AnyUser) != 0) {
        return true;
    }
    switch (role) {
    case Role::Admin:
        return (access & Admin) != 0;
    case Role::Auditor:
        return (access & Auditor) != 0;
    case Role::Evaluator:
        return (access & (Panel | Moderator)) != 0;
    }
    return false;
}

}  // namespace

std::optional<std::map<std::string, std::string>> matchPath(const std::string& pattern, const std::string& path) {
    return match(pattern, split(path));
}

void requireRole(unsigned access, Role role) {
    if (!allowsRole(access, role)) {
        throw forbidden(std::string("a user with role ") + roleName(role) + " may not make this call");
    }
}

const char* phaseName(unsigned phase) {
    switch (phase) {
    case Setup:
        return "setup";
    case Scoring:
        return "scoring";
    case Moderation:
        return "moderation";
    case SignedOff:
        return "signed-off";
    default:
        return "unknown";
    }
}

std::int64_t epochSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Reply jsonReply(std::string body, int status) {
    Reply reply;
    reply.status = status;
    reply.body = std::move(body);
    return reply;
}

Poco::JSON::Object::Ptr Context::body(Members members) const {
    Poco::JSON::Object::Ptr object = parseObject(request.body);
    onlyMembers(object, members, "the request body");
    return object;
}

Event Context::record(const std::string& type, std::string data) {
    Event event = server::record(db, evaluation, user.name, type, std::move(data), head);
    head = LogHead{event.seq, event.hash};
    return event;
}

Reply Router::handle(const Request& request) {
    try {
        return dispatch(request);
    } catch (const HttpError& error) {
        return errorReply(error);
    } catch (const StoreError& error) {
        std::cerr << "tenderscore serve: " << request.method << " " << request.path << ": " << error.what() << "\n";
        return errorReply(HttpError(503, "unavailable", "the store could not complete the request; try again"));
    } catch (const std::exception& error) {
        std::cerr << "tenderscore serve: " << request.method << " " << request.path
                  << ": internal error: " << error.what() << "\n";
        return errorReply(HttpError(500, "internal", "internal error"));
    }
}

Reply Router::dispatch(const Request& request) {
    const std::vector<std::string> segments = split(request.path);
    bool pathKnown = false;
    for (const Route& route : routes()) {
        auto params = match(route.pattern, segments);
        if (!params) {
            continue;
        }
        pathKnown = true;
        if (request.method != route.method) {
            continue;
        }
        if (route.publicHandler != nullptr) {
            requireJsonBody(request);
            return route.publicHandler(_store, _config, request);
        }
        return run(route, request, std::move(*params));
    }
    if (pathKnown) {
        throw HttpError(405, "method-not-allowed", request.method + " is not a call of " + request.path);
    }
    throw notFound("there is no " + request.path);
}

Reply Router::run(const Route& route, const Request& request, std::map<std::string, std::string> params) {
    const bool writes = request.method != "GET";
    Reply reply;
    _store.transact(writes ? Store::Mode::Write : Store::Mode::Read, [&](Db& db) {
        const auto session = findSession(db, request.sessionToken, epochSeconds());
        if (!session) {
            throw HttpError(401, "unauthenticated", "sign in first (POST /api/session)");
        }
        if (writes && !sameSecret(request.csrfToken, session->csrf)) {
            throw forbidden("a change needs the X-CSRF-Token given at sign-in");
        }
        requireRole(route.access, session->user.role);
        Context context(db, _store, _config, request, session->user, std::move(params));
        if (const auto id = context.params.find("id"); id != context.params.end()) {
            context.evaluation = id->second;
            const bool staff = session->user.role != Role::Evaluator;
            if (writes) {
                // The writer's lock on the evaluation's row comes first, in a statement of its own:
                // on PostgreSQL a statement that waited for the row sees that row as the writer
                // before it left it, but every other table (the phase) as it was when the
                // statement began. What this request decides on is read by the statements after.
                (void)db.one("SELECT id FROM evaluations WHERE id = ?" + db.forUpdate(), {context.evaluation});
            }
            const auto state = db.one(
                "SELECT e.head_seq, e.head_hash, s.phase, s.scale_max FROM evaluations e JOIN state s ON "
                "s.evaluation = e.id WHERE e.id = ?",
                {context.evaluation});
            if (!state) {
                throw staff ? notFound("there is no evaluation " + context.evaluation)
                            : forbidden("you are not on the panel of evaluation " + context.evaluation);
            }
            if (!staff) {
                context.membership = memberOf(db, context.evaluation, session->user.name);
                const bool asMember = (route.access & Panel) != 0 && context.membership;
                const bool asModerator =
                    (route.access & Moderator) != 0 && context.membership && context.membership->moderator;
                if (!asMember && !asModerator) {
                    throw forbidden(context.membership
                                        ? "only a moderator of this panel may make this call"
                                        : "you are not on the panel of evaluation " + context.evaluation);
                }
            }
            context.head = LogHead{toInt(state->at(0)), state->at(1)};
            context.phase = phaseBit(state->at(2));
            context.scaleMax = toInt(state->at(3));
            if (route.guard != nullptr) {
                route.guard(context);
            }
            if ((route.phases & context.phase) == 0) {
                throw conflict("wrong-phase", std::string("evaluation ") + context.evaluation + " is in phase " +
                                                  phaseName(context.phase));
            }
        }
        requireJsonBody(request);
        reply = route.handler(context);
    });
    return reply;
}

}  // namespace tenderscore::server
