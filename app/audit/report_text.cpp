#include "audit/report_text.hpp"

#include <Poco/JSON/Stringifier.h>

#include "format/text.hpp"

namespace tenderscore::audit {

std::string shortened(const std::string& sha256) {
    return sha256.substr(0, shortHash);
}

std::string inQuotes(const std::string& text) {
    return "\"" + text + "\"";
}

std::string joinedWith(const std::vector<std::string>& items, const char* separator) {
    std::string text;
    for (const std::string& item : items) {
        text += (text.empty() ? "" : separator) + item;
    }
    return text;
}

std::string reportTime(std::int64_t seconds) {
    return text::isoTime(seconds);
}

std::string person(const std::string& name, const std::string& display) {
    return display.empty() || display == name ? name : display + " (" + name + ")";
}

std::string sizeAndHead(std::int64_t size, const char* one, const char* many, const std::string& head) {
    return std::to_string(size) + " " + (size == 1 ? one : many) + ", head " + shortened(head);
}

void Printer::line(const std::string& text, int indent) {
    _out << std::string(static_cast<std::size_t>(indent), ' ') << text::terminalSafe(text) << "\n";
}

void Printer::warning(const std::string& text) {
    const std::string safe = "WARNING: " + text::terminalSafe(text);
    _out << (_style.colour ? text::red(safe) : safe) << "\n";
}

Poco::JSON::Object::Ptr orderedObject() {
    return {new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER)};
}

std::string jsonDocument(const Poco::JSON::Object::Ptr& root) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(root, out, 2);
    out << "\n";
    return out.str();
}

}  // namespace tenderscore::audit
