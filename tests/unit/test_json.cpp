#include <gtest/gtest.h>

#include "json/json_writer.hpp"

namespace tenderscore::json {
namespace {

TEST(Json, QuotesControlCharactersAndLineSeparators) {
    EXPECT_EQ(quote("plain"), "\"plain\"");
    EXPECT_EQ(quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
    EXPECT_EQ(quote("tab\tcr\rnl\n"), "\"tab\\tcr\\rnl\\n\"");
    EXPECT_EQ(quote(std::string("\x1b[31m\x7f", 6)), "\"\\u001b[31m\\u007f\"");
    EXPECT_EQ(quote("a\xE2\x80\xA8"
                    "b"),
              "\"a\\u2028b\"");
    EXPECT_EQ(quote("=SUM(A1)"), "\"=SUM(A1)\"");
    EXPECT_EQ(quote("£5,963"), "\"£5,963\"");
}

TEST(Json, WritesMembersInTheOrderGivenWithTwoSpaceIndent) {
    JsonWriter out;
    out.beginObject();
    out.key("z").string("first");
    out.key("a").number(-7);
    out.key("empty");
    out.beginArray();
    out.endArray();
    out.key("list");
    out.beginArray();
    out.null();
    out.boolean(true);
    out.endArray();
    out.endObject();
    EXPECT_EQ(out.finish(),
              "{\n  \"z\": \"first\",\n  \"a\": -7,\n  \"empty\": [],\n  \"list\": [\n    null,\n    true\n  ]\n}\n");
}

}  // namespace
}  // namespace tenderscore::json
