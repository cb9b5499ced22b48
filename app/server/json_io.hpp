// JSON in and out for the server: a compact writer whose bytes depend only on the calls made (so a
// log entry's data hashes the same on every machine), and strict readers of request members.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Poco/JSON/Object.h>

namespace tenderscore::server {

class JsonOut {
public:
    JsonOut& object();
    JsonOut& array();
    JsonOut& end();
    JsonOut& key(std::string_view name);
    JsonOut& value(std::string_view text);
    JsonOut& value(const char* text) { return value(std::string_view(text)); }
    JsonOut& value(const std::string& text) { return value(std::string_view(text)); }
    JsonOut& value(std::int64_t number);
    JsonOut& value(bool flag);
    JsonOut& null();
    /// A JSON text written as it is (a log entry's stored data).
    JsonOut& raw(std::string_view json);
    [[nodiscard]] const std::string& str() const { return _out; }

private:
    void separate();
    JsonOut& open(char bracket);

    std::string _out;
    std::vector<char> _closers;  // '}' or ']' for each open container
    std::vector<bool> _filled;   // per open container: something written in it
    bool _afterKey = false;
};

/// A request body that must be a JSON object; throws HttpError 400 otherwise.
[[nodiscard]] Poco::JSON::Object::Ptr parseObject(const std::string& body);
/// The members a request's object may have (a typo such as "question" for "questions" would
/// otherwise be read as the member left out): 400 naming every other one.
using Members = std::initializer_list<std::string_view>;
void onlyMembers(const Poco::JSON::Object::Ptr& object, Members members, std::string_view where);
/// A JSON object stored by the server itself (a log entry's data).
[[nodiscard]] Poco::JSON::Object::Ptr parseStored(const std::string& json);

/// Members of a request: each throws HttpError 400 ("invalid") naming the member when it is
/// missing or of another type.
[[nodiscard]] std::string text(const Poco::JSON::Object::Ptr& object, const std::string& name);
[[nodiscard]] std::optional<std::string> optionalText(const Poco::JSON::Object::Ptr& object, const std::string& name);
[[nodiscard]] std::int64_t integer(const Poco::JSON::Object::Ptr& object, const std::string& name);
[[nodiscard]] bool flag(const Poco::JSON::Object::Ptr& object, const std::string& name);
[[nodiscard]] Poco::JSON::Array::Ptr list(const Poco::JSON::Object::Ptr& object, const std::string& name);
/// The objects of a list member, each an object of those members only (400 otherwise).
[[nodiscard]] std::vector<Poco::JSON::Object::Ptr> objects(const Poco::JSON::Object::Ptr& object,
                                                           const std::string& name, Members members);
/// Members read from data the server wrote (no HttpError: a bad stored entry is a StoreError).
[[nodiscard]] std::string storedText(const Poco::JSON::Object::Ptr& object, const std::string& name);
[[nodiscard]] std::int64_t storedInt(const Poco::JSON::Object::Ptr& object, const std::string& name);

/// Text a person wrote (a rationale, a reason): not blank, and no control character other than
/// tab and newline, so that it can be written into scores.xml as it is.
[[nodiscard]] std::string prose(const Poco::JSON::Object::Ptr& object, const std::string& name);

}  // namespace tenderscore::server
