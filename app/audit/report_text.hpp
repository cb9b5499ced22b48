// What the two logs' reports share (the run log of `evaluate --audit`, audit_report.cpp, and the
// panel server's decision log, decision_log.cpp): how a time, a person, a hash and people's text are
// shown, the heading's count of entries and head, terminal-safe lines, and the JSON document's form.
// Internal to app/audit.
#pragma once

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "audit/audit_report.hpp"

namespace tenderscore::audit {

/// How many hex digits of a hash the text reports show; JSON shows every hash in full.
constexpr std::size_t shortHash = 8;

/// The first shortHash digits of a hash.
[[nodiscard]] std::string shortened(const std::string& sha256);
/// Text someone wrote (a reason, a rationale, a statement), in double quotes as written.
[[nodiscard]] std::string inQuotes(const std::string& text);
[[nodiscard]] std::string joinedWith(const std::vector<std::string>& items, const char* separator);
/// A time as every report states it: 2023-10-12T00:00:00Z.
[[nodiscard]] std::string reportTime(std::int64_t seconds);
/// A person as the reports name them: "Ada Lovelace (ada)" when the display name is known and
/// differs from the user name, else the name alone (the run log records one name, the actor).
[[nodiscard]] std::string person(const std::string& name, const std::string& display = "");
/// "12 entries, head 7c79f25d": the size and shortened head a checkpoint pins.
[[nodiscard]] std::string sizeAndHead(std::int64_t size, const char* one, const char* many, const std::string& head);

/// Writes lines of text for a terminal: every control character a document could carry is shown
/// as \xNN, and only the report's own colour reaches the terminal.
class Printer {
public:
    explicit Printer(ReportStyle style) : _style(style) {}

    void line(const std::string& text, int indent = 0);
    void warning(const std::string& text);
    void blank() { _out << "\n"; }
    [[nodiscard]] std::string str() const { return _out.str(); }

private:
    ReportStyle _style;
    std::ostringstream _out;
};

/// A JSON object that keeps its members in the order they are set.
[[nodiscard]] Poco::JSON::Object::Ptr orderedObject();
/// The document as the JSON reports print it: indented by 2, ending in a newline.
[[nodiscard]] std::string jsonDocument(const Poco::JSON::Object::Ptr& root);

}  // namespace tenderscore::audit
