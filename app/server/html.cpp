#include "server/html.hpp"

#include "format/text.hpp"

namespace tenderscore::server {

std::string escapeHtml(std::string_view text) {
    return text::htmlText(text);
}

void append(std::string& out, std::initializer_list<std::string_view> pieces) {
    for (const std::string_view piece : pieces) {
        out += piece;
    }
}

std::string choice(std::string_view type, const std::string& id, const std::string& name, const std::string& value,
                   bool checked, const std::string& label) {
    std::string html;
    append(html, {R"(<div class=")", type == "radio" ? "radio" : "checkbox", R"("><input type=")", type, R"(" id=")",
                  escapeHtml(id), R"(" name=")", escapeHtml(name), R"(" value=")", escapeHtml(value), "\"",
                  checked ? " checked" : "", R"(><label for=")", escapeHtml(id), R"(">)", label, "</label></div>\n"});
    return html;
}

std::string csrfField(const std::string& csrf) {
    return R"(<input type="hidden" name="csrf" value=")" + escapeHtml(csrf) + R"(">)";
}

std::string layout(const std::optional<PageUser>& user, const PageParts& parts) {
    std::string page = R"(<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>)" + escapeHtml(parts.title) +
                       R"( - tenderscore panel</title>
<link rel="stylesheet" href="/panel.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="service-header">
<div class="width">
<a class="service-name" href="/">tenderscore panel</a>
)";
    if (user) {
        page += R"(<nav aria-label="Account"><span class="signed-in">Signed in as <strong>)" +
                escapeHtml(user->display) + "</strong> (" + escapeHtml(user->role) + R"()</span>
<form method="post" action="/sign-out" class="inline">)" +
                csrfField(user->csrf) +
                R"(<button type="submit" class="button secondary small">Sign out</button></form>
</nav>
)";
    }
    page += R"(</div>
</header>
<main id="main" class="width" tabindex="-1">
)";
    if (!parts.back.empty()) {
        const std::size_t bar = parts.back.find('|');
        page += R"(<p><a class="back-link" href=")" + escapeHtml(parts.back.substr(0, bar)) + R"(">)" +
                escapeHtml(parts.back.substr(bar + 1)) + "</a></p>\n";
    }
    if (!parts.error.empty()) {
        page += R"(<div class="error-summary" role="alert" tabindex="-1"><h2>There is a problem</h2><p>)" +
                escapeHtml(parts.error) + "</p></div>\n";
    }
    if (!parts.notice.empty()) {
        page += R"(<div class="notice" role="status"><p>)" + escapeHtml(parts.notice) + "</p></div>\n";
    }
    page += "<h1>" + escapeHtml(parts.title) + "</h1>\n" + parts.main + R"(
</main>
<footer class="width"><p>tenderscore: every decision on these pages is an entry in the evaluation's log.</p></footer>
</body>
</html>
)";
    return page;
}

}  // namespace tenderscore::server
