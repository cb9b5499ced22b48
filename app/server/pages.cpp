#include "server/pages.hpp"

#include <iostream>

#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include "server/http_error.hpp"
#include "server/json_io.hpp"
#include "server/pages_common.hpp"

namespace tenderscore::server {

namespace {

constexpr const char* pagePolicy = "default-src 'self'; frame-ancestors 'none'; form-action 'self'";

struct PageRoute {
    const char* pattern;
    unsigned access;  // as the route table's: checked by the same function before the page runs
    PageFunction show;
    PageFunction act;  // the POST of the page's forms, when it has any
};

const std::vector<PageRoute>& pageRoutes() {
    constexpr unsigned readers = Admin | Auditor | Moderator;
    static const std::vector<PageRoute> table{
        {"/", AnyUser, showHome, nullptr},
        {"/evaluations/new", Admin, showCreate, actCreate},
        {"/evaluations/{id}", AnyUser, showEvaluation, actEvaluation},
        {"/evaluations/{id}/bids", Admin, showBids, actBids},
        {"/evaluations/{id}/panel", Admin, showPanel, actPanel},
        {"/evaluations/{id}/declaration", Panel, showDeclaration, actDeclaration},
        {"/evaluations/{id}/work", Panel, showWorklist, nullptr},
        {"/evaluations/{id}/work/{bid}/{question}", Panel, showMark, actMark},
        {"/evaluations/{id}/submit", Panel, showSubmit, actSubmit},
        {"/evaluations/{id}/moderation", readers, showModeration, nullptr},
        {"/evaluations/{id}/moderation/{bid}/{question}", readers, showConsensus, actConsensus},
        {"/evaluations/{id}/runs/{n}/{file}", readers, downloadRunFile, nullptr},
        {"/evaluations/{id}/log", Admin | Auditor, showLog, nullptr},
        {"/evaluations/{id}/record", Admin | Auditor, showRecord, nullptr},
    };
    return table;
}

std::string statusTitle(int status) {
    switch (status) {
    case 400:
        return "That could not be done";
    case 401:
        return "Sign in first";
    case 403:
        return "You cannot do this";
    case 404:
        return "Page not found";
    case 405:
        return "That could not be done";
    case 409:
        return "Not possible at this stage";
    case 413:
        return "The file is too large";
    case 429:
        return "Signing in is locked";
    default:
        return status >= 500 ? "Sorry, something went wrong" : "That could not be done";
    }
}

Reply htmlReply(std::string body, int status) {
    Reply reply;
    reply.status = status;
    reply.contentType = "text/html; charset=utf-8";
    reply.body = std::move(body);
    reply.headers.emplace_back("Content-Security-Policy", pagePolicy);
    reply.headers.emplace_back("Referrer-Policy", "same-origin");
    return reply;
}

Reply problemPage(const PageCall& call, int status, const std::string& message) {
    PageParts parts;
    parts.title = statusTitle(status);
    parts.main = R"(<p class="lead">)" + escapeHtml(message) + R"(</p>
<p><a href="/">Go to your evaluations</a></p>)";
    std::optional<PageUser> user;
    if (call.session) {
        user = call.pageUser();
    }
    return htmlReply(layout(user, parts), status);
}

Reply signInPage(const std::string& error, int status, const std::string& name) {
    PageParts parts;
    parts.title = "Sign in";
    parts.error = error;
    parts.main = R"(<p>Sign in with the user name and password your procurement lead gave you.</p>
<form method="post" action="/sign-in" class="form">
<div class="field"><label for="user">User name</label>
<input id="user" name="user" type="text" autocomplete="username" spellcheck="false" value=")" +
                 escapeHtml(name) + R"("></div>
<div class="field"><label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password"></div>
<button type="submit" class="button">Sign in</button>
</form>
<p class="hint">After five wrong passwords in 15 minutes, signing in as that user is locked for 15 minutes.</p>)";
    return htmlReply(layout(std::nullopt, parts), status);
}

Reply signIn(PageCall& call) {
    Request api;
    api.method = "POST";
    api.path = "/api/session";
    api.contentType = "application/json";
    api.body = JsonOut()
                   .object()
                   .key("user")
                   .value(call.form.get("user"))
                   .key("password")
                   .value(call.form.get("password"))
                   .end()
                   .str();
    Reply answer = call.router.handle(api);
    if (answer.status != 200) {
        const auto error = parseStored(answer.body);
        return signInPage(str(error, "message"), answer.status, call.form.get("user"));
    }
    Reply reply = redirect("/");
    reply.cookies = answer.cookies;
    return reply;
}

