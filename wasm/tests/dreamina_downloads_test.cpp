// Dreamina's video download as its page does it (protocol §9.6): get_local_item_list by item id, then a plain GET
// of the address it answers; and past work walked on the account's cluster.
#include "dreamina_helpers.hpp"

namespace jimeng::test::dreamina {
namespace {

TEST(DreaminaDownloads, TheFileIsAskedForByItemIdAsThePageAsks) {
  const std::string text = api::build_local_item_list(with_session({{"itemIds", {"7549662611135122727"}}}).dump());
  ASSERT_TRUE(answer(text)["ok"].get<bool>()) << text;
  const ojson r = request_of(text);
  EXPECT_EQ(r["method"], "POST");
  EXPECT_EQ(r["url"].get<std::string>(),
            "https://mweb-api-sg.capcut.com/mweb/v1/get_local_item_list?aid=513641&device_platform=web&region=SG&"
            "da_version=3.3.12&web_version=7.5.0&aigc_features=app_lip_sync");
  // The captured body, byte for byte; the id beyond 2^53 kept as its own digits.
  EXPECT_EQ(r["body"], R"({"item_id_list":["7549662611135122727"],"pack_item_opt":{"scene":1,"need_data_integrity":true},)"
                       R"("is_for_video_download":true})");
  EXPECT_EQ(r["headers"]["did"], "7488306417429124625");
  EXPECT_EQ(r["headers"]["loc"], "VN");
  EXPECT_EQ(r["headers"]["sign"], api::sign("/mweb/v1/get_local_item_list", kDeviceTime, "8.4.0"));
  EXPECT_EQ(r["referrer"], "https://dreamina.capcut.com/");
  for (const json& bad : {json::array(), json{"7549662611135122727x"}, json{"123456789012345678901"}, json{42}})
    EXPECT_EQ(error_field(answer(api::build_local_item_list(with_session({{"itemIds", bad}}).dump()))), "itemIds") << bad.dump();
}

TEST(DreaminaDownloads, EveryVideoIsFetchedAsThePageDoesWhateverItsLinksAge) {
  const json video = {{"vid", "v0a"}, {"url", "https://v16-cc.capcut.com/a.mp4?x-expires=4102444800"}, {"expiresAt", 4102444800}};
  const json image = {{"uri", "tos-i/a"}, {"url", "https://p16.capcut.com/a.png"}, {"expiresAt", 4102444800}};
  const auto plan = [&](const char* site, const json& files, const char* key) {
    json in = {{"now", 1765000000000}, {"job", {{"prompt", "cat"}}}, {key, json::array({files})}};
    if (site) in["site"] = site;
    const json a = answer(api::plan_downloads(in.dump()));
    return a["ok"].get<bool>() ? a["files"][0]["resign"].get<bool>() : throw std::runtime_error(a.dump());
  };
  EXPECT_TRUE(plan("dreamina", video, "videos"));
  EXPECT_FALSE(plan("jimeng", video, "videos"));  // a link good for years is used as it is
  EXPECT_FALSE(plan(nullptr, video, "videos"));
  EXPECT_FALSE(plan("dreamina", image, "images"));  // images are re-signed only when stale
  EXPECT_EQ(error_field(answer(api::plan_downloads(R"({"now":1,"site":"capcut","job":{},"videos":[{"vid":"v"}]})"))), "site");
}

TEST(DreaminaDownloads, TheAnswerGivesEachItemsFileAndItsWatermark) {
  const std::string clean = "https://v16-cc.capcut.com/abc/clean.mp4?x-expires=1790790000&x-signature=s";
  const std::string marked = "https://v16-cc.capcut.com/def/wm.mp4?x-expires=1790790000&x-signature=s&lr=display_watermark_aigc";
  const std::string body =
      R"({"ret":"0","errmsg":"success","data":{"item_list":[)"
      R"({"common_attr":{"id":"7549662611135122727","cover_url":"https://p16-dreamina-sign-sg.ibyteimg.com/c~tplv-x.webp"},)"
      R"("video":{"video_id":"v0a","duration_ms":5000,"transcoded_video":{"origin":{"video_url":")" +
      clean +
      R"(","width":1280,"height":720}}}},)"
      R"({"common_attr":{"id":7549662611135122999},"video":{"video_id":"v0b","transcoded_video":{"origin":{"video_url":")" +
      marked +
      R"(","width":1280,"height":720,"logo_type":"display_watermark_aigc"}}}},)"
      R"({"common_attr":{"id":"7549662611135123000"},"video":{"video_id":"v0c"}},)"
      R"({"common_attr":{"id":"7549662611135123001"},"video":{"video_id":"v0d","transcoded_video":{"origin":{"video_url":)"
      R"("https://evil.example/x.mp4","width":1}}}}]}})";
  const json a = answer(api::parse_local_item_list(body, R"({"site":"dreamina"})"));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  const json& videos = a["videos"];
  EXPECT_EQ(videos["7549662611135122727"]["url"], clean);
  EXPECT_EQ(videos["7549662611135122727"]["watermarked"], false);
  EXPECT_EQ(videos["7549662611135122727"]["itemId"], "7549662611135122727");
  EXPECT_EQ(videos["7549662611135122727"]["expiresAt"], 1790790000);
  // A number beyond 2^53 read as its own digits, never through a double.
  EXPECT_EQ(videos["7549662611135122999"]["url"], marked);
  EXPECT_EQ(videos["7549662611135122999"]["watermarked"], true);
  EXPECT_FALSE(videos.contains("7549662611135123000")) << "an item with no file yet is left out";
  EXPECT_EQ(videos["7549662611135123001"]["url"], "") << "an address off the media hosts is never passed on";
  EXPECT_EQ(videos["7549662611135123001"]["refused"], "url_not_media_host");

  EXPECT_EQ(error_kind(
                answer(api::parse_local_item_list(R"({"ret":"-6","errmsg":"shark not pass reject"})", R"({"site":"dreamina"})"))),
            "risk_control");
  EXPECT_EQ(error_kind(answer(api::parse_local_item_list(R"({"ret":"0","data":{}})", R"({"site":"dreamina"})"))),
            "malformed_response");
}

