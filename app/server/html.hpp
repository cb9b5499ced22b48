// HTML for the panel's pages: every value written into a page goes through `escapeHtml`, and every
// page is one `layout`: a header naming the service and the signed-in user, one main landmark with
// one h1, the refusal of the last action (if any) announced first, and the one style sheet.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace tenderscore::server {

/// Text safe inside an element or a quoted attribute: & < > " ' escaped.
[[nodiscard]] std::string escapeHtml(std::string_view text);

/// Who is signed in, as the header shows them; nothing on the sign-in page.
struct PageUser {
    std::string name;
    std::string display;
    std::string role;
    std::string csrf;
};

struct PageParts {
    std::string title;   // the h1 and the <title>, as text
    std::string main;    // HTML after the h1
    std::string error;   // the refusal of the action just tried, as text
    std::string notice;  // what the action just done did, as text
    std::string back;    // a link above the h1: "href|text", empty for none
};

[[nodiscard]] std::string layout(const std::optional<PageUser>& user, const PageParts& parts);

/// Appends the pieces to `out`: a page is written piece by piece, without temporary strings.
void append(std::string& out, std::initializer_list<std::string_view> pieces);

/// A checkbox or radio button with its label (`label` is HTML).
[[nodiscard]] std::string choice(std::string_view type, const std::string& id, const std::string& name,
                                 const std::string& value, bool checked, const std::string& label);

/// The hidden field carrying the session's CSRF token, in every form that changes something.
[[nodiscard]] std::string csrfField(const std::string& csrf);

/// The style sheet of every page (app/server/pages/panel.css, embedded at build time).
[[nodiscard]] const std::string& panelCss();

}  // namespace tenderscore::server