Reply signOut(PageCall& call) {
    Reply answer = call.api("DELETE", "/api/session");
    Reply reply = redirect("/sign-in");
    reply.cookies = answer.cookies;
    return reply;
}

}  // namespace

bool isApiPath(const std::string& path) {
    return path == "/api" || path.rfind("/api/", 0) == 0;
}

Reply Pages::handle(const Request& request) {
    PageCall call(_router, _store, request);
    try {
        if (request.path == "/panel.css" && request.method == "GET") {
            Reply css;
            css.contentType = "text/css; charset=utf-8";
            css.body = panelCss();
            return css;
        }
        const bool posting = request.method == "POST";
        if (!posting && request.method != "GET") {
            return problemPage(call, 405, request.method + " is not used by these pages");
        }
        if (posting) {
            call.form = parseForm(request.contentType, request.body);
        }
        if (request.path == "/sign-in") {
            return posting ? signIn(call) : signInPage("", 200, "");
        }
        _store.transact(Store::Mode::Read,
                        [&](Db& db) { call.session = findSession(db, request.sessionToken, epochSeconds()); });
        if (!call.session) {
            return posting ? signInPage("Your session has ended: sign in again, then repeat what you did.", 401, "")
                           : redirect("/sign-in");
        }
        if (request.path == "/sign-out" && posting) {
            return signOut(call);
        }
        for (const PageRoute& route : pageRoutes()) {
            auto params = matchPath(route.pattern, request.path);
            if (!params) {
                continue;
            }
            call.params = std::move(*params);
            requireRole(route.access, call.user().role);
            if (!posting) {
                return route.show(call);
            }
            if (route.act == nullptr) {
                return problemPage(call, 405, "this page has no form");
            }
            try {
                return route.act(call);
            } catch (const ApiRefusal& refusal) {
                call.error = refusal.what();
                call.status = refusal.status();
            } catch (const HttpError& refusal) {
                call.error = refusal.what();
                call.status = refusal.status();
            }
            Reply page = route.show(call);
            page.status = call.status;
            return page;
        }
        return problemPage(call, 404, "there is no page " + request.path);
    } catch (const ApiRefusal& refusal) {
        if (refusal.code() == "unauthenticated") {
            return redirect("/sign-in");
        }
        return problemPage(call, refusal.status(), refusal.what());
    } catch (const HttpError& refusal) {
        return problemPage(call, refusal.status(), refusal.what());
    } catch (const StoreError& error) {
        std::cerr << "tenderscore serve: " << request.method << " " << request.path << ": " << error.what() << "\n";
        return problemPage(call, 503, "the store could not complete the request; try again");
    } catch (const std::exception& error) {
        std::cerr << "tenderscore serve: " << request.method << " " << request.path
                  << ": internal error: " << error.what() << "\n";
        return problemPage(call, 500, "internal error");
    }
}

Reply PageCall::api(const std::string& method, const std::string& path, const std::string& body,
                    const std::map<std::string, std::string>& query) {
    Request call;
    call.method = method;
    call.path = path;
    call.query = query;
    call.body = body;
    call.contentType = "application/json";  // the form, read here, as the API's JSON
    call.sessionToken = request.sessionToken;
    call.csrfToken = form.get("csrf");
    Reply answer = router.handle(call);
    if (answer.status >= 300) {
        std::string code;
        std::string message = "the server refused (" + std::to_string(answer.status) + ")";
        try {
            const auto refusal = parseStored(answer.body);
            code = str(refusal, "error");
            message = str(refusal, "message");
            if (refusal->has("problems")) {
                for (const auto& problem : items(refusal, "problems")) {
                    message += "; " + str(problem, "file") + " line " + std::to_string(num(problem, "line")) + ": " +
                               str(problem, "message");
                }
            }
        } catch (const std::exception&) {
            // The message above stands.
        }
        throw ApiRefusal(answer.status, code, message);
    }
    return answer;
}

Poco::JSON::Object::Ptr PageCall::apiObject(const std::string& method, const std::string& path,
                                            const std::string& body) {
    return parseStored(api(method, path, body).body);
}

Poco::JSON::Array::Ptr PageCall::apiArray(const std::string& path) {
    Poco::JSON::Parser parser;
    return parser.parse(api("GET", path).body).extract<Poco::JSON::Array::Ptr>();
}

PageUser PageCall::pageUser() const {
    return PageUser{session->user.name, session->user.display, roleName(session->user.role), session->csrf};
}

Reply PageCall::render(PageParts parts) const {
    if (parts.error.empty()) {
        parts.error = error;
    }
    if (parts.notice.empty() && error.empty()) {
        parts.notice = notice();
    }
    return htmlReply(layout(pageUser(), parts), status);
}

