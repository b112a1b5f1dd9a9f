// Edits of finished work against protocol §10: the source component replayed byte for byte, one child chained
// by parent_id, ids as exact JSON numbers beyond 2^53, and each tool's fields.
#include "helpers.hpp"

namespace jimeng::test::post_step {
namespace {

using ojson = nlohmann::ordered_json;

constexpr const char* kItemId = "7549662611135122727";  // above 2^53: a double would make it …2720
constexpr const char* kHistoryId = "7549662611135089959";
constexpr const char* kSourceSubmit = "4b9e2f0a-5c1d-4e8f-9a7b-3c2d1e0f9a8b";

// A source draft as history gives it: an older component first (the source was itself an edit), the main one
// with its own spacing, key order and a number only exact as text.
const std::string kImageComponent =
    R"({"type":"image_base_component","id":"c-main","min_version":"3.0.2", "aigc_mode":"workbench","metadata":{"type":"","id":"m1",)"
    R"("created_platform":3,"created_time_in_ms":"1771893826123"},"generate_type":"generate","abilities":{"type":"","id":"a1",)"
    R"("generate":{"type":"","id":"g1","core_param":{"type":"","id":"p1","model":"high_aes_general_v40","prompt":"猫",)"
    R"("seed":1357613421,"big":18446744073709551615,"sample_strength":0.5,"image_ratio":1,"large_image_info":{"type":"","id":"l1",)"
    R"("height":2048,"width":2048,"resolution_type":"2k"}}},"gen_option":{"type":"","id":"o1","generate_all":false,"gen_count":4}}})";
const std::string kImageDraft =
    R"({"type":"draft","id":"d1","min_version":"3.0.2","is_from_tsn":true,"version":"3.3.9",)"
    R"("main_component_id":"c-main","component_list":[{"type":"image_base_component","id":"c-old"}, )" +
    kImageComponent + "]}";

const std::string kVideoComponent =
    R"({"type":"video_base_component","id":"v-main","min_version":"1.0.0","aigc_mode":"workbench","metadata":{"type":"","id":"m2"},)"
    R"("generate_type":"gen_video","abilities":{"type":"","id":"a2","gen_video":{"type":"","id":"g2","text_to_video_params":)"
    R"({"type":"","id":"t2","video_gen_inputs":[],"seed":1,"model_req_key":"dreamina_seedance_40_pro"},"video_task_extra":"{}"}},)"
    R"("process_type":1})";
const std::string kVideoDraft =
    R"({"type":"draft","id":"d2","main_component_id":"v-main","component_list":[)" + kVideoComponent + "]}";

json image_source() {
  return {{"submitId", kSourceSubmit},   {"historyId", kHistoryId},
          {"itemId", kItemId},           {"model", "high_aes_general_v40"},
          {"draftContent", kImageDraft}, {"image", {{"uri", "tos-cn-i-tb4s082cfz/abc"}, {"width", 2048}, {"height", 2048}}}};
}
json video_source() {
  return {{"submitId", kSourceSubmit},
          {"historyId", kHistoryId},
          {"itemId", kItemId},
          {"model", "dreamina_seedance_40_pro"},
          {"draftContent", kVideoDraft},
          {"video", {{"vid", "v0d8fbg10000abc"}, {"width", 1280}, {"height", 720}, {"durationMs", 5042}}}};
}
json step_input(const char* tool, json source, json settings = json::object()) {
  return {{"now", kNow}, {"entropy", kEntropy}, {"tool", tool}, {"source", std::move(source)}, {"settings", std::move(settings)}};
}

struct Built {
  json answer;
  ojson body, metrics, draft;
  std::string draft_text;
  const ojson& child() const { return draft["component_list"][1]; }
};
Built build(const json& in) {
  Built b;
  b.answer = answer(api::build_post_step(in.dump()));
  EXPECT_TRUE(b.answer["ok"].get<bool>()) << b.answer.dump();
  if (!b.answer["ok"].get<bool>()) return b;
  b.body = ojson::parse(b.answer["request"]["body"].get<std::string>());
  b.metrics = ojson::parse(b.body["metrics_extra"].get<std::string>());
  b.draft_text = b.body["draft_content"];
  b.draft = ojson::parse(b.draft_text);
  return b;
}

void expect_chain(const Built& b, const std::string& parent_text, const std::string& parent_id) {
  ASSERT_EQ(b.draft["component_list"].size(), 2u);
  EXPECT_NE(b.draft_text.find("\"component_list\":[" + parent_text + ","), std::string::npos)
      << "replayed unchanged, byte for byte";
  EXPECT_EQ(b.draft["main_component_id"], b.child()["id"]);
  EXPECT_EQ(b.child()["parent_id"], parent_id);
  EXPECT_EQ(b.metrics["originSubmitId"], kSourceSubmit);
  EXPECT_EQ(b.metrics["originId"], kItemId);
  EXPECT_EQ(b.metrics["previewId"], kHistoryId);
  EXPECT_EQ(b.metrics["previewSubmitId"], kSourceSubmit);
  EXPECT_EQ(b.answer["job"]["parent"], json({{"submitId", kSourceSubmit}, {"historyId", kHistoryId}, {"itemId", kItemId}}));
  EXPECT_EQ(b.answer["job"]["submitId"].get<std::string>(), b.body["submit_id"].get<std::string>());
}

TEST(PostStep, UpscaleReplaysTheSourceAndChainsOneChildWithExactIds) {
  const Built b = build(step_input("upscale", image_source()));
  expect_chain(b, kImageComponent, "c-main");
  EXPECT_NE(b.draft_text.find(std::string("\"item_id\":") + kItemId), std::string::npos) << b.draft_text;
  EXPECT_NE(b.draft_text.find(std::string("\"origin_history_id\":") + kHistoryId), std::string::npos);
  EXPECT_NE(b.draft_text.find("\"big\":18446744073709551615"), std::string::npos);
  const ojson& child = b.child();
  EXPECT_EQ(child["type"], "image_base_component");
  EXPECT_EQ(child["gen_type"], 13);
  EXPECT_EQ(child["generate_type"], "normal_hd");
  const ojson& postedit = child["abilities"]["normal_hd"]["postedit_param"];
  EXPECT_EQ(postedit["generate_type"], 13);
  EXPECT_EQ(postedit["item_id"].get<std::uint64_t>(), 7549662611135122727ull);
  EXPECT_TRUE(postedit["item_id"].is_number_unsigned());
  EXPECT_EQ(child["abilities"]["gen_option"]["gen_count"], 1);
  EXPECT_EQ(b.draft["min_version"], "3.2.9");
  EXPECT_EQ(b.body["extend"].dump(), R"({"root_model":"high_aes_general_v40"})");
  EXPECT_EQ(b.body["http_common_info"]["aid"], 513695);
  EXPECT_EQ(b.answer["job"]["tool"], "upscale");
  EXPECT_EQ(b.answer["request"]["path"], "/mweb/v1/aigc_draft/generate");
}

TEST(PostStep, AnImageSourceNeedsOnlyItsIdsAndDraftTheSizeIsTheDrafts) {
  json src = image_source();
  src.erase("image");
  const Built b = build(step_input("outpaint", src, {{"ratio", "3:4"}}));
  expect_chain(b, kImageComponent, "c-main");
  EXPECT_NEAR(b.child()["abilities"]["painting"]["up_scale"]["top"].get<double>(), (4.0 / 3 - 1) / 2, 1e-9)
      << "2048² from the draft";
  src["image"] = {{"uri", "tos-cn-i-tb4s082cfz/abc"}, {"width", 4096}, {"height", 2048}};
  EXPECT_FALSE(answer(api::build_post_step(step_input("upscale", src).dump()))["ok"].get<bool>()) << "the given size wins";
}

TEST(PostStep, TheSameEntropyGivesTheSameSubmitIdAndAGivenOneIsKept) {
  const json a = answer(api::build_post_step(step_input("upscale", image_source()).dump()));
  const json b = answer(api::build_post_step(step_input("upscale", image_source()).dump()));
  EXPECT_EQ(a["job"]["submitId"], b["job"]["submitId"]);
  json other = step_input("upscale", image_source());
  other["entropy"] = "ffeeddccbbaa99887766554433221100";
  EXPECT_NE(answer(api::build_post_step(other.dump()))["job"]["submitId"], a["job"]["submitId"]);
  other["submitId"] = "0f0e0d0c-0b0a-4908-8706-050403020100";
  EXPECT_EQ(answer(api::build_post_step(other.dump()))["job"]["submitId"], "0f0e0d0c-0b0a-4908-8706-050403020100");
}

TEST(PostStep, ProUpscaleCarriesItsStrengthsAndScene) {
  const Built b = build(step_input("proUpscale", image_source(), {{"resolution", "4k"}}));
  expect_chain(b, kImageComponent, "c-main");
  const ojson& tool = b.child()["abilities"]["pro_hd"];
  EXPECT_EQ(tool["hd_scene_type"], "auto");
  EXPECT_EQ(tool["original_image_strength"], 0.65);
  EXPECT_EQ(tool["detail_strength"], 0.65);
  EXPECT_EQ(tool["resolution_type"], "4k");
  EXPECT_EQ(tool["postedit_param"]["generate_type"], 35);
  EXPECT_FALSE(b.child().contains("gen_type"));
  const ojson scene = ojson::parse(b.metrics["sceneOptions"].get<std::string>())[0];
  EXPECT_EQ(scene["scene"], "ImageProHD");
  EXPECT_EQ(scene["proHDResolutionType"], "4k");
}

TEST(PostStep, OutpaintToARatioReadsAsTheFourFractions) {
  const Built b = build(step_input("outpaint", image_source(), {{"ratio", "16:9"}}));
  expect_chain(b, kImageComponent, "c-main");
  EXPECT_EQ(b.child()["gen_type"], 8);
  EXPECT_EQ(b.child()["generate_type"], "painting");
  const ojson& up = b.child()["abilities"]["painting"]["up_scale"];
  EXPECT_NEAR(up["left"].get<double>(), (16.0 / 9 - 1) / 2, 1e-9);
  EXPECT_NEAR(up["right"].get<double>(), (16.0 / 9 - 1) / 2, 1e-9);
  EXPECT_EQ(up["top"], 0.0);
  EXPECT_EQ(up["bottom"], 0.0);
  EXPECT_EQ(up["max_size"], 12960);
  EXPECT_EQ(up["image_ratio"], 3);
  EXPECT_EQ(b.child()["abilities"]["gen_option"]["gen_count"], 4);

  const Built tall = build(step_input("outpaint", image_source(), {{"ratio", "9:16"}, {"count", 2}}));
  const ojson& tall_up = tall.child()["abilities"]["painting"]["up_scale"];
  EXPECT_NEAR(tall_up["top"].get<double>(), (16.0 / 9 - 1) / 2, 1e-9);
  EXPECT_EQ(tall_up["left"], 0.0);
  EXPECT_EQ(tall.answer["job"]["count"], 2);

  const Built edges =
      build(step_input("outpaint", image_source(), {{"top", 0.9}, {"bottom", 0.9}, {"left", 0.9}, {"right", 0.9}}));
  EXPECT_EQ(edges.child()["abilities"]["painting"]["up_scale"]["top"], 0.9);

  EXPECT_EQ(error_field(answer(api::build_post_step(step_input("outpaint", image_source(), {{"ratio", "1:1"}}).dump()))),
            "settings.ratio");
  EXPECT_EQ(error_field(answer(api::build_post_step(step_input("outpaint", image_source(), {{"ratio", "5:4"}}).dump()))),
            "settings.ratio");
}

TEST(PostStep, DetailFixNamesTheSourceByItemOnly) {
  const Built b = build(step_input("detailFix", image_source()));
  expect_chain(b, kImageComponent, "c-main");
  const ojson& tool = b.child()["abilities"]["super_resolution"];
  EXPECT_EQ(tool["core_param"]["generate_type"], 0);
  EXPECT_EQ(tool["postedit_param"]["generate_type"], 2);
  EXPECT_FALSE(b.child().contains("gen_type"));
  EXPECT_EQ(b.draft_text.find("image_uri"), std::string::npos);
}

TEST(PostStep, SoundEffectIsTheCapturedChildOfTheVideo) {
  const Built b = build(step_input("soundEffect", video_source()));
  expect_chain(b, kVideoComponent, "v-main");
  EXPECT_EQ(b.metrics["isRegenerate"], true);
  const ojson& commerce = b.body["extend"]["m_video_commerce_info"];
  EXPECT_EQ(commerce["benefit_type"], "video_audio_effect_generation");
  EXPECT_EQ(b.body["extend"]["root_model"], "dreamina_seedance_40_pro");
  EXPECT_EQ(b.body["extend"]["m_video_commerce_info_list"][0], commerce);
  EXPECT_EQ(b.draft["min_version"], "3.1.2");
  EXPECT_EQ(b.draft["is_from_tsn"], true);
  const ojson& child = b.child();
  EXPECT_EQ(child["generate_type"], "video_audio_effect");
  EXPECT_EQ(child["process_type"], 12);
  const ojson& effect = child["abilities"]["video_audio_effect"];
  EXPECT_EQ(effect["min_version"], "3.1.2");
  EXPECT_NE(b.draft_text.find(std::string("\"origin_item_id\":") + kItemId), std::string::npos);
  EXPECT_EQ(effect["video_ref_params"]["generate_type"], 0);
  EXPECT_EQ(effect["video_ref_params"]["item_id"].get<std::uint64_t>(), 7549662611135122727ull);
  EXPECT_EQ(effect["video_resource"].dump(),
            R"({"type":"video","source_from":"upload","name":"","vid":"v0d8fbg10000abc","fps":0,"width":1280,"height":720,)"
            R"("duration":5042,"cover_image_url":""})");
  EXPECT_EQ(b.answer["job"]["kind"], "video");
}

TEST(PostStep, InterpolateAsksForThirtyOrSixtyFrames) {
  const Built b = build(step_input("interpolate", video_source(), {{"fps", 30}}));
  expect_chain(b, kVideoComponent, "v-main");
  EXPECT_EQ(b.body["extend"]["m_video_commerce_info"]["benefit_type"], "video_frame_interpolation");
  EXPECT_EQ(b.child()["process_type"], 3);
  const ojson& step = b.child()["abilities"]["gen_video"];
  EXPECT_EQ(step["scene"], "insert_frame");
  EXPECT_EQ(step["v2v_opt"]["insert_frame"]["target_fps"], 30);
  EXPECT_EQ(step["v2v_opt"]["insert_frame"]["origin_fps"], 24);
  EXPECT_EQ(step["v2v_opt"]["insert_frame"]["duration_ms"], 5042);
  EXPECT_EQ(build(step_input("interpolate", video_source())).answer["job"]["fps"], 60);
  EXPECT_EQ(error_field(answer(api::build_post_step(step_input("interpolate", video_source(), {{"fps", 45}}).dump()))),
            "settings.fps");
}

TEST(PostStep, RefusalsNameTheField) {
  const auto field_of = [](const json& in) {
    const json a = answer(api::build_post_step(in.dump()));
    EXPECT_EQ(error_kind(a), "invalid_input") << a.dump();
    return error_field(a);
  };
  EXPECT_EQ(field_of(step_input("inpaint", image_source())), "tool");
  EXPECT_EQ(field_of(step_input("upscale", video_source())), "tool") << "a video's upscale has no trustworthy body";
  EXPECT_EQ(field_of(step_input("soundEffect", image_source())), "tool");
  json src = image_source();
  src["itemId"] = "7549662611135122727.0";
  EXPECT_EQ(field_of(step_input("upscale", src)), "source.itemId");
  src = image_source();
  src["itemId"] = 7549662611135122727ull;  // a number: already past where JavaScript keeps it exact
  EXPECT_EQ(field_of(step_input("upscale", src)), "source.itemId");
  src = image_source();
  src["historyId"] = "99999999999999999999999";
  EXPECT_EQ(field_of(step_input("upscale", src)), "source.historyId");
  src = image_source();
  src["draftContent"] = R"({"main_component_id":"nope","component_list":[{"id":"c-main"}]})";
  EXPECT_EQ(field_of(step_input("upscale", src)), "source.draftContent");
  src["draftContent"] = "not json";
  EXPECT_EQ(field_of(step_input("upscale", src)), "source.draftContent");
  src = image_source();
  src["image"] = {{"uri", ""}, {"width", 2048}, {"height", 2048}};
  EXPECT_EQ(field_of(step_input("upscale", src)), "source.image");
  src = video_source();
  src.erase("video");
  EXPECT_EQ(field_of(step_input("upscale", src)), "tool") << "the draft says it is a video";
  EXPECT_EQ(field_of(step_input("soundEffect", src)), "source.video");
  src = image_source();
  src.erase("draftContent");
  src["draftContent"] = R"({"main_component_id":"x","component_list":[{"type":"image_base_component","id":"x"}]})";
  src.erase("image");
  EXPECT_EQ(field_of(step_input("outpaint", src, {{"ratio", "16:9"}})), "source.image") << "no size to make fractions of";
  src = image_source();
  src["image"]["width"] = 4096;
  EXPECT_EQ(field_of(step_input("upscale", src)), "source.image") << "already 4K";
  EXPECT_EQ(field_of(step_input("upscale", json("nothing"))), "source");
}

}  // namespace
}  // namespace jimeng::test::post_step
