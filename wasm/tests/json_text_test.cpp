// The core reads the caller's JSON with RapidJSON (base/json_text.hpp), not with nlohmann's parser, which the
// module no longer carries: it must accept and refuse exactly what nlohmann's parser does, and give the same
// values.
#include "base/json_text.hpp"
#include "helpers.hpp"

namespace jimeng::test::json_text {
namespace {

void expect_as_nlohmann(const std::string& text) {
  const json theirs = json::parse(text, nullptr, false);
  const std::optional<json> ours = parse_json(text);
  if (theirs.is_discarded()) {
    EXPECT_FALSE(ours.has_value()) << "accepted what nlohmann refuses: " << text.substr(0, 60);
    return;
  }
  ASSERT_TRUE(ours.has_value()) << "refused what nlohmann accepts: " << text.substr(0, 60);
  EXPECT_EQ(ours->dump(), theirs.dump()) << text.substr(0, 60);
  EXPECT_EQ(*ours, theirs);
}

TEST(JsonText, ReadsTheCallersJsonExactlyAsNlohmannsParserDid) {
  for (const std::string text : std::vector<std::string>{R"({"a":1,"b":[true,false,null],"c":{"d":"文字"}})",
                                                         R"({"n":-1,"u":18446744073709551615,"big":1e400,"f":1.5,"z":-0})",
                                                         R"({"a":1,"a":[2],"a":3})",
                                                         R"({"a":[1],"a":{"b":2}})",
                                                         R"({"k":"\ud83d\ude00 \u00e9 \n"})",
                                                         "\xEF\xBB\xBF{\"bom\":1}",
                                                         " \t\r\n[1] ",
                                                         "[]",
                                                         "\"text\"",
                                                         "12",
                                                         "",  // accepted, whatever the caller then thinks of them
                                                         "{",
                                                         "[1,]",
                                                         R"({"a":1,})",
                                                         "{\"a\":1} x",
                                                         "[1] [2]",
                                                         "NaN",
                                                         "'a'",
                                                         "{a:1}",
                                                         "// c\n{}",  // refused
                                                         R"({"s":"\ud800"})",
                                                         R"({"s":"\udc00"})",
                                                         R"({"s":"\ud800\u0041"})",
                                                         "{\"s\":\"\xC3\x28\"}",  // lone surrogates, bad UTF-8
                                                         "{\"s\":\"\xED\xA0\x80\"}",
                                                         "{\"s\":\"\xF4\x90\x80\x80\"}",
                                                         "{\"s\":\"\xC0\xAF\"}",
                                                         "{\"\xFF\":1}",
                                                         std::string("{\"a\":1}\0x", 9),
                                                         std::string("{\"a\":\"b\0c\"}", 11),
                                                         "{\"tab\":\"a\tb\"}",
                                                         "\xEF\xBB\xBF"})
    expect_as_nlohmann(text);
}

TEST(JsonText, DeepNestingIsReadWithoutRecursion) {
  const std::string deep = std::string(200'000, '[') + std::string(200'000, ']');
  const std::optional<json> ours = parse_json(deep);
  ASSERT_TRUE(ours.has_value());
  EXPECT_TRUE(ours->is_array());
}

TEST(JsonText, NumbersWrittenAsTextAreReadWholeOrNotAtAll) {
  EXPECT_EQ(parse_number("12.5"), 12.5);
  EXPECT_EQ(parse_number("-3e2"), -300.0);
  EXPECT_EQ(parse_number("16"), 16.0);
  for (const char* text : {"", "abc", "1.5x", "0x10", "1,5", "[1]", "\"1\"", "inf", "nan"})
    EXPECT_FALSE(parse_number(text).has_value()) << text;
}

}  // namespace
}  // namespace jimeng::test::json_text
