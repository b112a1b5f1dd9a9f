#include "crypto/md5.hpp"
#include "helpers.hpp"

namespace jimeng::test {
namespace {

json draft_of(const json& a) {
  return json::parse(json::parse(a["request"]["body"].get<std::string>())["draft_content"].get<std::string>());
}
json body_of(const json& a) { return json::parse(a["request"]["body"].get<std::string>()); }
json core_param(const json& a) { return draft_of(a)["component_list"][0]["abilities"]["generate"]["core_param"]; }

// Every key path of a JSON value, with JSON strings that hold JSON objects expanded in place.
void key_paths(const json& j, const std::string& prefix, std::set<std::string>& out) {
  if (j.is_string()) {
    const json inner = json::parse(j.get<std::string>(), nullptr, false);
    if (!inner.is_discarded() && inner.is_object()) return key_paths(inner, prefix + "<json>", out);
  }
  if (j.is_object())
    for (const auto& [k, v] : j.items()) {
      out.insert(prefix + "/" + k);
      key_paths(v, prefix + "/" + k, out);
    }
  if (j.is_array())
    for (const auto& v : j) key_paths(v, prefix + "[]", out);
}

TEST(BuildGenerate, SeedParametersGiveTheSeedsStructureKeyForKey) {
  const json seed = json::parse(read_sample("seed_generate_request.json"));
  json in = base_input();
  in["model"] = "high_aes_general_v40";
  in["ratio"] = "1:1";
  in["resolution"] = "2k";
  in["seed"] = 1277902096;
  in["submitId"] = "19637d71-15df-445e-b86d-490f3549cb85";
  in["session"] = {{"daVersion", "3.2.9"}};
  const json a = generate(in);
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();

  std::set<std::string> ours, theirs;
  key_paths(body_of(a), "", ours);
  key_paths(seed, "", theirs);
  std::set<std::string> added;
  for (const auto& k : ours)
    if (!theirs.count(k)) added.insert(k);
  for (const auto& k : theirs) EXPECT_TRUE(ours.count(k)) << "missing " << k;
  // Only the image count block (the seed's request was sent without one, and got the default 4), the
  // 2026 capture's core_param.generate_type and its metrics_extra keys are new.
  const std::string ab = "/draft_content<json>/component_list[]/abilities";
  const std::string me = "/metrics_extra<json>";
  EXPECT_EQ(added, (std::set<std::string>{ab + "/gen_option", ab + "/gen_option/type", ab + "/gen_option/id",
                                          ab + "/gen_option/generate_all", ab + "/gen_option/gen_count",
                                          ab + "/generate/core_param/generate_type", me + "/position", me + "/sceneOptions",
                                          me + "/isBoxSelect", me + "/isCutout"}));
  const json core = core_param(a);
  const json seed_core =
      json::parse(seed["draft_content"].get<std::string>())["component_list"][0]["abilities"]["generate"]["core_param"];
  for (const char* k : {"model", "prompt", "negative_prompt", "seed", "sample_strength", "image_ratio", "intelligent_ratio"})
    EXPECT_EQ(core[k], seed_core[k]) << k;
  EXPECT_EQ(core["large_image_info"]["width"], 2048);
  EXPECT_EQ(core["large_image_info"]["resolution_type"], "2k");
  EXPECT_EQ(body_of(a)["submit_id"], seed["submit_id"]);
  const json metrics = json::parse(body_of(a)["metrics_extra"].get<std::string>());
  const json seed_metrics = json::parse(seed["metrics_extra"].get<std::string>());
  for (const auto& [k, v] : seed_metrics.items()) EXPECT_EQ(metrics[k], v) << k;
  EXPECT_EQ(draft_of(a)["version"], "3.2.9");
}

TEST(BuildGenerate, MetricsExtraIsThe2026WebAppsKeyForKeyInOrder) {
  json in = base_input();
  in["model"] = "high_aes_general_v40";
  in["resolution"] = "2k";
  in["count"] = 4;
  in["submitId"] = "19637d71-15df-445e-b86d-490f3549cb85";
  const json a = generate(in);
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  // protocol.md §4, as the text the 2026 browser sends: key order included, sceneOptions a string inside.
  const std::string scene =
      R"([{"type":"image","scene":"ImageBasicGenerate","modelReqKey":"high_aes_general_v40","resolutionType":"2k",)"
      R"("abilityList":[],"benefitCount":4,"reportParams":{"enterSource":"generate","vipSource":"generate",)"
      R"("extraVipFunctionKey":"high_aes_general_v40-2k","useVipFunctionDetailsReporterHoc":true}}])";
  const std::string expected = R"({"promptSource":"custom","generateCount":1,"enterFrom":"click","position":"page_bottom_box",)"
                               R"("sceneOptions":)" +
                               json(scene).dump() +
                               R"(,"isBoxSelect":false,"isCutout":false,"generateId":"19637d71-15df-445e-b86d-490f3549cb85",)"
                               R"("isRegenerate":false})";
  EXPECT_EQ(body_of(a)["metrics_extra"].get<std::string>(), expected);

  in["model"] = "high_aes_general_v50";
  in["resolution"] = "4k";
  in["count"] = 2;
  const json b = generate(in);
  ASSERT_TRUE(b["ok"].get<bool>()) << b.dump();
  const json options =
      json::parse(json::parse(body_of(b)["metrics_extra"].get<std::string>())["sceneOptions"].get<std::string>());
  EXPECT_EQ(options[0]["modelReqKey"], "high_aes_general_v50");
  EXPECT_EQ(options[0]["resolutionType"], "4k");
  EXPECT_EQ(options[0]["benefitCount"], 2);
  EXPECT_EQ(options[0]["reportParams"]["extraVipFunctionKey"], "high_aes_general_v50-4k");
}

TEST(BuildGenerate, PutsTheCountInGenOptionAndStringifiesDraftAndMetrics) {
  json in = base_input();
  in["count"] = 2;
  const json a = generate(in);
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  const json body = body_of(a);
  EXPECT_TRUE(body["draft_content"].is_string());
  EXPECT_TRUE(body["metrics_extra"].is_string());
  EXPECT_EQ(draft_of(a)["component_list"][0]["abilities"]["gen_option"]["gen_count"], 2);
  EXPECT_EQ(a["job"]["count"], 2);
  EXPECT_EQ(body["http_common_info"]["aid"], 513695);
  EXPECT_EQ(body["extend"]["root_model"], core_param(a)["model"]);
}

TEST(BuildGenerate, SignsWithTheCallersClockAndSendsTheGenerateQuery) {
  json in = base_input();
  in["session"] = {{"webId", "7539210196167607844"}, {"appVersion", "8.4.0"}};
  const json a = generate(in);
  const json& h = a["request"]["headers"];
  EXPECT_EQ(h["device-time"], "1771893826");
  EXPECT_EQ(h["sign"], md5_hex("9e2c|enerate|7|8.4.0|1771893826||11ac"));
  EXPECT_EQ(h["sign"], "19724735691862919106b8c4808a6ce7");  // the captured vector for this second
  EXPECT_EQ(h["appvr"], "8.4.0");
  EXPECT_EQ(h["pf"], "7");
  EXPECT_EQ(h["sign-ver"], "1");
  EXPECT_EQ(a["request"]["url"],
            "https://jimeng.jianying.com/mweb/v1/aigc_draft/generate?aid=513695&device_platform=web&region=cn"
            "&webId=7539210196167607844&da_version=3.3.9&os=windows&web_component_open_flag=1&web_version=7.5.0"
            "&aigc_features=app_lip_sync");
  EXPECT_EQ(a["request"]["method"], "POST");
  EXPECT_EQ(draft_of(a)["component_list"][0]["metadata"]["created_time_in_ms"], "1771893826123");
}

TEST(BuildGenerate, SessionVersionsOverrideTheDefaults) {
  json in = base_input();
  in["session"] = {{"daVersion", "3.3.28"}, {"webVersion", "7.9.0"}, {"appVersion", "8.6.0"}};
  const json a = generate(in);
  EXPECT_EQ(a["request"]["query"]["da_version"], "3.3.28");
  EXPECT_EQ(a["request"]["query"]["web_version"], "7.9.0");
  EXPECT_EQ(a["request"]["headers"]["appvr"], "8.6.0");
  EXPECT_EQ(a["request"]["headers"]["sign"], md5_hex("9e2c|enerate|7|8.6.0|1771893826||11ac"));
  EXPECT_EQ(draft_of(a)["version"], "3.3.28");
}

TEST(BuildGenerate, UsesTheRightPixelTableForEveryResolution) {
  struct Case {
    const char* model;
    const char* res;
    const char* ratio;
    int w, h;
  };
  const Case cases[] = {
      {"high_aes_general_v40", "4k", "16:9", 5404, 3040},
      {"high_aes_general_v50", "4k", "21:9", 6197, 2656},
      {"high_aes_general_v43", "2k", "3:4", 1728, 2304},
      {"high_aes_general_v30l:general_v3.0_18b", "1k", "9:16", 936, 1664},
      {"high_aes_general_v20_L:general_v2.0_L", "1k", "2:3", 682, 1024},
      {"high_aes_general_v20_L:general_v2.0_L", "1k", "21:9", 1195, 512},
  };
  for (const auto& c : cases) {
    json in = base_input();
    in["model"] = c.model;
    in["resolution"] = c.res;
    in["ratio"] = c.ratio;
    const json a = generate(in);
    ASSERT_TRUE(a["ok"].get<bool>()) << c.model << a.dump();
    EXPECT_EQ(core_param(a)["large_image_info"]["width"], c.w) << c.model << c.res << c.ratio;
    EXPECT_EQ(core_param(a)["large_image_info"]["height"], c.h) << c.model << c.res << c.ratio;
  }
}

TEST(BuildGenerate, AcceptsRatioCodesAndIntelligentRatio) {
  json in = base_input();
  in["ratio"] = 8;
  in["intelligentRatio"] = true;
  const json a = generate(in);
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(core_param(a)["image_ratio"], 8);
  EXPECT_EQ(core_param(a)["intelligent_ratio"], true);
  EXPECT_EQ(a["job"]["ratioLabel"], "21:9");
}

TEST(BuildGenerate, IsDeterministicForTheSameEntropyAndFreshForAnother) {
  const json a = generate(base_input());
  const json b = generate(base_input());
  EXPECT_EQ(a, b);
  json other = base_input();
  other["entropy"] = "ffeeddccbbaa99887766554433221100";
  const json c = generate(other);
  EXPECT_NE(a["job"]["submitId"], c["job"]["submitId"]);
  EXPECT_NE(a["job"]["seed"], c["job"]["seed"]);
  // Every node id in the draft is a distinct uuid.
  std::set<std::string> ids;
  std::function<void(const json&)> walk = [&](const json& j) {
    if (j.is_object()) {
      if (j.contains("id")) ids.insert(j["id"].get<std::string>());
      for (const auto& [k, v] : j.items()) walk(v);
    } else if (j.is_array()) {
      for (const auto& v : j) walk(v);
    }
  };
  walk(draft_of(a));
  EXPECT_EQ(ids.size(), 8u);  // draft, component, metadata, abilities, generate, core_param, large_image_info, gen_option
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

struct Invalid {
  const char* name;
  json patch;
  const char* field;
};

class BuildGenerateRejects : public testing::TestWithParam<Invalid> {};

TEST_P(BuildGenerateRejects, WithThePreciseField) {
  json in = base_input();
  in.merge_patch(GetParam().patch);
  const json a = generate(in);
  EXPECT_FALSE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(error_kind(a), "invalid_input") << a.dump();
  EXPECT_EQ(error_field(a), GetParam().field) << a.dump();
  EXPECT_EQ(a["error"]["retry"], "never");
  EXPECT_FALSE(a["error"]["message"].get<std::string>().empty());
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, BuildGenerateRejects,
    testing::Values(
        Invalid{"EmptyPrompt", {{"prompt", ""}}, "prompt"}, Invalid{"WhitespacePrompt", {{"prompt", " \t\n\u3000 "}}, "prompt"},
        Invalid{"NoPrompt", {{"prompt", nullptr}}, "prompt"}, Invalid{"PromptNotText", {{"prompt", 42}}, "prompt"},
        Invalid{"PromptTooLong", {{"prompt", repeat("猫", 801)}}, "prompt"},
        Invalid{"NegativeTooLong", {{"negativePrompt", std::string(801, 'x')}}, "negativePrompt"},
        Invalid{"UnknownModel", {{"model", "high_aes_general_v99"}}, "model"},
        Invalid{"ResolutionNotOffered", {{"model", "high_aes_general_v40"}, {"resolution", "1k"}}, "resolution"},
        Invalid{"FourKOnThreeZero", {{"model", "high_aes_general_v30l:general_v3.0_18b"}, {"resolution", "4k"}}, "resolution"},
        Invalid{"RatioZero", {{"ratio", 0}}, "ratio"}, Invalid{"RatioNine", {{"ratio", 9}}, "ratio"},
        Invalid{"RatioLabel", {{"ratio", "5:4"}}, "ratio"}, Invalid{"CountZero", {{"count", 0}}, "count"},
        Invalid{"CountNineOnV40", {{"count", 9}}, "count"},
        Invalid{"CountFiveOnV30", {{"model", "high_aes_general_v30l:general_v3.0_18b"}, {"count", 5}}, "count"},
        Invalid{"CountFraction", {{"count", 2.5}}, "count"}, Invalid{"SeedNegative", {{"seed", -1}}, "seed"},
        Invalid{"SeedTooLarge", {{"seed", 4294967296LL}}, "seed"}, Invalid{"SeedFraction", {{"seed", 1.5}}, "seed"},
        Invalid{"SeedText", {{"seed", "123"}}, "seed"}, Invalid{"StrengthAboveOne", {{"sampleStrength", 1.01}}, "sampleStrength"},
        Invalid{"StrengthNegative", {{"sampleStrength", -0.1}}, "sampleStrength"},
        Invalid{"IntelligentRatioOnV30",
                {{"model", "high_aes_general_v30l:general_v3.0_18b"}, {"intelligentRatio", true}},
                "intelligentRatio"},
        Invalid{"SubmitIdNotUuid", {{"submitId", "abc"}}, "submitId"}, Invalid{"NoClock", {{"now", nullptr}}, "now"},
        Invalid{"NoEntropy", {{"entropy", nullptr}}, "entropy"}, Invalid{"ShortEntropy", {{"entropy", "abcd"}}, "entropy"},
        Invalid{"SessionNotObject", {{"session", "x"}}, "session"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(BuildGenerate, IgnoresUnknownKeysAndTrimsThePrompt) {
  json in = base_input();
  in["prompt"] = "  \u3000一只猫  ";
  in["colour"] = "blue";
  in["session"] = {{"unknown", 1}};
  const json a = generate(in);
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(core_param(a)["prompt"], "一只猫");
}

TEST(BuildGenerate, AcceptsExactlyTheLimits) {
  json in = base_input();
  in["prompt"] = repeat("猫", 800);
  in["seed"] = 2147483647;
  in["sampleStrength"] = 1;
  in["count"] = 8;
  const json a = generate(in);
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(core_param(a)["seed"], 2147483647);
}

TEST(BuildGenerate, ValidatesAgainstALiveCatalogueWhenGivenOne) {
  json live = json::parse(api::builtin_models())["models"];
  json extra = live[0];
  extra["key"] = "high_aes_general_v60";
  extra["name"] = "图片 6.0";
  extra["counts"] = {1, 2};
  live.push_back(extra);
  json in = base_input();
  in["models"] = live;
  in["model"] = "high_aes_general_v60";
  in["count"] = 2;
  EXPECT_TRUE(generate(in)["ok"].get<bool>());
  in["count"] = 3;
  EXPECT_EQ(error_field(generate(in)), "count");
}

TEST(BuildGenerate, RejectsInputThatIsNotAnObject) {
  for (const char* text : {"not json", "[1,2]", "\"str\"", "{\"prompt\":", "null"}) {
    const json a = answer(api::build_generate(text));
    EXPECT_FALSE(a["ok"].get<bool>()) << text;
    EXPECT_EQ(error_kind(a), "invalid_input") << text;
  }
}

}  // namespace
}  // namespace jimeng::test