TEST(DreaminaDownloads, HistoryNamesEachVideosItem) {
  const std::string body =
      R"({"ret":"0","data":{"0b5e8c7e-6c43-4c4e-9a0f-7f2a1c3d4e5f":{"submit_id":"0b5e8c7e-6c43-4c4e-9a0f-7f2a1c3d4e5f","history_record_id":"h1","status":50,)"
      R"("generate_type":10,"total_image_count":1,"finished_image_count":1,"item_list":[{"common_attr":{"id":"7549662611135122727"},)"
      R"("video":{"video_id":"v0a","transcoded_video":{"origin":{"video_url":"https://v16-cc.capcut.com/a.mp4","width":8}}}}]}}})";
  const json a = answer(api::parse_history(body, R"({"site":"dreamina","submitIds":["0b5e8c7e-6c43-4c4e-9a0f-7f2a1c3d4e5f"]})"));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["tasks"]["0b5e8c7e-6c43-4c4e-9a0f-7f2a1c3d4e5f"]["videos"][0]["itemId"], "7549662611135122727") << a.dump();
}

TEST(DreaminaDownloads, PastWorkIsWalkedOnTheAccountsCluster) {
  const ojson r = request_of(api::build_asset_list(with_session({{"count", 50}}).dump()));
  EXPECT_EQ(r["url"].get<std::string>(),
            "https://mweb-api-sg.capcut.com/mweb/v1/get_asset_list?aid=513641&web_version=7.5.0&da_version=3.3.12&"
            "aigc_features=app_lip_sync");
  EXPECT_EQ(r["headers"]["store-country-code"], "vn");
}

}  // namespace
}  // namespace jimeng::test::dreamina
