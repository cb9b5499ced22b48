// A small streaming JSON writer: members are written in the order the caller writes them, so
// the same result always gives the same bytes. Output is indented two spaces per level.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tenderscore::json {

class JsonWriter {
public:
    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    /// The name of the next member of the current object.
    JsonWriter& key(std::string_view name);
    void string(std::string_view value);
    void number(std::int64_t value);
    void null();
    void boolean(bool value);

    /// The document, ending in a newline.
    [[nodiscard]] std::string finish();

private:
    void beforeValue();
    void newline();

    std::string _out;
    std::vector<bool> _first;  // per open container: nothing written in it yet
    bool _afterKey = false;
};

/// `text` as a JSON string literal; control characters and U+2028/U+2029 are escaped.
[[nodiscard]] std::string quote(std::string_view text);

}  // namespace tenderscore::json
