// Dreamina (protocol §9) key for key and value for value: the SG page's query strings and headers (for a VN account
// on the SG cluster, so country and cluster differ), its drafts, the commerce envelope, ImageX on the account's
// cluster; and the mainland request unchanged.
#include "helpers.hpp"
#include "protocol/site.hpp"

namespace jimeng::test::dreamina {
namespace {

using ojson = nlohmann::ordered_json;

constexpr std::int64_t kDeviceTime = 1790786145;  // §9: generate's sign vector at this second
constexpr std::int64_t kAt = kDeviceTime * 1000 + 321;

json sg_session() {
  return {{"site", "dreamina"},
          {"apiOrigin", "https://mweb-api-sg.capcut.com"},
          {"commerceOrigin", "https://commerce-api-sg.capcut.com"},
          {"region", "SG"},
          {"loc", "VN"},
          {"storeCountry", "vn"},
          {"lan", "zh-Hant-TW"},
          {"did", "7488306417429124625"},
          {"daVersion", "3.3.12"},
          {"webVersion", "7.5.0"},
          {"appVersion", "8.4.0"}};
}

json seedance_fast() {
  return {{"kind", "video"},
          {"key", "dreamina_seedance_40"},
          {"name", "Seedance 2.0 Fast"},
          {"durations", {4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}},
          {"ratios", {"21:9", "16:9", "4:3", "1:1", "3:4", "9:16"}},
          {"resolutions", {"720p", "480p"}},
          {"inputModes", {"prompt", "first_frame", "end_frame", "unified_edit"}},
          {"maxImages", 9},
          {"maxMaterials", 12},
          {"benefitType", "seedance_20_fast_720p_output"},
          {"benefitTypes", {{"720p", "seedance_20_fast_720p_output"}, {"480p", "seedance_20_fast_480p_output"}}}};
}

json with_session(json in, const json& session = sg_session()) {
  in["session"] = session;
  in["now"] = kAt;
  return in;
}

// The request as written (key order kept), and its body and draft.
ojson request_of(const std::string& answer_text) { return ojson::parse(answer_text)["request"]; }
ojson body_of(const ojson& request) { return ojson::parse(request["body"].get<std::string>()); }
ojson draft_of(const ojson& request) { return ojson::parse(body_of(request)["draft_content"].get<std::string>()); }
std::string query_text(const ojson& request) {
  const std::string url = request["url"];
  return url.substr(url.find('?') + 1);
}

const ojson kMwebHeaders = {{"app-sdk-version", "48.0.0"},
                            {"appid", "513641"},
                            {"appvr", "8.4.0"},
                            {"pf", "7"},
                            {"sign", "2533662377211f0653b7759901657a92"},
                            {"sign-ver", "1"},
                            {"device-time", "1790786145"},
                            {"tdid", ""},
                            {"content-type", "application/json"},
                            {"did", "7488306417429124625"},
                            {"lan", "zh-Hant-TW"},
                            {"loc", "VN"},
                            {"store-country-code", "vn"},
                            {"store-country-code-src", "uid"}};

TEST(Dreamina, ImageGenerateGoesToTheClusterWithThePagesQueryAndHeaders) {
  json in = with_session(base_input());
  const std::string text = api::build_generate(in.dump());
  ASSERT_TRUE(answer(text)["ok"].get<bool>()) << text;
  const ojson r = request_of(text);
  EXPECT_EQ(r["url"].get<std::string>().substr(0, r["url"].get<std::string>().find('?')),
            "https://mweb-api-sg.capcut.com/mweb/v1/aigc_draft/generate");
  EXPECT_EQ(query_text(r),
            "aid=513641&device_platform=web&region=SG&da_version=3.3.12&os=windows&web_component_open_flag=1&"
            "commerce_with_input_video=1&web_version=7.5.0&aigc_features=app_lip_sync");
  EXPECT_EQ(r["headers"], kMwebHeaders) << r["headers"].dump();
  EXPECT_EQ(r["headers"].dump(), kMwebHeaders.dump()) << "the page's header order";
  EXPECT_EQ(r["referrer"], "https://dreamina.capcut.com/");

  const ojson body = body_of(r);
  EXPECT_EQ(body["extend"].dump(), R"({"root_model":"high_aes_general_v40","workspace_id":0})") << "no commerce info on images";
  EXPECT_EQ(body["http_common_info"].dump(), R"({"aid":513641})");
  const ojson metrics = ojson::parse(body["metrics_extra"].get<std::string>());
  EXPECT_FALSE(metrics.contains("sceneOptions")) << metrics.dump();
  EXPECT_EQ(metrics["generateId"], body["submit_id"]);
  const ojson draft = draft_of(r);
  EXPECT_EQ(draft["version"], "3.3.12");
  const ojson& core = draft["component_list"][0]["abilities"]["generate"]["core_param"];
  EXPECT_TRUE(core.contains("intelligent_ratio"));
  EXPECT_EQ(draft["component_list"][0]["metadata"]["created_time_in_ms"], std::to_string(kAt));
  EXPECT_EQ(draft["component_list"][0]["metadata"]["created_did"], "");
}

TEST(Dreamina, SeedsSpanTheUnsignedRangeTheDreaminaPageDraws) {
  json in = with_session(base_input());
  in["seed"] = 3116626725;  // the page's own, above Jimeng's signed range
  const json a = answer(api::build_generate(in.dump()));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["job"]["seed"], 3116626725);
  in["seed"] = 4294967296;
  EXPECT_EQ(error_field(answer(api::build_generate(in.dump()))), "seed");
  json mainland = base_input();
  mainland["seed"] = 3116626725;
  EXPECT_EQ(error_field(generate(mainland)), "seed") << "Jimeng keeps its signed range";
}

json video_in() {
  json in = with_session(base_input());
  in["prompt"] = "a red kite over the sea";
  in["model"] = "dreamina_seedance_40";
  in["models"] = json::array({seedance_fast()});
  in["video"] = {{"durationS", 5}, {"resolution", "720p"}};
  in["ratio"] = "16:9";
  return in;
}

TEST(Dreamina, VideoCarriesThePerResolutionBenefitAndWorkspace) {
  const std::string text = api::build_generate(video_in().dump());
  ASSERT_TRUE(answer(text)["ok"].get<bool>()) << text;
  const ojson r = request_of(text);
  const ojson body = body_of(r);
  const std::string commerce =
      R"({"benefit_type":"seedance_20_fast_720p_output","resource_id":"generate_video","resource_id_type":"str","resource_sub_type":"aigc"})";
  EXPECT_EQ(body["extend"].dump(), R"({"root_model":"dreamina_seedance_40","m_video_commerce_info":)" + commerce +
                                       R"(,"workspace_id":0,"m_video_commerce_info_list":[)" + commerce + "]}");
  EXPECT_EQ(body["http_common_info"].dump(), R"({"aid":513641})");
  EXPECT_EQ(r["referrer"], "https://dreamina.capcut.com/");
  EXPECT_EQ(query_text(r).find("webId"), std::string::npos);

  const ojson metrics = ojson::parse(body["metrics_extra"].get<std::string>());
  const ojson scene = ojson::parse(metrics["sceneOptions"].get<std::string>())[0];
  EXPECT_EQ(scene.dump(),
            R"({"type":"video","scene":"BasicVideoGenerateButton","resolution":"720p","modelReqKey":"dreamina_seedance_40",)"
            R"("videoDuration":5,"inputVideoDuration":0,"reportParams":{"enterSource":"generate","vipSource":"generate",)"
            R"("extraVipFunctionKey":"dreamina_seedance_40-720p","useVipFunctionDetailsReporterHoc":true},"materialTypes":[]})");
  const ojson draft = draft_of(r);
  EXPECT_EQ(draft["version"], "3.3.12");
  const std::int64_t seed = draft["component_list"][0]["abilities"]["gen_video"]["text_to_video_params"]["seed"];
  EXPECT_GE(seed, 0);
  EXPECT_LE(seed, 4294967295);

  json at480 = video_in();
  at480["video"]["resolution"] = "480p";
  const ojson extend480 = body_of(request_of(api::build_generate(at480.dump())))["extend"];
  EXPECT_EQ(extend480["m_video_commerce_info"]["benefit_type"], "seedance_20_fast_480p_output");
}

TEST(Dreamina, VideoModelsComeOnlyFromTheLiveCatalogue) {
  json in = video_in();
  in.erase("models");
  const json a = answer(api::build_generate(in.dump()));
  EXPECT_EQ(error_field(a), "models") << a.dump();
  in["models"] = json::array({seedance_fast()});
  in["model"] = "dreamina_seedance_40_pro";  // Jimeng's built-in model, not in this account's catalogue
  EXPECT_FALSE(answer(api::build_generate(in.dump()))["ok"].get<bool>());
}

json image_ref(const std::string& name) {
  return {{"uri", "tos-alisg-i-wopfjsm1ax-sg/" + name}, {"width", 1024}, {"height", 1024}, {"format", "png"}};
}

TEST(Dreamina, OmniReferenceNamesEachImageInOrderThenTheWords) {
  json in = video_in();
  in["video"]["references"] = json::array({image_ref("a"), image_ref("b")});
  in["prompt"] = "@image1 walks to @image2";
  const std::string text = api::build_generate(in.dump());
  ASSERT_TRUE(answer(text)["ok"].get<bool>()) << text;
  const ojson input =
      draft_of(request_of(text))["component_list"][0]["abilities"]["gen_video"]["text_to_video_params"]["video_gen_inputs"][0];
  const ojson& unified = input["unified_edit_input"];
  const ojson& meta = unified["meta_list"];
  ASSERT_EQ(meta.size(), 3u) << meta.dump();
  for (int i = 0; i < 2; ++i) {
    const ojson& entry = meta[std::size_t(i)];
    EXPECT_EQ(entry["type"], "");
    EXPECT_TRUE(entry["id"].is_string() && entry["id"].get<std::string>().size() == 36);
    EXPECT_EQ(entry["meta_type"], "image");
    EXPECT_EQ(entry["text"], "");
    EXPECT_EQ(entry["material_ref"]["type"], "");
    EXPECT_TRUE(entry["material_ref"]["id"].is_string());
    EXPECT_EQ(entry["material_ref"]["material_idx"], i);
    EXPECT_EQ(std::vector<std::string>({"type", "id", "meta_type", "text", "material_ref"}), [&] {
      std::vector<std::string> keys;
      for (const auto& [k, v] : entry.items()) keys.push_back(k);
      return keys;
    }());
  }
  EXPECT_EQ(meta[2]["meta_type"], "text");
  EXPECT_EQ(meta[2]["text"], "@image1 walks to @image2");
  EXPECT_EQ(meta[2]["type"], "");
  for (const auto& material : unified["material_list"]) {
    EXPECT_EQ(material["image_info"]["aigc_image"]["type"], "");
    EXPECT_TRUE(material["image_info"]["aigc_image"]["id"].is_string());
  }
  const ojson scene = ojson::parse(
      ojson::parse(body_of(request_of(text))["metrics_extra"].get<std::string>())["sceneOptions"].get<std::string>())[0];
  EXPECT_EQ(scene["materialTypes"].dump(), "[1,1]");
}

TEST(Dreamina, FramesCarryAnAigcImageIdEach) {
  json in = video_in();
  in["video"]["firstFrame"] = image_ref("first");
  in["video"]["lastFrame"] = image_ref("last");
  const std::string text = api::build_generate(in.dump());
  ASSERT_TRUE(answer(text)["ok"].get<bool>()) << text;
  const ojson input =
      draft_of(request_of(text))["component_list"][0]["abilities"]["gen_video"]["text_to_video_params"]["video_gen_inputs"][0];
  for (const char* key : {"first_frame_image", "end_frame_image"}) {
    EXPECT_EQ(input[key]["aigc_image"]["type"], "") << key;
    EXPECT_NE(input[key]["aigc_image"]["id"], input[key]["id"]) << key;
  }
}

TEST(Dreamina, HistoryAndQueueUseThePagesShorterQueries) {
  json in = with_session({{"submitIds", {"0b5e8c7e-6c43-4c4e-9a0f-7f2a1c3d4e5f"}}});
  const ojson history = request_of(api::build_history(in.dump()));
  EXPECT_EQ(history["url"].get<std::string>().substr(0, history["url"].get<std::string>().find('?')),
            "https://mweb-api-sg.capcut.com/mweb/v1/get_history_by_ids");
  EXPECT_EQ(query_text(history),
            "aid=513641&device_platform=web&region=SG&da_version=3.3.12&web_version=7.5.0&aigc_features=app_lip_sync");
  EXPECT_EQ(history["headers"]["x-platform"], "pc");
  EXPECT_EQ(history["headers"]["did"], "7488306417429124625");

  const std::string queue_text = api::build_queue_info(with_session({{"historyIds", {"7549662611135122727"}}}).dump());
  ASSERT_TRUE(answer(queue_text)["ok"].get<bool>()) << queue_text;
  const ojson queue = request_of(queue_text);
  EXPECT_EQ(queue["url"].get<std::string>(),
            "https://mweb-api-sg.capcut.com/mweb/v1/get_history_queue_info?aid=513641&web_version=7.5.0&da_version=3.3.12&"
            "aigc_features=app_lip_sync");
  EXPECT_EQ(queue["body"], R"({"history_ids":["7549662611135122727"]})");
  EXPECT_FALSE(queue["headers"].contains("x-platform"));
  EXPECT_EQ(error_field(answer(api::build_queue_info(with_session(json::object()).dump()))), "historyIds");

  const ojson token = request_of(api::build_upload_token(with_session(json::object()).dump()));
  EXPECT_EQ(query_text(token), "aid=513641&web_version=7.5.0&da_version=3.3.12&aigc_features=app_lip_sync");
}

TEST(Dreamina, TheAigcConsentIsOneSettingOnTheCluster) {
  const ojson r = request_of(api::build_consent(with_session(json::object()).dump()));
  EXPECT_EQ(r["url"].get<std::string>().substr(0, r["url"].get<std::string>().find('?')),
            "https://mweb-api-sg.capcut.com/mweb/v1/update_settings");
  EXPECT_EQ(r["body"], R"({"custom_settings":{"aigc_compliance_confirmed":true}})");
  EXPECT_EQ(r["headers"]["did"], "7488306417429124625");
  EXPECT_EQ(answer(api::parse_consent(R"({"ret":"0","data":{}})", R"({"site":"dreamina"})"))["consented"], true);
  EXPECT_EQ(error_kind(answer(api::parse_consent(R"({"ret":"-6","errmsg":"shark"})", R"({"site":"dreamina"})"))), "risk_control");
}

TEST(Dreamina, CreditCallsGoToTheCommerceHostWithUpperCaseLanAndNoLoc) {
  const ojson r = request_of(api::build_credit(with_session(json::object()).dump()));
  EXPECT_EQ(r["url"], "https://commerce-api-sg.capcut.com/commerce/v1/benefits/user_credit");
  EXPECT_EQ(r["query"].dump(), "{}");
  const std::string sign = r["headers"]["sign"];
  const ojson expected = {{"appid", "513641"},
                          {"appvr", "8.4.0"},
                          {"pf", "7"},
                          {"sign", sign},
                          {"sign-ver", "1"},
                          {"device-time", "1790786145"},
                          {"tdid", ""},
                          {"content-type", "application/json"},
                          {"did", "7488306417429124625"},
                          {"lan", "ZH-HANT-TW"},
                          {"store-country-code", "vn"},
                          {"store-country-code-src", "uid"}};
  EXPECT_EQ(r["headers"].dump(), expected.dump());
  EXPECT_EQ(sign, api::sign("/commerce/v1/benefits/user_credit", kDeviceTime, "8.4.0"));
  EXPECT_EQ(r["body"], "{}");

  json no_commerce = sg_session();
  no_commerce.erase("commerceOrigin");
  EXPECT_EQ(error_field(answer(api::build_credit_history(with_session(json::object(), no_commerce).dump()))),
            "session.commerceOrigin");
}

TEST(Dreamina, SignVectorsOfSection9) {
  EXPECT_EQ(api::sign("/mweb/v1/aigc_draft/generate", 1790786145, "8.4.0"), "2533662377211f0653b7759901657a92");
  EXPECT_EQ(api::sign("/mweb/v1/get_local_item_list", 1775015103, "8.4.0"), "f6e0b24a9c7625b95c89826d9ede02e9");
  EXPECT_EQ(api::sign("/commerce/v1/benefits/benefit_metadata", 1775014540, "8.4.0"), "c1fe2adfb422e905fb3758e0e059fa22");
}

TEST(Dreamina, AnIncompleteOrForeignSessionIsRefusedNotGuessed) {
  for (const char* key : {"apiOrigin", "region", "loc", "did"}) {
    json session = sg_session();
    session.erase(key);
    const json a = answer(api::build_generate(with_session(base_input(), session).dump()));
    EXPECT_EQ(error_field(a), std::string("session.") + key) << a.dump();
  }
  for (const char* origin : {"http://mweb-api-sg.capcut.com", "https://evil.example",
                             "https://mweb-api-sg.capcut.com.evil.example", "https://mweb-api-sg.capcut.com/path"}) {
    json session = sg_session();
    session["apiOrigin"] = origin;
    EXPECT_EQ(error_field(answer(api::build_generate(with_session(base_input(), session).dump()))), "session.apiOrigin")
        << origin;
  }
  json session = sg_session();
  session["site"] = "capcut";
  EXPECT_EQ(error_field(answer(api::build_generate(with_session(base_input(), session).dump()))), "session.site");
}

TEST(Dreamina, TheMainlandRequestIsBuiltExactlyAsBefore) {
  json plain = base_input();
  plain["session"] = {{"webId", "7390000000000000001"}, {"daVersion", "3.3.9"}};
  json with_keys = plain;
  json extra = sg_session();
  extra["site"] = "jimeng";
  extra["webId"] = "7390000000000000001";
  extra["daVersion"] = "3.3.9";
  extra.erase("webVersion");
  extra.erase("appVersion");
  with_keys["session"] = extra;
  const std::string a = api::build_generate(plain.dump()), b = api::build_generate(with_keys.dump());
  EXPECT_EQ(a, b);
  const ojson r = request_of(a);
  EXPECT_EQ(r["url"].get<std::string>().rfind(
                "https://jimeng.jianying.com/mweb/v1/aigc_draft/generate?aid=513695&device_platform=web&region=cn&webId=", 0),
            0u);
  EXPECT_EQ(r["headers"]["lan"], "zh-Hans");
  EXPECT_EQ(r["headers"]["loc"], "cn");
  EXPECT_EQ(r["headers"]["accept"], "application/json, text/plain, */*");
  EXPECT_FALSE(r["headers"].contains("did"));
  EXPECT_EQ(body_of(r)["http_common_info"]["aid"], 513695);
}

TEST(Dreamina, ImageXFollowsTheAccountsCluster) {
  const json credentials = {
      {"accessKeyId", "AKTP"}, {"secretAccessKey", "secret"}, {"sessionToken", "token"}, {"serviceId", "wopfjsm1ax"}};
  json apply = with_session({{"credentials", credentials}, {"fileSize", 1234}, {"entropy", kEntropy}});
  const ojson sg = request_of(api::build_apply_upload(apply.dump()));
  EXPECT_EQ(sg["url"].get<std::string>().rfind("https://imagex-normal-sg.capcutapi.com/?Action=ApplyImageUpload&", 0), 0u)
      << sg.dump();
  EXPECT_NE(sg["headers"]["authorization"].get<std::string>().find("/ap-southeast-1/imagex/aws4_request"), std::string::npos);
  json us_session = sg_session();
  us_session["region"] = "US";
  us_session["apiOrigin"] = "https://dreamina-api.us.capcut.com";
  const ojson us = request_of(api::build_apply_upload(with_session(apply, us_session).dump()));
  EXPECT_EQ(us["url"].get<std::string>().rfind("https://imagex16-normal-us-ttp.capcutapi.us/?", 0), 0u);
  EXPECT_NE(us["headers"]["authorization"].get<std::string>().find("/us-east-1/imagex/"), std::string::npos);
  json eu_session = sg_session();
  eu_session["region"] = "EU";
  EXPECT_EQ(error_field(answer(api::build_apply_upload(with_session(apply, eu_session).dump()))), "session.region");

  json put = with_session({{"upload",
                            {{"storeUri", "tos-alisg-i-wopfjsm1ax-sg/abc"},
                             {"auth", "SpaceKey/x"},
                             {"uploadHost", "tos-my16-share.vodupload.com"},
                             {"sessionKey", "k"}}}});
  EXPECT_EQ(error_field(answer(api::build_upload_put("PNGDATA", put.dump()))), "userId");
  put["userId"] = "7320000000000000042";
  const ojson put_request = request_of(api::build_upload_put("PNGDATA", put.dump()));
  EXPECT_EQ(put_request["headers"]["X-Storage-U"], "7320000000000000042");
  EXPECT_EQ(put_request["url"], "https://tos-my16-share.vodupload.com/upload/v1/tos-alisg-i-wopfjsm1ax-sg/abc");
}

TEST(Dreamina, TheUploadTokenNamesItsSpace) {
  std::string body =
      R"({"ret":"0","data":{"access_key_id":"AK","secret_access_key":"SK","session_token":"ST","space_name":"wopfjsm1ax","upload_domain":"imagex-normal-sg.capcutapi.com"}})";
  const json a = answer(api::parse_upload_token(body, R"({"site":"dreamina"})"));
  EXPECT_EQ(a["credentials"]["serviceId"], "wopfjsm1ax") << a.dump();
}

TEST(Dreamina, TheCommerceEnvelopeReadsAsCredits) {
  const std::string data = R"({"credit":{"gift_credit":0,"purchase_credit":120,"vip_credit":0},)"
                           R"("credits_detail":{"gift_credits":[{"credit":50,"credits_life_end":1790812799}]}})";
  const std::string with_response_only = R"({"ret":"0","errmsg":"success","systime":"1790786145000","log_id":"x","response":)" +
                                         json(data).dump() + R"(,"sign":"c2lnbg=="})";
  const json a = answer(api::parse_credit(with_response_only, R"({"site":"dreamina"})"));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["credit"]["gift"], 50);
  EXPECT_EQ(a["credit"]["purchase"], 120);
  EXPECT_EQ(a["credit"]["total"], 170);
  EXPECT_EQ(a["credit"]["giftExpiresAt"], 1790812799000);
  const std::string with_data = R"({"ret":"0","errmsg":"success","response":"{}","sign":"x","data":)" + data + "}";
  EXPECT_EQ(answer(api::parse_credit(with_data, R"({"site":"dreamina"})"))["credit"]["purchase"], 120);
}

