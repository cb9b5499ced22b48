#include "publish/json_tree.hpp"

#include <stdexcept>

#include "json/json_writer.hpp"

namespace tenderscore::publish {

Json Json::object() {
    return Json(Kind::Object);
}

Json Json::array() {
    return Json(Kind::Array);
}

Json Json::string(std::string_view text) {
    return Json(Kind::Scalar, json::quote(text));
}

Json Json::integer(std::int64_t value) {
    return Json(Kind::Scalar, std::to_string(value));
}

Json Json::number(std::string decimal) {
    const bool digits = !decimal.empty() && decimal.find_first_not_of("0123456789.") == std::string::npos &&
                        decimal.find('.') == decimal.rfind('.') && decimal.front() != '.' && decimal.back() != '.';
    if (!digits) {
        throw std::logic_error("not a decimal number: " + decimal);
    }
    return Json(Kind::Scalar, std::move(decimal));
}

Json Json::boolean(bool value) {
    return Json(Kind::Scalar, value ? "true" : "false");
}

Json& Json::set(std::string_view name, Json value) {
    if (_kind != Kind::Object) {
        throw std::logic_error("set on a JSON value that is not an object");
    }
    _members.emplace_back(std::string(name), std::move(value));
    return _members.back().second;
}

Json& Json::push(Json value) {
    if (_kind != Kind::Array) {
        throw std::logic_error("push on a JSON value that is not an array");
    }
    _items.push_back(std::move(value));
    return _items.back();
}

void Json::write(std::string& out, std::size_t depth) const {
    if (_kind == Kind::Scalar) {
        out += _scalar;
        return;
    }
    const bool isObject = _kind == Kind::Object;
    const std::size_t count = isObject ? _members.size() : _items.size();
    out += isObject ? '{' : '[';
    for (std::size_t i = 0; i < count; ++i) {
        out += i == 0 ? "\n" : ",\n";
        out.append((depth + 1) * 2, ' ');
        if (isObject) {
            out += json::quote(_members[i].first);
            out += ": ";
            _members[i].second.write(out, depth + 1);
        } else {
            _items[i].write(out, depth + 1);
        }
    }
    if (count > 0) {
        out += '\n';
        out.append(depth * 2, ' ');
    }
    out += isObject ? '}' : ']';
}

std::string Json::text() const {
    std::string out;
    write(out, 0);
    out += '\n';
    return out;
}

}  // namespace tenderscore::publish
