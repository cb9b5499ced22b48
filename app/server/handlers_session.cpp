// Signing in and out.
#include "server/handlers.hpp"
#include "server/http_error.hpp"
#include "server/json_io.hpp"

namespace tenderscore::server {

namespace {

constexpr const char* cookieName = "tenderscore_session";

}  // namespace

Reply login(Store& store, const ServerConfig& config, const Request& request) {
    const auto body = parseObject(request.body);
    onlyMembers(body, {"user", "password"}, "the request body");
    const Session session =
        server::login(store, text(body, "user"), text(body, "password"), epochSeconds(), config.sessionSeconds);
    JsonOut out;
    out.object().key("csrf").value(session.csrf).key("user").value(session.user.name);
    Reply reply = jsonReply(out.key("role").value(roleName(session.user.role)).end().str());
    reply.cookies.push_back(std::string(cookieName) + "=" + session.token +
                            "; Path=/; Max-Age=" + std::to_string(config.sessionSeconds) +
                            "; HttpOnly; SameSite=Strict" + (config.tls ? "; Secure" : ""));
    return reply;
}

Reply logout(Context& context) {
    endSession(context.db, context.request.sessionToken);
    Reply reply = jsonReply("{}");
    reply.cookies.push_back(std::string(cookieName) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
                            (context.config.tls ? "; Secure" : ""));
    return reply;
}

}  // namespace tenderscore::server
