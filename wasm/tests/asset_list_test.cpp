// Past work (protocol §8): get_asset_list's request key for key, and its pages read into records.
#include "helpers.hpp"

namespace jimeng::test::asset_list {
namespace {

// The body of §8, as captured 2026-02 (count 20, page 1).
const char* kCapturedBody = R"({"count":20,"direction":1,"mode":"workbench",
 "option":{"image_info":{"width":2048,"height":2048,"format":"webp","image_scene_list":[
     {"scene":"normal","width":2400,"height":2400,"uniq_key":"2400","format":"webp"},
     {"scene":"loss","width":1080,"height":1080,"uniq_key":"1080","format":"webp"},
     {"scene":"loss","width":900,"height":900,"uniq_key":"900","format":"webp"},
     {"scene":"loss","width":720,"height":720,"uniq_key":"720","format":"webp"},
     {"scene":"loss","width":480,"height":480,"uniq_key":"480","format":"webp"},
     {"scene":"loss","width":360,"height":360,"uniq_key":"360","format":"webp"}]},
   "origin_image_info":{"width":96,"height":2048,"format":"webp","image_scene_list":[
     {"scene":"normal","width":2400,"height":2400,"uniq_key":"2400","format":"webp"},
     {"scene":"loss","width":1080,"height":1080,"uniq_key":"1080","format":"webp"},
     {"scene":"loss","width":900,"height":900,"uniq_key":"900","format":"webp"},
     {"scene":"loss","width":720,"height":720,"uniq_key":"720","format":"webp"},
     {"scene":"loss","width":480,"height":480,"uniq_key":"480","format":"webp"},
     {"scene":"loss","width":360,"height":360,"uniq_key":"360","format":"webp"}]},
   "order_by":0,"only_favorited":false,"end_time_stamp":0,"hide_story_agent_result":true},
 "asset_type_list":[1,2,5,6,7,8,9,10]})";

TEST(AssetList, TheFirstPageRequestIsTheCapturedOneKeyForKeyAndInOrder) {
  const json a = answer(api::build_asset_list(R"({"now":1771893831000})"));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  const std::string body = a["request"]["body"];
  EXPECT_EQ(body, nlohmann::ordered_json::parse(kCapturedBody).dump()) << "keys in the captured order, not sorted";
  EXPECT_EQ(a["request"]["path"], "/mweb/v1/get_asset_list");
  EXPECT_EQ(a["request"]["query"]["aid"], "513695");
  EXPECT_EQ(a["request"]["query"]["aigc_features"], "app_lip_sync");
}

TEST(AssetList, TheNextPageAsksFromThePreviousAnswersNextOffset) {
  const json a = answer(api::build_asset_list(R"({"now":1,"count":50,"cursor":1771890000123})"));
  const json body = json::parse(a["request"]["body"].get<std::string>());
  EXPECT_EQ(body["option"]["end_time_stamp"], 1771890000123LL);
  EXPECT_EQ(body["count"], 50);
  EXPECT_EQ(json::parse(answer(api::build_asset_list(R"({"now":1,"cursor":"1771890000123"})"))["request"]["body"]
                            .get<std::string>())["option"]["end_time_stamp"],
            1771890000123LL)
      << "the cursor as text too";
  for (const char* bad :
       {R"({"now":1,"count":0})", R"({"now":1,"count":101})", R"({"now":1,"cursor":-5})", R"({"now":1,"cursor":"x"})"})
    EXPECT_EQ(answer(api::build_asset_list(bad))["error"]["kind"], "invalid_input") << bad;
}

TEST(AssetList, APageGivesEachAssetsTaskAndTheSettingsItWasMadeWith) {
  const json a = answer(api::parse_asset_list(read_sample("asset_list_page.json"), "{}"));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump().substr(0, 500);
  EXPECT_EQ(a["hasMore"], true);
  EXPECT_EQ(a["nextCursor"], 1771890000123LL);
  const json& records = a["records"];
  ASSERT_EQ(records.size(), 3u);
  const json& video = records[0];
  EXPECT_EQ(video["assetType"], 7);
  EXPECT_EQ(video["generateType"], 32);
  EXPECT_EQ(video["task"]["kind"], "video");
  EXPECT_EQ(video["task"]["state"], "done");
  EXPECT_EQ(video["task"]["videos"].size(), 1u);
  EXPECT_EQ(video["job"]["kind"], "video");
  EXPECT_EQ(video["job"]["mode"], "frames");
  EXPECT_EQ(video["job"]["durationS"], 6);
  EXPECT_EQ(video["job"]["ratioLabel"], "9:16");
  EXPECT_EQ(video["job"]["firstFrame"], json({{"uri", "tos-cn-i-tb4s082cfz/first"}, {"width", 1280}, {"height", 720}}));
  EXPECT_EQ(video["job"]["prompt"], "海边的日落，镜头缓缓推进");
  EXPECT_EQ(video["job"]["submitId"], "5f3c2a10-8a7e-4b1c-9d2e-0a1b2c3d4e5f");
  EXPECT_GT(video["createdMs"].get<std::int64_t>(), 1'700'000'000'000LL);
  const json& image = records[1];
  EXPECT_EQ(image["job"]["kind"], "image");
  EXPECT_EQ(image["job"]["model"], "high_aes_general_v40");
  EXPECT_FALSE(image["job"]["prompt"].get<std::string>().empty());
  EXPECT_TRUE(image["job"].contains("seed"));
  EXPECT_TRUE(image["job"].contains("ratioLabel"));
  EXPECT_EQ(image["job"]["resolution"], "2k");
  EXPECT_EQ(image["task"]["images"].size(), image["task"]["total"].get<std::size_t>());
  const json& unknown = records[2];
  EXPECT_EQ(unknown["assetType"], 99);
  EXPECT_EQ(unknown["unreadable"], true) << "kept, not dropped";
  EXPECT_EQ(unknown["assetId"], "999");
}

