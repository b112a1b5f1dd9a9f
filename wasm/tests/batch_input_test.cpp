#include "helpers.hpp"

namespace jimeng::test {
namespace {

json expand(json in) {
  in["now"] = kNow;
  in["entropy"] = kEntropy;
  return answer(api::expand_batch(in.dump()));
}

std::vector<std::string> prompts(const json& a) {
  std::vector<std::string> out;
  for (const auto& r : a["rows"]) out.push_back(r["prompt"].get<std::string>());
  return out;
}

TEST(ExpandBatch, PastedLinesGiveOneJobEachSkippingBlankLines) {
  const json a = expand({{"format", "lines"}, {"text", "一只猫\n\n  一只狗  \r\n狐狸\n"}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(prompts(a), (std::vector<std::string>{"一只猫", "一只狗", "狐狸"}));
  EXPECT_EQ(a["rows"][1]["row"], 3);  // the line it came from
  EXPECT_EQ(a["valid"], 3);
  EXPECT_EQ(a["invalid"], 0);
}

TEST(ExpandBatch, EveryRowHasItsOwnSubmitIdAndSeedStableForTheSameEntropy) {
  const json a = expand({{"text", "a\nb\nc"}});
  const json b = expand({{"text", "a\nb\nc"}});
  std::set<std::string> ids;
  for (const auto& r : a["rows"]) ids.insert(r["job"]["submitId"].get<std::string>());
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(a["rows"], b["rows"]);  // expansion is a pure function of its input: the preview is what runs
  EXPECT_NE(a["rows"][0]["job"]["seed"], a["rows"][1]["job"]["seed"]);
}

TEST(ExpandBatch, VariablesMultiplyAndRepeatsGetFreshSeeds) {
  const json a = expand({{"text", "{猫|狗|狐狸} 在 {雪地|沙滩}"}, {"repeat", 2}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["total"], 12);
  EXPECT_EQ(prompts(a)[0], "猫 在 雪地");
  EXPECT_EQ(prompts(a)[2], "猫 在 沙滩");
  EXPECT_EQ(prompts(a)[11], "狐狸 在 沙滩");
  EXPECT_EQ(prompts(a)[0], prompts(a)[1]);
  EXPECT_NE(a["rows"][0]["job"]["seed"], a["rows"][1]["job"]["seed"]);
  // Braces without a choice stay as written.
  EXPECT_EQ(prompts(expand({{"text", "json {like} this"}}))[0], "json {like} this");
}

TEST(ExpandBatch, AFixedSeedRepeatedCountsUpFromIt) {
  const json a = expand({{"text", "x"}, {"repeat", 3}, {"defaults", {{"seed", 2147483646}}}});
  EXPECT_EQ(a["rows"][0]["job"]["seed"], 2147483646);
  EXPECT_EQ(a["rows"][1]["job"]["seed"], 2147483647);
  EXPECT_EQ(a["rows"][2]["job"]["seed"], 0);
}

TEST(ExpandBatch, TheExpansionIsCappedAndSaysSo) {
  const json a = expand({{"text", "{a|b|c|d|e|f|g|h|i|j} {1|2|3|4|5|6|7|8|9|10} {x|y|z|w|v|u|t|s|r|q}"}, {"cap", 50}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["total"], 1000);
  EXPECT_EQ(a["cap"], 50);
  EXPECT_TRUE(a["capped"].get<bool>());
  EXPECT_EQ(a["rows"].size(), 50u);
  // The cap itself is bounded.
  EXPECT_EQ(expand({{"text", "a"}, {"cap", 1000000}})["cap"], 1000);
}

TEST(ExpandBatch, CsvRowsOverrideTheFormAndErrorsNameRowAndColumn) {
  const std::string csv =
      "prompt,negative_prompt,model,ratio,resolution,count,seed,strength\n"
      "\"a cat, sitting\",blurry,high_aes_general_v40,16:9,2k,2,7,0.6\n"
      "a dog,,,,,,,\n"
      "\"say \"\"hi\"\"\",,图片 4.0,17:9,,,,\n"
      "tall,,,9:16,,9,,\n";
  const json a = expand({{"format", "csv"}, {"text", csv}, {"defaults", {{"model", "high_aes_general_v50"}, {"count", 1}}}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  ASSERT_EQ(a["rows"].size(), 4u);
  const json& first = a["rows"][0]["job"];
  EXPECT_EQ(first["prompt"], "a cat, sitting");
  EXPECT_EQ(first["negativePrompt"], "blurry");
  EXPECT_EQ(first["model"], "high_aes_general_v40");
  EXPECT_EQ(first["ratioLabel"], "16:9");
  EXPECT_EQ(first["count"], 2);
  EXPECT_EQ(first["seed"], 7);
  EXPECT_EQ(first["sampleStrength"], 0.6);
  EXPECT_EQ(a["rows"][1]["job"]["model"], "high_aes_general_v50");  // empty cells keep the form's settings
  EXPECT_EQ(a["rows"][1]["job"]["count"], 1);
  const json& bad = a["rows"][2];
  EXPECT_EQ(bad["row"], 4);
  EXPECT_EQ(bad["prompt"], "say \"hi\"");
  EXPECT_EQ(bad["error"]["field"], "ratio");
  EXPECT_EQ(bad["error"]["column"], "ratio");
  EXPECT_EQ(a["rows"][3]["error"]["column"], "count");
  EXPECT_EQ(a["valid"], 2);
  EXPECT_EQ(a["invalid"], 2);
}

TEST(ExpandBatch, CsvHeadersMayBeChineseAndQuotedFieldsMaySpanLines) {
  const json a = expand({{"format", "csv"}, {"text", "\xEF\xBB\xBF提示词,数量\r\n\"第一行\n第二行\",1\r\n"}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["rows"][0]["job"]["prompt"], "第一行\n第二行");
  EXPECT_EQ(a["rows"][0]["job"]["count"], 1);
}

TEST(ExpandBatch, ANoteColumnIsReadAndIgnoredSoExportedFailedRowsGoBackIn) {
  const json a = expand({{"format", "csv"}, {"text", "prompt,note,count\n灯塔,rejected by moderation,1\n"}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["valid"], 1);
  EXPECT_EQ(a["rows"][0]["job"]["prompt"], "灯塔");
  EXPECT_EQ(a["rows"][0]["job"]["count"], 1);
}

TEST(ExpandBatch, BadFilesAreRefusedWithAClearReason) {
  auto code = [](const json& a) { return a.value("/error/code"_json_pointer, std::string()); };
  EXPECT_EQ(code(expand({{"format", "csv"}, {"text", "prompt\n\"never closed\n"}})), "csv_unclosed_quote");
  EXPECT_EQ(code(expand({{"format", "csv"}, {"text", "prompt\nab\"c\"\n"}})), "csv_quote");
  EXPECT_EQ(code(expand({{"format", "csv"}, {"text", "prompt,colour\nx,red\n"}})), "csv_unknown_column");
  EXPECT_EQ(code(expand({{"format", "csv"}, {"text", "model\nx\n"}})), "csv_no_prompt");
  EXPECT_EQ(code(expand({{"format", "csv"}, {"text", "prompt\na,b\n"}})), "csv_too_many_cells");
  EXPECT_EQ(code(expand({{"text", "  \n \n"}})), "batch_empty");
  EXPECT_EQ(code(expand({{"text", std::string("PNG\0\x01", 5)}})), "not_text");
  EXPECT_EQ(code(expand({{"text", "caf\xEF\xBF\xBD"}})), "not_text");  // bytes the browser could not decode
  EXPECT_EQ(code(expand({{"format", "json"}, {"text", "{\"prompt\":1}"}})), "json_not_list");
  EXPECT_EQ(code(expand({{"format", "json"}, {"text", "[1]"}})), "json_item_invalid");
  EXPECT_EQ(code(expand({{"format", "xml"}, {"text", "a"}})), "format_invalid");
  EXPECT_EQ(code(expand({{"text", "a"}, {"repeat", 0}})), "repeat_invalid");
  const std::string big(1 << 20, 'x');
  EXPECT_EQ(code(answer(api::expand_batch(json{{"text", big}, {"now", kNow}, {"entropy", kEntropy}}.dump()))), "input_too_large");
}

TEST(ExpandBatch, JsonListsTakePromptsOrWholeInputs) {
  const json a = expand({{"format", "json"}, {"text", R"(["a", {"prompt":"b","count":1,"ratio":"3:4"}, {"prompt":""}])"}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["rows"][1]["job"]["count"], 1);
  EXPECT_EQ(a["rows"][1]["job"]["ratioLabel"], "3:4");
  EXPECT_EQ(a["rows"][2]["error"]["field"], "prompt");
  EXPECT_EQ(a["rows"][2]["row"], 3);
}

}  // namespace
}  // namespace jimeng::test
