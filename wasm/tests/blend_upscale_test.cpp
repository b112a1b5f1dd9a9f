// Reference-image ("blend", protocol §4.3) and upscale (§4.5) drafts.
#include "helpers.hpp"

namespace jimeng::test {
namespace {

using ojson = nlohmann::ordered_json;

ojson odraft(const json& a) {
  const ojson body = ojson::parse(a["request"]["body"].get<std::string>());
  return ojson::parse(body["draft_content"].get<std::string>());
}
json metrics_of(const json& a) {
  return json::parse(json::parse(a["request"]["body"].get<std::string>())["metrics_extra"].get<std::string>());
}
std::vector<std::string> keys(const ojson& o) {
  std::vector<std::string> k;
  for (const auto& [key, _] : o.items()) k.push_back(key);
  return k;
}
using Keys = std::vector<std::string>;

json blend_input(int refs) {
  json in = base_input();
  in["prompt"] = "老人在睡觉";
  in["model"] = "high_aes_general_v40";
  in["references"] = json::array();
  for (int i = 0; i < refs; ++i) in["references"].push_back({{"uri", "tos-cn-i-tb4s082cfz/ref" + std::to_string(i)}});
  return in;
}

TEST(BuildBlend, TwoReferencesGiveTheCapturedDraftKeyForKey) {
  const json a = generate(blend_input(2));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  const ojson d = odraft(a);
  EXPECT_EQ(d["min_version"], "3.2.9");
  const ojson& c = d["component_list"][0];
  EXPECT_EQ(c["generate_type"], "blend");
  EXPECT_EQ(keys(c["abilities"]), (Keys{"type", "id", "blend", "gen_option"}));
  const ojson& blend = c["abilities"]["blend"];
  EXPECT_EQ(keys(blend), (Keys{"type", "id", "min_version", "min_features", "core_param", "ability_list",
                               "prompt_placeholder_info_list", "postedit_param"}));
  EXPECT_EQ(blend["min_version"], "3.2.9");
  EXPECT_EQ(keys(blend["core_param"]),
            (Keys{"type", "id", "model", "prompt", "sample_strength", "image_ratio", "large_image_info", "intelligent_ratio"}));
  EXPECT_EQ(blend["core_param"]["prompt"], "####老人在睡觉");
  ASSERT_EQ(blend["ability_list"].size(), 2u);
  for (int i = 0; i < 2; ++i) {
    const ojson& ab = blend["ability_list"][i];
    const std::string uri = "tos-cn-i-tb4s082cfz/ref" + std::to_string(i);
    EXPECT_EQ(keys(ab), (Keys{"type", "id", "name", "image_uri_list", "image_list", "strength"}));
    EXPECT_EQ(ab["name"], "byte_edit");
    EXPECT_EQ(ab["image_uri_list"], ojson::array({uri}));
    EXPECT_EQ(keys(ab["image_list"][0]),
              (Keys{"type", "id", "source_from", "platform_type", "name", "image_uri", "width", "height", "format", "uri"}));
    EXPECT_EQ(ab["image_list"][0]["type"], "image");
    EXPECT_EQ(ab["image_list"][0]["source_from"], "upload");
    EXPECT_EQ(ab["image_list"][0]["image_uri"], uri);
    EXPECT_EQ(ab["image_list"][0]["uri"], uri);
    EXPECT_EQ(ab["strength"], 0.5);
    EXPECT_EQ(keys(blend["prompt_placeholder_info_list"][i]), (Keys{"type", "id", "ability_index"}));
    EXPECT_EQ(blend["prompt_placeholder_info_list"][i]["ability_index"], i);
  }
  EXPECT_EQ(keys(blend["postedit_param"]), (Keys{"type", "id", "generate_type"}));
  EXPECT_EQ(blend["postedit_param"]["generate_type"], 0);
  EXPECT_EQ(c["abilities"]["gen_option"]["gen_count"], 4);
  const json scene = json::parse(metrics_of(a)["sceneOptions"].get<std::string>());
  ASSERT_EQ(scene[0]["abilityList"].size(), 2u);
  EXPECT_EQ(scene[0]["abilityList"][1],
            (json{{"abilityName", "byte_edit"}, {"strength", 0.5}, {"source", {{"imageUrl", "tos-cn-i-tb4s082cfz/ref1"}}}}));
  EXPECT_EQ(a["job"]["references"].size(), 2u);
}

TEST(BuildBlend, OneReferenceKeepsTheBaseVersions) {
  const json a = generate(blend_input(1));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  const ojson d = odraft(a);
  EXPECT_EQ(d["min_version"], "3.0.2");
  const ojson& blend = d["component_list"][0]["abilities"]["blend"];
  EXPECT_FALSE(blend.contains("min_version"));
  EXPECT_EQ(blend["core_param"]["prompt"], "##老人在睡觉");
}

TEST(BuildBlend, NoReferencesIsTextToImageAsBefore) {
  json in = blend_input(0);
  const json a = generate(in);
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(odraft(a)["component_list"][0]["generate_type"], "generate");
  EXPECT_FALSE(a["job"].contains("references"));
}

TEST(BuildBlend, ReferencesBeyondTheModelsLimitAreRefusedSayingTheLimit) {
  const json a = generate(blend_input(7));  // 图片 4.0 takes 6
  ASSERT_FALSE(a["ok"].get<bool>());
  EXPECT_EQ(a["error"]["code"], "references_too_many");
  EXPECT_NE(a["error"]["message"].get<std::string>().find("at most 6"), std::string::npos) << a.dump();
  json in = blend_input(10);
  in["model"] = "high_aes_general_v50";
  EXPECT_TRUE(generate(in)["ok"].get<bool>());
}

TEST(BuildBlend, AModelWithoutReferencesRefusesThem) {
  json in = blend_input(1);
  in["model"] = "high_aes_general_v20_L:general_v2.0_L";
  in["resolution"] = "1k";
  const json a = generate(in);
  ASSERT_FALSE(a["ok"].get<bool>());
  EXPECT_EQ(a["error"]["code"], "references_unsupported");
  EXPECT_EQ(error_field(a), "references");
}

TEST(BuildBlend, TheLiveCataloguesLimitWins) {
  json in = blend_input(3);
  in["models"] = json::array({{{"key", "high_aes_general_v40"},
                               {"name", "图片 4.0"},
                               {"counts", {1, 2, 3, 4}},
                               {"resolutions", {{"2k", {{"1", {{"width", 2048}, {"height", 2048}}}}}}},
                               {"inputImageLimit", 2}}});
  const json a = generate(in);
  ASSERT_FALSE(a["ok"].get<bool>());
  EXPECT_EQ(a["error"]["code"], "references_too_many");
}

TEST(BuildBlend, MalformedReferencesAreRefused) {
  for (const json& bad : {json("tos/a b"), json(""), json(42), json({{"uri", "x"}, {"strength", 2}}), json::object()}) {
    json in = blend_input(0);
    in["references"] = json::array({bad});
    const json a = generate(in);
    EXPECT_FALSE(a["ok"].get<bool>()) << bad.dump();
    EXPECT_EQ(error_field(a), "references") << bad.dump();
  }
}

json upscale_input(const std::string& kind, const std::string& state = "done") {
  json in = base_input();
  in.erase("prompt");
  in["upscale"] = {{"kind", kind},
                   {"source",
                    {{"submitId", "p-1"},
                     {"index", 2},
                     {"state", state},
                     {"uri", "tos-cn-i-x/result2"},
                     {"width", 2048},
                     {"height", 2048},
                     {"ratio", 1},
                     {"prompt", "猫"},
                     {"model", "high_aes_general_v40"}}}};
  return in;
}

TEST(BuildUpscale, NormalHdIsAPostEditOfTheSourceUriAt4K) {
  const json a = generate(upscale_input("normal_hd"));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  const ojson d = odraft(a);
  EXPECT_EQ(d["min_version"], "3.2.9");
  const ojson& c = d["component_list"][0];
  EXPECT_EQ(c["generate_type"], "normal_hd");
  const ojson& edit = c["abilities"]["normal_hd"];
  EXPECT_EQ(edit["postedit_param"]["generate_type"], 13);
  EXPECT_EQ(edit["postedit_param"]["origin_image"]["image_uri"], "tos-cn-i-x/result2");
  EXPECT_FALSE(edit["postedit_param"].contains("hd_scene_type"));
  EXPECT_EQ(edit["core_param"]["large_image_info"]["width"], 4096);
  EXPECT_EQ(c["abilities"]["gen_option"]["gen_count"], 1);
  EXPECT_EQ(a["job"]["parent"]["submitId"], "p-1");
  EXPECT_EQ(a["job"]["parent"]["index"], 2);
  EXPECT_EQ(a["job"]["width"], 4096);
  EXPECT_EQ(a["job"]["count"], 1);
  EXPECT_NE(a["job"]["submitId"], "p-1");
}

TEST(BuildUpscale, ProHdOnlyWhereTheCatalogueOffersIt) {
  const json refused = generate(upscale_input("pro_hd"));  // the built-in table offers no 智能超清
  ASSERT_FALSE(refused["ok"].get<bool>());
  EXPECT_EQ(refused["error"]["code"], "upscale_kind_unsupported");
  json in = upscale_input("pro_hd");
  in["models"] = json::array({{{"key", "high_aes_general_v40"},
                               {"name", "图片 4.0"},
                               {"counts", {1}},
                               {"proHd", true},
                               {"resolutions", {{"2k", {{"1", {{"width", 2048}, {"height", 2048}}}}}}}}});
  const json a = generate(in);
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  const ojson post = odraft(a)["component_list"][0]["abilities"]["pro_hd"]["postedit_param"];
  EXPECT_EQ(post["generate_type"], 35);
  EXPECT_EQ(post["hd_scene_type"], "auto");
}

TEST(BuildUpscale, OnlyAFinishedImageCanBeUpscaled) {
  for (const char* state : {"generating", "failed", ""}) {
    const json a = generate(upscale_input("normal_hd", state));
    ASSERT_FALSE(a["ok"].get<bool>());
    EXPECT_EQ(a["error"]["code"], "upscale_not_finished") << state;
  }
  json no_uri = upscale_input("normal_hd");
  no_uri["upscale"]["source"].erase("uri");
  EXPECT_EQ(generate(no_uri)["error"]["code"], "upscale_not_finished");
  json big = upscale_input("normal_hd");
  big["upscale"]["source"]["width"] = 4096;
  EXPECT_EQ(generate(big)["error"]["code"], "upscale_already_4k");
  EXPECT_EQ(generate(upscale_input("outpaint"))["error"]["code"], "upscale_kind_invalid");
}

}  // namespace
}  // namespace jimeng::test
