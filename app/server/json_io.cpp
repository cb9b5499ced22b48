#include "server/json_io.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include "evaluation/values.hpp"
#include "json/json_writer.hpp"
#include "server/http_error.hpp"
#include "server/store.hpp"

namespace tenderscore::server {

namespace {

Poco::Dynamic::Var member(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    if (!object->has(name) || object->isNull(name)) {
        throw invalid("the request needs \"" + name + "\"");
    }
    return object->get(name);
}

/// Well-formed UTF-8 without overlong forms or surrogates.
bool validUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        unsigned minimum = 0;
        unsigned code = 0;
        if (lead < 0x80U) {
            ++i;
            continue;
        }
        if ((lead & 0xE0U) == 0xC0U) {
            length = 2, minimum = 0x80U, code = lead & 0x1FU;
        } else if ((lead & 0xF0U) == 0xE0U) {
            length = 3, minimum = 0x800U, code = lead & 0x0FU;
        } else if ((lead & 0xF8U) == 0xF0U) {
            length = 4, minimum = 0x10000U, code = lead & 0x07U;
        } else {
            return false;
        }
        if (i + length > text.size()) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0U) != 0x80U) {
                return false;
            }
            code = (code << 6U) | (next & 0x3FU);
        }
        if (code < minimum || code > 0x10FFFFU || (code >= 0xD800U && code <= 0xDFFFU)) {
            return false;
        }
        i += length;
    }
    return true;
}

}  // namespace

void JsonOut::separate() {
    if (std::exchange(_afterKey, false)) {
        return;  // a member's value follows its name
    }
    if (_filled.empty()) {
        return;  // the document's one value
    }
    if (_filled.back()) {
        _out += ',';
    }
    _filled.back() = true;
}

JsonOut& JsonOut::open(char bracket) {
    separate();
    _out += bracket;
    _closers.push_back(bracket == '{' ? '}' : ']');
    _filled.push_back(false);
    return *this;
}

JsonOut& JsonOut::object() {
    return open('{');
}

JsonOut& JsonOut::array() {
    return open('[');
}

JsonOut& JsonOut::end() {
    _out += _closers.back();
    _closers.pop_back();
    _filled.pop_back();
    return *this;
}

JsonOut& JsonOut::key(std::string_view name) {
    separate();
    _out += json::quote(name);
    _out += ':';
    _afterKey = true;
    return *this;
}

JsonOut& JsonOut::value(std::string_view text) {
    separate();
    _out += json::quote(text);
    return *this;
}

JsonOut& JsonOut::value(std::int64_t number) {
    separate();
    _out += std::to_string(number);
    return *this;
}

JsonOut& JsonOut::value(bool flag) {
    separate();
    _out += flag ? "true" : "false";
    return *this;
}

JsonOut& JsonOut::null() {
    separate();
    _out += "null";
    return *this;
}

JsonOut& JsonOut::raw(std::string_view json) {
    separate();
    _out += json;
    return *this;
}

Poco::JSON::Object::Ptr parseObject(const std::string& body) {
    if (!validUtf8(body)) {
        throw invalid("the request body is not UTF-8");
    }
    try {
        Poco::JSON::Parser parser;
        const Poco::Dynamic::Var parsed = parser.parse(body);
        if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) {
            return parsed.extract<Poco::JSON::Object::Ptr>();
        }
    } catch (const Poco::Exception&) {
        throw invalid("the request body is not JSON");
    }
    throw invalid("the request body must be a JSON object");
}

namespace {

/// "a", "b", "c": names as a message quotes them.
template <typename Names>
std::string quotedList(const Names& names) {
    std::string out;
    for (const std::string_view name : names) {
        out.append(out.empty() ? "\"" : ", \"").append(name).append("\"");
    }
    return out;
}

}  // namespace

void onlyMembers(const Poco::JSON::Object::Ptr& object, Members members, std::string_view where) {
    std::vector<std::string> names;
    object->getNames(names);  // sorted: the message is the same whatever the body's order
    std::vector<std::string> unknown;
    std::copy_if(names.begin(), names.end(), std::back_inserter(unknown), [&](const std::string& name) {
        return std::find(members.begin(), members.end(), name) == members.end();
    });
    if (!unknown.empty()) {
        throw invalid(std::string(where) + " has " + quotedList(unknown) + ", which it does not take; it takes " +
                      (members.size() == 0 ? std::string("nothing") : quotedList(members)));
    }
}

Poco::JSON::Object::Ptr parseStored(const std::string& json) {
    try {
        Poco::JSON::Parser parser;
        return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& error) {
        throw StoreError("a stored log entry is not JSON: " + error.displayText());
    }
}

std::string text(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    const Poco::Dynamic::Var value = member(object, name);
    if (!value.isString()) {
        throw invalid("\"" + name + "\" must be a string");
    }
    return value.extract<std::string>();
}

std::optional<std::string> optionalText(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    if (!object->has(name) || object->isNull(name)) {
        return std::nullopt;
    }
    return text(object, name);
}

std::int64_t integer(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    const Poco::Dynamic::Var value = member(object, name);
    if (!value.isInteger() || value.isBoolean()) {
        throw invalid("\"" + name + "\" must be a whole number");
    }
    try {
        return value.convert<Poco::Int64>();
    } catch (const Poco::Exception&) {
        throw invalid("\"" + name + "\" is out of range");
    }
}

bool flag(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    const Poco::Dynamic::Var value = member(object, name);
    if (!value.isBoolean()) {
        throw invalid("\"" + name + "\" must be true or false");
    }
    return value.extract<bool>();
}

Poco::JSON::Array::Ptr list(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    (void)member(object, name);
    Poco::JSON::Array::Ptr array = object->getArray(name);
    if (array.isNull()) {
        throw invalid("\"" + name + "\" must be a list");
    }
    return array;
}

std::vector<Poco::JSON::Object::Ptr> objects(const Poco::JSON::Object::Ptr& object, const std::string& name,
                                             Members members) {
    const Poco::JSON::Array::Ptr array = list(object, name);
    std::vector<Poco::JSON::Object::Ptr> out;
    for (std::size_t i = 0; i < array->size(); ++i) {
        out.push_back(array->getObject(static_cast<unsigned>(i)));
        if (out.back().isNull()) {
            throw invalid("each of \"" + name + "\" is an object {" + quotedList(members) + "}");
        }
        onlyMembers(out.back(), members, "each of \"" + name + "\"");
    }
    return out;
}

std::string storedText(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    if (!object->has(name) || !object->get(name).isString()) {
        throw StoreError("a stored log entry has no \"" + name + "\"");
    }
    return object->get(name).extract<std::string>();
}

std::int64_t storedInt(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    if (!object->has(name) || !object->get(name).isInteger()) {
        throw StoreError("a stored log entry has no number \"" + name + "\"");
    }
    return object->get(name).convert<Poco::Int64>();
}

std::string prose(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    std::string value = text(object, name);
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20U && c != '\t' && c != '\n') || byte == 0x7FU) {
            throw invalid("\"" + name + "\" holds a control character");
        }
    }
    if (isBlank(value)) {  // the readers' rule: spaces and invisible characters alone are nothing
        throw invalid("\"" + name + "\" must not be blank: spaces or invisible characters alone are no text");
    }
    return value;
}

}  // namespace tenderscore::server
