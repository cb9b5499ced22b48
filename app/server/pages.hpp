// The panel's pages: server-rendered HTML on top of the API. Every action a page offers is a plain
// form posted to the page's own address and carried out by the API call it mirrors, through the
// same router (session, CSRF token from the form's hidden field, role, panel, phase, validation);
// a refusal is shown on the page with the API's message and status, a success redirects (post,
// redirect, get). What a page shows is what the API answers that user, so an evaluator's page can
// hold nothing their API answers do not.
#pragma once

#include "server/router.hpp"

namespace tenderscore::server {

class Pages {
public:
    Pages(Router& router, Store& store) : _router(router), _store(store) {}
    /// Never throws: every failure is a page.
    [[nodiscard]] Reply handle(const Request& request);

private:
    Router& _router;
    Store& _store;
};

/// Whether a path is the API's (the rest are pages).
[[nodiscard]] bool isApiPath(const std::string& path);

}  // namespace tenderscore::server