std::string PageCall::notice() const {
    static const std::map<std::string, std::string> notices{
        {"created", "The evaluation is created from the tender."},
        {"uploaded", "The bid files are uploaded."},
        {"rejected", "The file is rejected and the reason recorded."},
        {"panel", "The panel is saved."},
        {"open-scoring", "Scoring is open: the panel can declare conflicts and mark."},
        {"declared", "Your declaration is recorded."},
        {"saved", "Your mark is saved as a draft."},
        {"submitted", "Your marks are submitted."},
        {"reopened", "The mark is reopened: the evaluator may change it once."},
        {"open-moderation", "Moderation is open."},
        {"consensus", "The consensus is recorded."},
        {"run", "The evaluation has been run."},
        {"approved", "Your approval is recorded."},
    };
    const auto done = request.query.find("done");
    if (done == request.query.end()) {
        return "";
    }
    const auto found = notices.find(done->second);
    return found == notices.end() ? "" : found->second;
}

Reply redirect(const std::string& location) {
    Reply reply = htmlReply(R"(<!DOCTYPE html><html lang="en-GB"><title>Moved</title><p><a href=")" +
                                escapeHtml(location) + R"(">Continue</a></p></html>)",
                            303);
    reply.headers.emplace_back("Location", location);
    return reply;
}

std::string withNotice(const std::string& location, const std::string& notice) {
    return location + (location.find('?') == std::string::npos ? "?" : "&") + "done=" + notice;
}

std::string str(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    return object->has(name) && !object->isNull(name) ? object->getValue<std::string>(name) : std::string();
}

std::int64_t num(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    return object->has(name) && !object->isNull(name) ? object->getValue<Poco::Int64>(name) : 0;
}

bool yes(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    return object->has(name) && !object->isNull(name) && object->getValue<bool>(name);
}

Poco::JSON::Object::Ptr obj(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    return object->has(name) && !object->isNull(name) ? object->getObject(name) : nullptr;
}

std::vector<Poco::JSON::Object::Ptr> items(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    if (!object->has(name) || object->isNull(name)) {
        return {};
    }
    return items(object->getArray(name));
}

std::vector<std::string> texts(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    std::vector<std::string> out;
    if (object->has(name) && !object->isNull(name)) {
        const auto array = object->getArray(name);
        for (std::size_t i = 0; !array.isNull() && i < array->size(); ++i) {
            out.push_back(array->getElement<std::string>(static_cast<unsigned>(i)));
        }
    }
    return out;
}

std::vector<Poco::JSON::Object::Ptr> items(const Poco::JSON::Array::Ptr& array) {
    std::vector<Poco::JSON::Object::Ptr> out;
    for (std::size_t i = 0; !array.isNull() && i < array->size(); ++i) {
        out.push_back(array->getObject(static_cast<unsigned>(i)));
    }
    return out;
}

std::string jsonString(const std::string& text) {
    JsonOut out;
    return out.value(text).str();
}

std::string jsonNumber(const std::string& text) {
    constexpr std::size_t longest = 9;  // fits an int64 with room
    const bool digits =
        !text.empty() && text.size() <= longest && text.find_first_not_of("0123456789") == std::string::npos;
    return digits ? text : jsonString(text);
}

std::map<std::string, std::string> panelNames(const Poco::JSON::Object::Ptr& evaluation) {
    std::map<std::string, std::string> names;
    for (const auto& member : items(evaluation, "panel")) {
        names[str(member, "user")] = str(member, "name");
    }
    return names;
}

std::string nameOf(const std::map<std::string, std::string>& names, const std::string& user) {
    const auto found = names.find(user);
    return found == names.end() ? user : found->second;
}

std::string scaleWords(std::int64_t score, std::int64_t scaleMax) {
    // The tender gives the scale's top only; a 0-5 scale is described as councils' evaluation
    // guides describe it.
    static const std::vector<std::string> fivePoint{
        "Unacceptable: no answer, or the answer does not address the question",
        "Poor: major gaps or weaknesses; little confidence the requirement will be met",
        "Weak: some evidence, with gaps or weaknesses of concern",
        "Satisfactory: meets the requirement with adequate evidence",
        "Good: meets the requirement fully with good evidence",
        "Excellent: exceeds the requirement, with strong and specific evidence",
    };
    constexpr std::int64_t fivePointTop = 5;
    if (scaleMax == fivePointTop && score >= 0 && score <= fivePointTop) {
        return fivePoint[static_cast<std::size_t>(score)];
    }
    if (score == 0) {
        return "the lowest mark";
    }
    return score == scaleMax ? "the highest mark" : "";
}

}  // namespace tenderscore::server
