// What the pages share: one page request (`PageCall`) with the API calls it makes, readers of the
// API's JSON answers, and the pieces several pages show.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "server/forms.hpp"
#include "server/html.hpp"
#include "server/router.hpp"
#include "server/users.hpp"

namespace tenderscore::server {

/// An API call refused: its status and message, shown on the page.
class ApiRefusal : public std::runtime_error {
public:
    ApiRefusal(int status, std::string code, const std::string& message)
        : std::runtime_error(message), _status(status), _code(std::move(code)) {}
    [[nodiscard]] int status() const { return _status; }
    [[nodiscard]] const std::string& code() const { return _code; }

private:
    int _status;
    std::string _code;
};

struct PageCall {
    PageCall(Router& router_, Store& store_, const Request& request_)
        : router(router_), store(store_), request(request_) {}

    Router& router;
    Store& store;
    const Request& request;
    std::optional<Session> session;
    std::map<std::string, std::string> params;
    Form form;          // a POST's fields
    std::string error;  // the refusal of the action just tried
    int status = 200;   // its status, the page's

    /// An API call as this user: the session's cookie and, for a change, the form's CSRF token.
    /// Throws ApiRefusal when the answer is not a success.
    Reply api(const std::string& method, const std::string& path, const std::string& body = "",
              const std::map<std::string, std::string>& query = {});
    Poco::JSON::Object::Ptr apiObject(const std::string& method, const std::string& path, const std::string& body = "");
    Poco::JSON::Array::Ptr apiArray(const std::string& path);

    [[nodiscard]] const std::string& param(const std::string& name) const { return params.at(name); }
    [[nodiscard]] std::string page() const { return "/evaluations/" + params.at("id"); }
    [[nodiscard]] std::string apiBase() const { return "/api/evaluations/" + params.at("id"); }
    [[nodiscard]] const User& user() const { return session->user; }
    [[nodiscard]] PageUser pageUser() const;
    /// A complete page for this user.
    [[nodiscard]] Reply render(PageParts parts) const;
    /// The notice named by `?done=` after a redirect.
    [[nodiscard]] std::string notice() const;
};

using PageFunction = Reply (*)(PageCall&);

/// 303 to a page of this server (post, redirect, get).
[[nodiscard]] Reply redirect(const std::string& location);
/// "/evaluations/ev-1/work" + "?done=saved"
[[nodiscard]] std::string withNotice(const std::string& location, const std::string& notice);

// Reading the API's answers.
[[nodiscard]] std::string str(const Poco::JSON::Object::Ptr& object, const std::string& name);
[[nodiscard]] std::int64_t num(const Poco::JSON::Object::Ptr& object, const std::string& name);
[[nodiscard]] bool yes(const Poco::JSON::Object::Ptr& object, const std::string& name);
[[nodiscard]] Poco::JSON::Object::Ptr obj(const Poco::JSON::Object::Ptr& object, const std::string& name);
[[nodiscard]] std::vector<Poco::JSON::Object::Ptr> items(const Poco::JSON::Array::Ptr& array);
/// The objects of a list member; none when it is absent or null.
[[nodiscard]] std::vector<Poco::JSON::Object::Ptr> items(const Poco::JSON::Object::Ptr& object,
                                                         const std::string& name);
/// The strings of a list member; none when it is absent or null.
[[nodiscard]] std::vector<std::string> texts(const Poco::JSON::Object::Ptr& object, const std::string& name);

/// A JSON string of `text` (a body for the API).
[[nodiscard]] std::string jsonString(const std::string& text);
/// A form's number as a JSON number when it is digits, else as a string (which the API refuses,
/// naming the member).
[[nodiscard]] std::string jsonNumber(const std::string& text);

/// The panel's display names by user name, from GET /api/evaluations/{id}.
[[nodiscard]] std::map<std::string, std::string> panelNames(const Poco::JSON::Object::Ptr& evaluation);
/// "Ada Lovelace" for "ada" when on the panel, else the user name.
[[nodiscard]] std::string nameOf(const std::map<std::string, std::string>& names, const std::string& user);

/// The scale's words for a mark (for a 0-5 scale; a number alone for another).
[[nodiscard]] std::string scaleWords(std::int64_t score, std::int64_t scaleMax);

/// The scale as radio buttons and the reasons, posted to the page itself (a mark, a consensus).
[[nodiscard]] std::string scoringForm(const std::string& csrf, std::int64_t scaleMax, const std::string& score,
                                      const std::string& rationale, const std::string& legend, const std::string& label,
                                      const std::string& hint, const std::string& submit);
/// The API body of a mark or a consensus from the form's score and rationale.
[[nodiscard]] std::string scoreBody(const std::string& score, const std::string& rationale);

// The pages (pages_*.cpp).
Reply showHome(PageCall& call);
Reply showCreate(PageCall& call);
Reply actCreate(PageCall& call);
Reply showEvaluation(PageCall& call);
Reply actEvaluation(PageCall& call);
Reply showBids(PageCall& call);
Reply actBids(PageCall& call);
Reply showPanel(PageCall& call);
Reply actPanel(PageCall& call);
Reply showDeclaration(PageCall& call);
Reply actDeclaration(PageCall& call);
Reply showWorklist(PageCall& call);
Reply showMark(PageCall& call);
Reply actMark(PageCall& call);
Reply showSubmit(PageCall& call);
Reply actSubmit(PageCall& call);
Reply showModeration(PageCall& call);
Reply showConsensus(PageCall& call);
Reply actConsensus(PageCall& call);
Reply downloadRunFile(PageCall& call);
Reply showLog(PageCall& call);
Reply showRecord(PageCall& call);

}  // namespace tenderscore::server
