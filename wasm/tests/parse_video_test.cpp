// Video tasks in poll answers (protocol §7.3) and the choice of their clean file (§7.6).
#include "base/text.hpp"
#include "helpers.hpp"

namespace jimeng::test::video_parse {
namespace {

const std::string kId = "b1b2c3d4-0000-4000-8000-000000000002";
const std::string kClean = "https://v26-web.vlabvod.com/clean.mp4?lr=default&x-expires=1771900000";
const std::string kMarked = "https://v26-web.vlabvod.com/marked.mp4?lr=display_watermark_aigc&x-expires=1771899000";

std::string base64(const std::string& s) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < s.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t(std::uint8_t(s[i])) << 16) |
                            (i + 1 < s.size() ? std::uint32_t(std::uint8_t(s[i + 1])) << 8 : 0) |
                            (i + 2 < s.size() ? std::uint32_t(std::uint8_t(s[i + 2])) : 0);
    out += k[(n >> 18) & 63];
    out += k[(n >> 12) & 63];
    out += i + 1 < s.size() ? k[(n >> 6) & 63] : '=';
    out += i + 2 < s.size() ? k[n & 63] : '=';
  }
  return out;
}

// A finished video item as captured in 2025-09: the transcoded origin watermarked, main_url clean.
json video_item(const std::string& transcoded_url, const std::string& logo, const std::string& main) {
  json video_model = {{"video_list", {{"video_1", {{"main_url", base64(main)}, {"backup_url_1", base64(main)}}}}},
                      {"url_expire", 1771900000}};
  return {{"common_attr",
           {{"id", "7400000000000000001"},
            {"effect_type", 53},
            {"cover_url", "https://p3-dreamina-sign.byteimg.com/cover.webp?x-expires=1774000000"},
            {"cover_url_map", {{"720", "https://p3-dreamina-sign.byteimg.com/cover720.webp?x-expires=1774000000"}}},
            {"cover_width", 1248},
            {"cover_height", 704}}},
          {"video",
           {{"video_id", "v0d00fg10000abc"},
            {"duration", 6},
            {"duration_ms", 5042},
            {"watermark_type", 0},
            {"transcoded_video",
             {{"origin",
               {{"video_url", transcoded_url},
                {"width", 1248},
                {"height", 704},
                {"fps", 24},
                {"format", "mp4"},
                {"definition", "origin"},
                {"logo_type", logo}}}}},
            {"video_model", video_model.dump()}}}};
}

json video_task(int status, json items) {
  return {{"status", status},
          {"generate_type", 10},
          {"item_list", std::move(items)},
          {"queue_info",
           {{"queue_idx", 3}, {"queue_length", 40}, {"polling_config", {{"interval_seconds", 30}, {"timeout_seconds", 86400}}}}},
          {"forecast_queue_cost", 34023}};
}

json poll(const json& node) {
  const json body = {{"ret", "0"}, {"errmsg", "success"}, {"systime", "1"}, {"data", {{kId, node}}}};
  return answer(api::parse_history(body.dump(), ""))["tasks"][kId];
}

TEST(ParseVideo, AQueuedVideoSaysSoWithItsPlaceAndTheServicesWaitEstimate) {
  const json t = poll(video_task(20, json::array()));
  EXPECT_EQ(t["kind"], "video");
  EXPECT_EQ(t["state"], "queued");
  EXPECT_EQ(t["videos"], json::array());
  EXPECT_EQ(t["queue"]["position"], 3);
  EXPECT_EQ(t["queueSeconds"], 34023);
  EXPECT_EQ(t["pollIntervalSeconds"], 30);
}

