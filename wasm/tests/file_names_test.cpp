#include <algorithm>
#include <limits>

#include "helpers.hpp"

namespace jimeng::test {
namespace {

// 2026-02-24 08:43:51 UTC = 16:43:51 in Beijing.
constexpr long long kNamingNow = 1771922631000;

json image(const std::string& n, long long expires = 0) {
  return {{"url", "https://p3-dreamina-sign.byteimg.com/tos-cn-i/" + n + "~tplv.png?x-expires=" + std::to_string(expires)},
          {"uri", "tos-cn-i/" + n},
          {"format", "png"},
          {"width", 2048},
          {"height", 2048},
          {"expiresAt", expires}};
}

// A vector, not a braced json: nlohmann reads `{one_object}` as that object, not as a list of one.
json plan(const json& job, const std::vector<json>& images, const json& extra = json::object()) {
  json in = {{"now", kNamingNow}, {"tzOffsetMinutes", 480}, {"job", job}, {"images", json(images)}};
  in.update(extra);
  return answer(api::plan_downloads(in.dump()));
}

std::vector<std::string> names(const json& a) {
  std::vector<std::string> out;
  for (const auto& f : a["files"]) out.push_back(f["name"]);
  return out;
}

TEST(PlanDownloads, FollowsTheDefaultTemplateAndKeepsChinese) {
  const json a = plan({{"prompt", "一只橘猫 在窗台上"}, {"seed", 42}}, {image("a"), image("b")});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(names(a), (std::vector<std::string>{"jimeng/2026-02-24/一只橘猫 在窗台上-42-1.png",
                                                "jimeng/2026-02-24/一只橘猫 在窗台上-42-2.png"}));
  EXPECT_EQ(a["files"][1]["uri"], "tos-cn-i/b");
}

TEST(PlanDownloads, TheDateInANameIsTheDayTheWorkWasMadeNotTheDayItIsSaved) {
  const long long made = 1741000000000;  // 2025-03-03 11:06:40 UTC = 19:06:40 in Beijing
  const json a =
      plan({{"prompt", "去年的雪"}, {"seed", 7}}, {image("a")}, {{"madeAt", made}, {"template", "{date} {time} {prompt}.{ext}"}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(names(a), std::vector<std::string>{"2025-03-03 19-06-40 去年的雪.png"});
  EXPECT_EQ(plan({{"prompt", "x"}}, {image("a")}, {{"madeAt", "yesterday"}})["error"]["code"], "made_at_invalid");
  EXPECT_EQ(plan({{"prompt", "x"}}, {image("a")}, {{"madeAt", -1}})["error"]["code"], "made_at_invalid");
}

TEST(PlanDownloads, AnUpscaleIsNamedApartFromItsOriginal) {
  const json original = plan({{"prompt", "橘猫"}, {"seed", 42}}, {image("a")});
  const json upscaled = plan({{"prompt", "橘猫"}, {"seed", 42}, {"upscale", "normal_hd"}}, {image("b")});
  EXPECT_EQ(names(original), (std::vector<std::string>{"jimeng/2026-02-24/橘猫-42-1.png"}));
  EXPECT_EQ(names(upscaled), (std::vector<std::string>{"jimeng/2026-02-24/橘猫-42-1-4K.png"}));
  const json no_ext = plan({{"prompt", "橘猫"}, {"upscale", "pro_hd"}}, {image("c")}, {{"template", "{prompt}"}});
  EXPECT_EQ(names(no_ext), (std::vector<std::string>{"橘猫-4K"}));
}

TEST(PlanDownloads, ExpandsEveryPlaceholderOfACustomTemplate) {
  const json a =
      plan({{"prompt", "cat"}, {"seed", 7}, {"submitId", "19637d71-15df-445e-b86d-490f3549cb85"}, {"modelName", "图片 4.0"}},
           {image("a")}, {{"template", "{model}/{date}_{time}/{id}-{index}of{count}-{width}x{height}.{ext}"}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(names(a)[0], "图片 4.0/2026-02-24_16-43-51/19637d71-1of1-2048x2048.png");
}

TEST(PlanDownloads, AVideoIsSavedAsMp4WithItsKindAndDurationAndAStaleLinkIsPolledAgain) {
  const json video = {{"url", "https://v3-artist.vlabvod.com/v01/clean.mp4?x-expires=1"},
                      {"vid", "v01"},
                      {"width", 1248},
                      {"height", 704},
                      {"durationMs", 5000},
                      {"expiresAt", kNamingNow / 1000 + 60}};
  json in = {{"now", kNamingNow},
             {"tzOffsetMinutes", 480},
             {"job", {{"prompt", "海边"}, {"seed", 3}}},
             {"videos", {video}},
             {"template", "{kind}/{prompt}-{duration}-{index}.{ext}"}};
  const json a = answer(api::plan_downloads(in.dump()));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(names(a), (std::vector<std::string>{"video/海边-5s-1.mp4"}));
  EXPECT_EQ(a["files"][0]["uri"], "v01");
  EXPECT_TRUE(a["files"][0]["resign"].get<bool>()) << "its link ends within 5 minutes";
  const json images = plan({{"prompt", "海边"}}, {image("a")}, {{"template", "{kind}/{prompt}{duration}.{ext}"}});
  EXPECT_EQ(names(images), (std::vector<std::string>{"image/海边.png"}));
}

TEST(PlanDownloads, ABatchRowIsNamedByItsBatchAndRowAndASingleJobDropsThoseSegments) {
  const json tpl = {{"template", "jimeng/{batch}/{row}-{prompt}-{index}.{ext}"}};
  const json row = plan({{"prompt", "雪山"}, {"batch", "分镜 第1集"}, {"row", 12}}, {image("a")}, tpl);
  ASSERT_TRUE(row["ok"].get<bool>()) << row.dump();
  EXPECT_EQ(names(row), (std::vector<std::string>{"jimeng/分镜 第1集/12-雪山-1.png"}));
  const json single = plan({{"prompt", "雪山"}}, {image("a")}, {{"template", "jimeng/{batch}/{prompt}-{index}{row}.{ext}"}});
  EXPECT_EQ(names(single), (std::vector<std::string>{"jimeng/雪山-1.png"}));
  const json hostile = plan({{"prompt", "p"}, {"batch", "../../etc"}}, {image("a")}, tpl);
  // A batch name is one folder, whatever it holds: no separator or ".." survives as a path step.
  const std::string name = names(hostile)[0];
  EXPECT_EQ(std::count(name.begin(), name.end(), '/'), 2) << name;
  EXPECT_EQ(name.find("/../"), std::string::npos) << name;
}

TEST(PlanDownloads, HostilePromptsBecomeOneSafeSegment) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"../../etc/passwd", "_.._etc_passwd"},  // separators never survive
      {"<script>alert(1)</script>", "_script_alert(1)__script_"},
      {"a\\b:c*d?e\"f|g", "a_b_c_d_e_f_g"},
      {"evil\u202Egnp.exe", "evilgnp.exe"},  // RTL override removed
      {"tab\tand\nnew  lines", "tab and new lines"},
      {"zero\u200Bwidth\u0007bell", "zerowidthbell"},
      {"   ...hidden", "hidden"},
      {"CON", "_CON"},  // a Windows device name
  };
  for (const auto& [prompt, expected] : cases) {
    const json a = plan({{"prompt", prompt}, {"seed", 1}}, {image("a")}, {{"template", "{prompt}.{ext}"}});
    ASSERT_TRUE(a["ok"].get<bool>()) << prompt;
    EXPECT_EQ(names(a)[0], expected + ".png") << prompt;
  }
}

TEST(PlanDownloads, CapsLongPromptsAndSegmentsWithoutSplittingCharacters) {
  std::string long_prompt;
  for (int i = 0; i < 300; ++i) long_prompt += "猫";
  const json a = plan({{"prompt", long_prompt}, {"seed", 1}}, {image("a")});
  ASSERT_TRUE(a["ok"].get<bool>());
  const std::string name = names(a)[0];
  EXPECT_EQ(name, "jimeng/2026-02-24/" + long_prompt.substr(0, 30 * 3) + "-1-1.png");  // 30 characters of prompt

  std::string tpl = "{prompt}";
  for (int i = 0; i < 10; ++i) tpl += "{prompt}";
  const json b = plan({{"prompt", long_prompt}, {"seed", 1}}, {image("a")}, {{"template", tpl + ".{ext}"}});
  const std::string capped = names(b)[0];
  EXPECT_LE(capped.size(), 150u);
  EXPECT_EQ(capped.substr(capped.size() - 4), ".png");  // the extension survives the cut
  EXPECT_EQ((capped.size() - 4) % 3, 0u);               // whole characters only
}

TEST(PlanDownloads, MarksUrlsThatExpireWithinFiveMinutesForResigning) {
  const long long now_s = kNamingNow / 1000;
  const json a = plan({{"prompt", "p"}, {"seed", 1}},
                      {image("old", now_s - 10), image("soon", now_s + 60), image("fresh", now_s + 3600), image("unknown", 0)});
  ASSERT_TRUE(a["ok"].get<bool>());
  EXPECT_TRUE(a["files"][0]["resign"].get<bool>());
  EXPECT_TRUE(a["files"][1]["resign"].get<bool>());
  EXPECT_FALSE(a["files"][2]["resign"].get<bool>());
  EXPECT_FALSE(a["files"][3]["resign"].get<bool>());
}

TEST(PlanDownloads, RefusesBadTemplatesAndInputsWithTheField) {
  const std::vector<std::pair<json, std::string>> cases = {
      {{{"template", "{prompt}-{nope}.{ext}"}}, "template"},
      {{{"template", "{prompt"}}, "template"},
      {{{"template", 5}}, "template"},
      {{{"tzOffsetMinutes", 100000}}, "tzOffsetMinutes"},
      {{{"images", json::array()}}, "images"},
      {{{"images", {{{"uri", "x"}}}}}, "images"},
      {{{"job", "text"}}, "job"},
  };
  for (const auto& [extra, field] : cases) {
    const json a = plan({{"prompt", "p"}}, {image("a")}, extra);
    ASSERT_FALSE(a["ok"].get<bool>()) << extra.dump();
    EXPECT_EQ(a["error"]["kind"], "invalid_input");
    EXPECT_EQ(a["error"]["field"], field) << extra.dump();
  }
  EXPECT_FALSE(answer(api::plan_downloads(R"({"job":{},"images":[]})"))["ok"].get<bool>());  // no clock
  EXPECT_FALSE(answer(api::plan_downloads("not json"))["ok"].get<bool>());
}

TEST(PlanDownloads, AnEmptyPromptOrTemplateStillNamesTheFile) {
  const json a = plan({{"prompt", "\u200B\u202E"}, {"seed", 1}}, {image("a")}, {{"template", "  "}});
  ASSERT_TRUE(a["ok"].get<bool>());
  EXPECT_EQ(names(a)[0], "jimeng/2026-02-24/jimeng-1-1.png");
  const json b = plan({{"prompt", "x"}}, {image("a")}, {{"template", "///"}});
  EXPECT_EQ(names(b)[0], "image.png");
}

}  // namespace
}  // namespace jimeng::test

namespace jimeng::test {
namespace {

// Found by fuzz_plan_downloads: expiresAt * 1000 overflowed (signed overflow is UB). Any 64-bit value is
// a far future expiry, not a crash.
TEST(PlanDownloads, AHugeExpiryIsFarFutureNotOverflow) {
  json in = {{"now", kNamingNow},
             {"job", {{"prompt", "p"}}},
             {"images", json::array({{{"url", "https://p/a.png"}, {"uri", "a"}, {"expiresAt", 17719221771922000LL}}})}};
  json a = answer(api::plan_downloads(in.dump()));
  ASSERT_TRUE(a["ok"].get<bool>());
  EXPECT_FALSE(a["files"][0]["resign"].get<bool>());
  in["images"][0]["expiresAt"] = std::numeric_limits<long long>::max();
  EXPECT_FALSE(answer(api::plan_downloads(in.dump()))["files"][0]["resign"].get<bool>());
}

}  // namespace
}  // namespace jimeng::test
