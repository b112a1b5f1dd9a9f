// Seedance video submits against protocol §7.2. The samples video_*_request_2026.json are §7.2's captured
// shapes written out (text-to-video and 全能参考 from the 2026-02 browser, first/last frame from 2025-09).
#include <set>

#include "helpers.hpp"

namespace jimeng::test::video_submit {
namespace {

constexpr const char* kSeedance = "dreamina_seedance_40_pro";

json body_of(const json& a) { return json::parse(a["request"]["body"].get<std::string>()); }
json draft_of(const json& a) { return json::parse(body_of(a)["draft_content"].get<std::string>()); }
json input_of(const json& a) {
  return draft_of(a)["component_list"][0]["abilities"]["gen_video"]["text_to_video_params"]["video_gen_inputs"][0];
}
json metrics_of(const json& a) { return json::parse(body_of(a)["metrics_extra"].get<std::string>()); }

// Every key path, with JSON text holding an object or array expanded in place, in document order.
void key_paths(const json& j, const std::string& prefix, std::vector<std::string>& out) {
  if (j.is_string()) {
    const json inner = json::parse(j.get<std::string>(), nullptr, false);
    if (!inner.is_discarded() && (inner.is_object() || inner.is_array())) return key_paths(inner, prefix + "<json>", out);
  }
  if (j.is_object())
    for (const auto& [k, v] : j.items()) {
      out.push_back(prefix + "/" + k);
      key_paths(v, prefix + "/" + k, out);
    }
  if (j.is_array())
    for (const auto& v : j) key_paths(v, prefix + "[]", out);
}
std::vector<std::string> ordered_paths(const std::string& text) {
  std::vector<std::string> out;
  key_paths(nlohmann::ordered_json::parse(text), "", out);
  return out;
}
// The same, for our body: nlohmann::ordered_json keeps the order the core wrote.
std::vector<std::string> ordered_paths_of(const json& a) { return ordered_paths(a["request"]["body"].get<std::string>()); }

json video_input() {
  json in = base_input();
  in["prompt"] = "海边的日落，镜头缓缓推进";
  in["model"] = kSeedance;
  in["video"] = json::object();
  return in;
}
json image_ref(const std::string& name, int w = 1280, int h = 720) {
  return {{"uri", "tos-cn-i-tb4s082cfz/" + name}, {"width", w}, {"height", h}, {"format", "jpeg"}};
}

TEST(BuildVideo, TextToVideoIsTheCapturedDraftKeyForKeyInItsOrder) {
  const json a = generate(video_input());
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(ordered_paths_of(a), ordered_paths(read_sample("video_text_request_2026.json")));
  const json input = input_of(a);
  EXPECT_EQ(input["prompt"], "海边的日落，镜头缓缓推进");
  EXPECT_EQ(input["duration_ms"], 5000);
  EXPECT_EQ(input["fps"], 24);
  EXPECT_EQ(input["min_version"], "3.0.5");
  EXPECT_EQ(draft_of(a)["min_features"], json::array());
  EXPECT_EQ(metrics_of(a)["functionMode"], "first_last_frames");
  EXPECT_EQ(metrics_of(a)["originSubmitId"], body_of(a)["submit_id"]);
  EXPECT_EQ(body_of(a)["extend"]["m_video_commerce_info"]["benefit_type"], "dreamina_video_seedance_20_pro");
  EXPECT_EQ(a["request"]["referrer"], "https://jimeng.jianying.com/ai-tool/generate?type=video");
  EXPECT_EQ(a["request"]["path"], "/mweb/v1/aigc_draft/generate");
  const json job = a["job"];
  EXPECT_EQ(job["kind"], "video");
  EXPECT_EQ(job["mode"], "text");
  EXPECT_EQ(job["durationS"], 5);
  EXPECT_EQ(job["ratioLabel"], "16:9");
  EXPECT_EQ(job["resolution"], "720p");
}

TEST(BuildVideo, OmniReferenceCarriesTheImagesAsMaterialsAndTheWordsInMetaList) {
  json in = video_input();
  in["video"]["references"] = json::array({{{"uri", "tos-cn-i-tb4s082cfz/ref"}, {"width", 1024}, {"height", 1024}}});
  const json a = generate(in);
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(ordered_paths_of(a), ordered_paths(read_sample("video_omni_request_2026.json")));
  const json input = input_of(a);
  EXPECT_EQ(input["prompt"], "") << "全能参考 leaves the top-level prompt empty";
  EXPECT_EQ(input["unified_edit_input"]["meta_list"][0]["text"], "海边的日落，镜头缓缓推进");
  EXPECT_EQ(input["unified_edit_input"]["material_list"][0]["image_info"]["image_uri"], "tos-cn-i-tb4s082cfz/ref");
  EXPECT_EQ(draft_of(a)["min_features"], json::array({"AIGC_Video_UnifiedEdit"}));
  EXPECT_EQ(draft_of(a)["min_version"], "3.3.9");
  EXPECT_EQ(metrics_of(a)["functionMode"], "omni_reference");
  EXPECT_FALSE(metrics_of(a).contains("promptSource"));
  EXPECT_EQ(a["job"]["mode"], "omni");
}

TEST(BuildVideo, FirstAndLastFramesGoInTheInputBesideTheWords) {
  json in = video_input();
  in["ratio"] = "9:16";
  in["video"] = {{"durationS", 10}, {"firstFrame", image_ref("first")}, {"lastFrame", image_ref("last")}};
  const json a = generate(in);
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  std::vector<std::string> expected = ordered_paths(read_sample("video_frames_request_2026.json"));
  EXPECT_EQ(ordered_paths_of(a), expected);
  const json input = input_of(a);
  EXPECT_EQ(input["first_frame_image"]["uri"], "tos-cn-i-tb4s082cfz/first");
  EXPECT_EQ(input["end_frame_image"]["width"], 1280);
  EXPECT_EQ(input["duration_ms"], 10000);
  EXPECT_EQ(draft_of(a)["component_list"][0]["abilities"]["gen_video"]["text_to_video_params"]["video_aspect_ratio"], "9:16");
  EXPECT_EQ(a["job"]["mode"], "frames");
  EXPECT_EQ(a["job"]["firstFrame"]["uri"], "tos-cn-i-tb4s082cfz/first");
}

TEST(BuildVideo, AVideoModelKeyAloneMakesAVideoAndTheImageDraftIsUntouched) {
  json in = base_input();
  in["model"] = kSeedance;
  EXPECT_EQ(generate(in)["job"]["kind"], "video");
  const json image = generate(base_input());
  ASSERT_TRUE(image["ok"].get<bool>());
  EXPECT_FALSE(image["job"].contains("kind"));
  EXPECT_TRUE(draft_of(image)["component_list"][0]["abilities"].contains("generate"));
}

struct Refusal {
  const char* name;
  json video;
  json extra;  // top-level keys
  const char* field;
  const char* code;
};

TEST(BuildVideo, RefusalsNameTheField) {
  json nine = json::array();
  for (int i = 0; i < 9; ++i) nine.push_back(image_ref("r" + std::to_string(i)));
  json ten = nine;
  ten.push_back(image_ref("r9"));
  const std::vector<Refusal> cases = {
      {"duration not offered", {{"durationS", 3}}, {}, "video.durationS", "duration_unsupported"},
      {"duration of 30 s on 2.0", {{"durationS", 30}}, {}, "video.durationS", "duration_unsupported"},
      {"ratio not offered", json::object(), {{"ratio", "2:3"}}, "ratio", "ratio_unsupported"},
      {"resolution not offered", {{"resolution", "1080p"}}, {}, "video.resolution", "resolution_unsupported"},
      {"ten references", {{"references", ten}}, {}, "video.references", "references_too_many"},
      {"frames with references",
       {{"firstFrame", image_ref("f")}, {"references", json::array({image_ref("r")})}},
       {},
       "video.references",
       "frames_with_references"},
      {"last frame alone", {{"lastFrame", image_ref("l")}}, {}, "video.lastFrame", "last_frame_without_first"},
      {"frame without size", {{"firstFrame", {{"uri", "tos-cn-i-x/y"}}}}, {}, "video.firstFrame", "frame_invalid"},
      {"frame with a quote in its uri",
       {{"firstFrame", {{"uri", "a\"b"}, {"width", 1}, {"height", 1}}}},
       {},
       "video.firstFrame",
       "frame_invalid"},
      {"video not an object", json::array(), {}, "video", "video_invalid"},
      {"unknown video model", json::object(), {{"model", "dreamina_seedance_99"}}, "model", "model_unknown"},
      {"no words and no images", json::object(), {{"prompt", "  "}}, "prompt", "prompt_empty"},
  };
  for (const auto& c : cases) {
    json in = video_input();
    in["video"] = c.video;
    for (const auto& [k, v] : c.extra.items()) in[k] = v;
    const json a = generate(in);
    EXPECT_FALSE(a["ok"].get<bool>()) << c.name;
    EXPECT_EQ(error_kind(a), "invalid_input") << c.name;
    EXPECT_EQ(error_field(a), c.field) << c.name << ": " << a.dump();
    EXPECT_EQ(a.value("/error/code"_json_pointer, std::string()), c.code) << c.name;
  }
  json in = video_input();
  in["video"] = {{"references", nine}};
  EXPECT_TRUE(generate(in)["ok"].get<bool>()) << "nine 全能参考 images are Seedance 2.0's limit";
}

TEST(BuildVideo, TheLiveCatalogueDecidesWhatAModelOffers) {
  json in = video_input();
  in["model"] = "dreamina_seedance_45_pro";
  in["models"] = json::array({{{"kind", "video"},
                               {"key", "dreamina_seedance_45_pro"},
                               {"name", "Seedance 2.5"},
                               {"durations", {4, 10, 30}},
                               {"ratios", {"16:9", "9:16"}},
                               {"resolutions", {"720p", "1080p"}},
                               {"inputModes", {"prompt", "first_frame"}},
                               {"maxImages", 0},
                               {"benefitType", "seedance_25_720"},
                               {"benefitTypes", {{"1080p", "seedance_25_1080"}}}}});
  in["video"] = {{"durationS", 30}, {"resolution", "1080p"}};
  const json a = generate(in);
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(body_of(a)["extend"]["m_video_commerce_info"]["benefit_type"], "seedance_25_1080") << "billed by resolution";
  EXPECT_EQ(input_of(a)["duration_ms"], 30000);
  in["video"] = {{"lastFrame", image_ref("l")}, {"firstFrame", image_ref("f")}};
  EXPECT_EQ(error_field(generate(in)), "video.lastFrame") << "this model takes no last frame";
  in["video"] = {{"references", json::array({image_ref("r")})}};
  EXPECT_EQ(generate(in)["error"]["code"], "omni_unsupported");
}

}  // namespace
}  // namespace jimeng::test::video_submit