TEST(ParseVideo, TheCleanMainUrlIsPreferredToAWatermarkedTranscode) {
  const json t = poll(video_task(50, json::array({video_item(kMarked, "display_watermark_aigc", kClean)})));
  ASSERT_EQ(t["state"], "done") << t.dump();
  ASSERT_EQ(t["videos"].size(), 1u);
  const json v = t["videos"][0];
  EXPECT_EQ(v["url"], kClean);
  EXPECT_EQ(v["watermarked"], false);
  EXPECT_EQ(v["width"], 1248);
  EXPECT_EQ(v["height"], 704);
  EXPECT_EQ(v["durationMs"], 5042);
  EXPECT_EQ(v["vid"], "v0d00fg10000abc");
  EXPECT_EQ(v["cover"], "https://p3-dreamina-sign.byteimg.com/cover720.webp?x-expires=1774000000");
  EXPECT_EQ(v["expiresAt"], 1771900000);
  EXPECT_EQ(t["images"], json::array()) << "a video is not an image";
}

TEST(ParseVideo, OnlyAWatermarkedFileIsSaidToBeWatermarked) {
  // 2025-09: main_url without lr=default, the transcode marked by its logo_type.
  const std::string plain = "https://v26-web.vlabvod.com/other.mp4?x-expires=1771900000";
  json t = poll(video_task(50, json::array({video_item(kMarked, "display_watermark_aigc", plain)})));
  EXPECT_EQ(t["videos"][0]["url"], kMarked);
  EXPECT_EQ(t["videos"][0]["watermarked"], true);
  // 2026-02: both name the same clean file, with no logo_type.
  const std::string same = "https://v26-web.vlabvod.com/same.mp4?x-expires=1771900000";
  t = poll(video_task(50, json::array({video_item(same, "", same)})));
  EXPECT_EQ(t["videos"][0]["url"], same);
  EXPECT_EQ(t["videos"][0]["watermarked"], false);
}

TEST(ParseVideo, TheWidestTierIsTakenWhenTranscodesComeByTier) {
  json item = video_item(kMarked, "", "");
  item["video"]["transcoded_video"] = {
      {"360p", {{"video_url", "https://v26-web.vlabvod.com/360.mp4"}, {"width", 640}, {"height", 360}}},
      {"720p", {{"video_url", "https://v26-web.vlabvod.com/720.mp4"}, {"width", 1280}, {"height", 720}}}};
  item["video"].erase("video_model");
  const json t = poll(video_task(50, json::array({item})));
  EXPECT_EQ(t["videos"][0]["url"], "https://v26-web.vlabvod.com/720.mp4");
  EXPECT_EQ(t["videos"][0]["width"], 1280);
}

TEST(ParseVideo, Status45IsNotAnEndAndAnAddressOffTheMediaHostsIsNeverGiven) {
  EXPECT_EQ(poll(video_task(45, json::array({video_item(kClean, "", kClean)})))["state"], "generating");
  const json t = poll(video_task(50, json::array({video_item("https://evil.example/x.mp4", "", "javascript:alert(1)")})));
  EXPECT_EQ(t["videos"][0]["url"], "");
  EXPECT_EQ(t["videos"][0]["refused"], "url_not_media_host");
}

TEST(ParseVideo, HostileVideoModelTextIsIgnoredNotFatal) {
  json item = video_item(kClean, "", kClean);
  for (const std::string& bad :
       std::vector<std::string>{"{", "[]", "\"x\"", R"({"video_list":{"video_1":{"main_url":"%%%"}}})",
                                R"({"video_list":{"video_1":{"main_url":12}}})", std::string(2000, '[')}) {
    item["video"]["video_model"] = bad;
    const json t = poll(video_task(50, json::array({item})));
    EXPECT_EQ(t["videos"][0]["url"], kClean) << bad.substr(0, 40);
  }
}

json option(const std::string& key, const json& values, int default_index = 0) {
  const bool ints = values[0].is_number();
  return {{"key", key},
          {"value_type", "enum"},
          {"enum_val",
           {{"enum_type", ints ? "int" : "string"},
            {ints ? "int_value" : "string_value", values},
            {"default_val_idx", default_index}}}};
}