TEST(AssetList, WithoutADraftTheItemsOwnRecordOfTheSettingsIsRead) {
  json page = json::parse(read_sample("asset_list_page.json"));
  for (auto& asset : page["data"]["asset_list"])
    for (const char* k : {"image", "video"})
      if (asset.contains(k)) asset[k].erase("draft_content");
  const json a = answer(api::parse_asset_list(page.dump(), "{}"));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump().substr(0, 300);
  EXPECT_EQ(a["records"][0]["job"]["kind"], "video");
  EXPECT_EQ(a["records"][0]["job"]["prompt"], "海边的日落，镜头缓缓推进");
  EXPECT_EQ(a["records"][0]["job"]["model"], "dreamina_seedance_40_pro");
  EXPECT_EQ(a["records"][1]["job"]["kind"], "image");
  EXPECT_FALSE(a["records"][1]["job"]["prompt"].get<std::string>().empty());
}

TEST(AssetList, HostilePagesAreRefusedOrReadWithoutCrashing) {
  EXPECT_EQ(answer(api::parse_asset_list(R"({"ret":"0","data":{"asset_list":{}}})", "{}"))["error"]["kind"],
            "malformed_response");
  const json empty = answer(api::parse_asset_list(R"({"ret":"0","data":{"has_more":false}})", "{}"));
  EXPECT_EQ(empty["records"].size(), 0u);
  EXPECT_EQ(empty["hasMore"], false);
  const json odd = answer(api::parse_asset_list(
      R"({"ret":"0","data":{"has_more":1,"next_offset":-3,"asset_list":[1,"x",{"id":5,"type":"7","video":{"draft_content":"{\"component_list\":7}","item_list":[{"aigc_image_params":{"text2video_params":[]}}]}}]}})",
      "{}"));
  ASSERT_TRUE(odd["ok"].get<bool>()) << odd.dump();
  EXPECT_EQ(odd["records"].size(), 1u);
  EXPECT_EQ(odd["nextCursor"], 0);
  EXPECT_EQ(odd["hasMore"], false) << "only true is true";
  EXPECT_EQ(answer(api::parse_asset_list(R"({"ret":"1015","errmsg":"login"})", "{}"))["error"]["kind"], "login_required");
}

std::string page(const char* has_more, const char* next_offset) {
  return std::string(R"({"ret":"0","data":{"has_more":)") + has_more +
         (next_offset ? std::string(",\"next_offset\":") + next_offset : "") + R"(,"asset_list":[]}})";
}

TEST(AssetList, AWalkGoesOnOnlyWhileTheServicesCursorMovesBack) {
  const auto walk = [](const std::string& body, const char* context) { return answer(api::parse_asset_list(body, context)); };
  EXPECT_EQ(walk(page("true", "1771890000123"), "{}")["walk"], "more");
  EXPECT_EQ(walk(page("true", "1771890000123"), R"({"cursor":1771899999999})")["walk"], "more");
  EXPECT_EQ(walk(page("false", "1771890000123"), "{}")["walk"], "end");
  EXPECT_EQ(walk(page("false", nullptr), R"({"cursor":5})")["walk"], "end") << "the last page needs no cursor";
  for (const auto& [body, context] : std::vector<std::pair<std::string, const char*>>{
           {page("true", nullptr), "{}"},                                      // more, but no cursor at all
           {page("true", "0"), R"({"cursor":1771890000123})"},                 // a cursor of 0 would start again
           {page("true", "1771890000123"), R"({"cursor":1771890000123})"},     // the same cursor: the same page again
           {page("true", "1771890000999"), R"({"cursor":1771890000123})"}}) {  // newer: backwards in a newest-first list
    const json a = walk(body, context);
    ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
    EXPECT_EQ(a["walk"], "stalled") << body << " " << context;
    EXPECT_EQ(a["stalled"]["code"], "list_stalled");
    EXPECT_EQ(a["stalled"]["kind"], "server_error");
  }
}

TEST(AssetList, AnIncrementalWalkStopsOnceTheCursorPassesWhereTheLastWalkBegan) {
  const auto walk = [](const char* next, const char* context) {
    return answer(api::parse_asset_list(page("true", next), context))["walk"];
  };
  EXPECT_EQ(walk("1771890000123", R"({"stopAtMs":1771880000000})"), "more") << "still newer than the last walk's start";
  EXPECT_EQ(walk("1771880000000", R"({"stopAtMs":1771880000000})"), "reached");
  EXPECT_EQ(walk("1771870000000", R"({"cursor":1771890000000,"stopAtMs":1771880000000})"), "reached");
  EXPECT_EQ(walk("1771870000000", R"({"stopAtMs":0})"), "more") << "no stop: the whole list";
}

}  // namespace
}  // namespace jimeng::test::asset_list
