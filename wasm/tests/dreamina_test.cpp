// Dreamina (protocol §9) key for key and value for value: the SG page's query strings and headers, its drafts, and
// the mainland request unchanged. Its answers, ImageX and media hosts: dreamina_answers_test.cpp.
#include "dreamina_helpers.hpp"

namespace jimeng::test::dreamina {
namespace {

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

}  // namespace
}  // namespace jimeng::test::dreamina