TEST(Dreamina, A1015IsTheWrongClusterThereAndLoggedOutOnJimeng) {
  const std::string body = R"({"ret":"1015","errmsg":"login error"})";
  const json dreamina = answer(api::parse_history(body, R"({"site":"dreamina"})"));
  EXPECT_EQ(error_kind(dreamina), "version_outdated");
  EXPECT_EQ(dreamina["error"]["retry"], "after_refresh");
  EXPECT_NE(dreamina["error"]["message"].get<std::string>().find("wrong cluster"), std::string::npos);
  const json jimeng = answer(api::parse_history(body, "{}"));
  EXPECT_EQ(error_kind(jimeng), "login_required");
  EXPECT_EQ(error_kind(answer(api::parse_history(R"({"ret":"-6","errmsg":"shark not pass reject"})", R"({"site":"dreamina"})"))),
            "risk_control");
}

TEST(Dreamina, ItsMediaHostsAreKeptAndLookalikesAreNot) {
  for (const char* url :
       {"https://p16-dreamina-sign-sg.ibyteimg.com/tos-alisg-i/a.webp?x-expires=1", "https://v16-cc.capcut.com/video/a.mp4",
        "https://p19-dreamina-sign-sg.ibyteimg.com/b.png", "https://cdn.capcutapi.com/c.png", "https://v16.capcutapi.us/d.mp4"})
    EXPECT_TRUE(is_media_url(url)) << url;
  for (const char* url :
       {"https://capcut.com.evil.example/a.png", "https://evilcapcut.com/a.png", "http://v16-cc.capcut.com/a.mp4",
        "https://user@v16-cc.capcut.com/a.mp4", "https://v16-cc.capcut.com:8443/a.mp4"})
    EXPECT_FALSE(is_media_url(url)) << url;
  const json table = answer(api::sites());
  EXPECT_EQ(table["sites"][1]["id"], "dreamina");
  EXPECT_EQ(table["sites"][1]["aid"], 513641);
  EXPECT_NE(std::find(table["mediaHostSuffixes"].begin(), table["mediaHostSuffixes"].end(), ".ibyteimg.com"),
            table["mediaHostSuffixes"].end());
}

}  // namespace
}  // namespace jimeng::test::dreamina