// Protocol §7.4's entry shape (captured 2025-12), for Seedance 2.5 as clients describe it (2026-07).
json seedance_25() {
  return {
      {"model_req_key", "dreamina_seedance_45_pro"},
      {"model_name", "Seedance 2.5"},
      {"options", json::array({option("resolution", {"480p", "720p", "1080p"}, 1), option("frames", {96, 120, 240, 720}),
                               option("fps", {24}), option("video_aspect_ratio", {"16:9", "9:16", "1:1", "5:4"}),
                               option("input_media_type", {"prompt", "first_frame", "end_frame", "unified_edit"})})},
      {"commercial_config",
       {{"default", {{"benefit_type", "seedance_25_720"}}},
        {"format", "{resolution}"},
        {"format_conf", {{"1080p", {{"benefit_type", "seedance_25_1080"}}}, {"720p", {{"benefit_type", "seedance_25_720"}}}}}}},
      {"unified_edit_config",
       {{"supported_materials",
         {{{"material_type", 1}, {"limit", {{"max_count", 6}}}}, {{"material_type", 2}, {"limit", {{"max_count", 3}}}}}},
        {"max_total_count", 9}}},
      {"model_status", 1}};
}

TEST(ParseVideoModels, ReadsWhatEachVideoModelOffersAndHowItIsBilled) {
  json broken = seedance_25();
  broken["model_req_key"] = "no_frames";
  broken["options"] = json::array({option("resolution", {"720p"})});
  const json body = {{"ret", "0"}, {"data", {{"video_data", {{"model_list", {seedance_25(), broken}}}}}}};
  const json a = answer(api::parse_video_model_config(body.dump(), ""));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  ASSERT_EQ(a["models"].size(), 1u) << "a model without its durations is left out";
  const json m = a["models"][0];
  EXPECT_EQ(m["kind"], "video");
  EXPECT_EQ(m["durations"], json({4, 5, 10, 30})) << "frames at 24 a second";
  EXPECT_EQ(m["resolutions"], json({"720p", "480p", "1080p"})) << "the default first";
  EXPECT_EQ(m["ratios"], json({"16:9", "9:16", "1:1"})) << "a ratio no video has is dropped";
  EXPECT_EQ(m["inputModes"], json({"prompt", "first_frame", "end_frame", "unified_edit"}));
  EXPECT_EQ(m["maxImages"], 6);
  EXPECT_EQ(m["maxMaterials"], 9);
  EXPECT_EQ(m["benefitTypes"]["1080p"], "seedance_25_1080");
  // What it reads is what buildGenerate takes as the catalogue.
  json in = base_input();
  in["model"] = "dreamina_seedance_45_pro";
  in["models"] = a["models"];
  in["video"] = {{"durationS", 30}, {"resolution", "1080p"}};
  const json built = generate(in);
  ASSERT_TRUE(built["ok"].get<bool>()) << built.dump();
  EXPECT_EQ(built["job"]["durationS"], 30);
  const json request = answer(api::build_video_model_config(json{{"now", kNow}}.dump()));
  EXPECT_EQ(request["request"]["path"], "/mweb/v1/video_generate/get_common_config");
  EXPECT_EQ(json::parse(request["request"]["body"].get<std::string>()),
            json({{"scene", "generate_video"}, {"params", json::object()}}));
}

TEST(Base64, DecodesStandardAndUrlSafeTextAndRefusesTheRest) {
  EXPECT_EQ(base64_decode("aHR0cHM6Ly9hLmI/Yz0x"), "https://a.b?c=1");
  EXPECT_EQ(base64_decode("aGk="), "hi");
  EXPECT_EQ(base64_decode("aGk"), "hi");
  EXPECT_EQ(base64_decode("-_-_"), base64_decode("+/+/"));
  EXPECT_EQ(base64_decode("a"), std::nullopt);
  EXPECT_EQ(base64_decode("a b="), std::nullopt);
}

}  // namespace
}  // namespace jimeng::test::video_parse
