// A JSON document built as a tree whose objects keep their members in the order they were set, so
// that the same publication always gives the same bytes. OCDS needs money as JSON numbers in pounds
// ("amount": 16405233.95), which json::JsonWriter (integers only) cannot write: here a number is
// kept as the exact decimal text it is written with, never as a double.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tenderscore::publish {

class Json {
public:
    [[nodiscard]] static Json object();
    [[nodiscard]] static Json array();
    [[nodiscard]] static Json string(std::string_view text);
    [[nodiscard]] static Json integer(std::int64_t value);
    /// `decimal` is written as it is: digits, at most one point ("16405233.95").
    [[nodiscard]] static Json number(std::string decimal);
    [[nodiscard]] static Json boolean(bool value);

    /// Adds a member to an object (members keep this order); returns the member's value.
    Json& set(std::string_view name, Json value);
    /// Appends to an array; returns the new item.
    Json& push(Json value);
    [[nodiscard]] bool empty() const { return _members.empty() && _items.empty(); }

    /// The document, indented two spaces per level, ending in a newline.
    [[nodiscard]] std::string text() const;

private:
    enum class Kind { Object, Array, Scalar };
    explicit Json(Kind kind, std::string scalar = {}) : _kind(kind), _scalar(std::move(scalar)) {}
    void write(std::string& out, std::size_t depth) const;

    Kind _kind;
    std::string _scalar;  // the JSON text of a scalar
    std::vector<std::pair<std::string, Json>> _members;
    std::vector<Json> _items;
};

}  // namespace tenderscore::publish
