#include "base/text.hpp"
#include "helpers.hpp"
#include "protocol/site.hpp"
#include "protocol/task_state.hpp"

namespace jimeng::test {
namespace {

const std::string kId = "a1b2c3d4-0000-4000-8000-000000000001";
std::string ctx_ids(std::initializer_list<std::string> ids) { return json{{"submitIds", ids}}.dump(); }

json envelope(const json& data) {
  return {{"ret", "0"}, {"errmsg", "success"}, {"systime", "1"}, {"logid", "x"}, {"data", data}};
}

json item(int i, bool finished = true) {
  json it = {
      {"common_attr",
       {{"status", 144}, {"cover_url_map", {{"720", "https://p3.byteimg.com/prev" + std::to_string(i) + "?x-expires=1&a=b"}}}}}};
  if (finished)
    it["image"] = {
        {"large_images",
         {{{"image_url", "https://p3.byteimg.com/full" + std::to_string(i) + ".png?x-expires=1771898560&x-signature=s"},
           {"image_uri", "tos-cn-i/" + std::to_string(i)},
           {"width", 2048},
           {"height", 2048},
           {"format", "png"}}}}};
  return it;
}

json task(int status, int total, int finished, int items) {
  json t = {{"status", status}, {"total_image_count", total}, {"finished_image_count", finished}, {"item_list", json::array()}};
  for (int i = 0; i < items; ++i) t["item_list"].push_back(item(i));
  return t;
}

json history(const json& data, const std::string& ctx) { return answer(api::parse_history(envelope(data).dump(), ctx)); }

TEST(ParseGenerate, ReadsTheSeedsTaskDirectlyUnderData) {
  const json a = answer(api::parse_generate(read_sample("seed_submit_response.json"), ""));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["task"]["submitId"], "19637d71-15df-445e-b86d-490f3549cb85");
  EXPECT_EQ(a["task"]["historyId"], "25594898552322");
  EXPECT_EQ(a["task"]["state"], "queued");
  EXPECT_EQ(a["task"]["status"], 20);
  EXPECT_EQ(a["task"]["cost"], 23);
  EXPECT_EQ(a["task"]["pollIntervalSeconds"], 30);
  EXPECT_EQ(a["task"]["timeoutSeconds"], 86400);
}

TEST(ParseGenerate, ReadsTheTaskUnderAigcDataWithItsQueuePosition) {
  const json a = answer(api::parse_generate(read_sample("submit_aigc_data.json"), ""));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["task"]["submitId"], kId);
  EXPECT_EQ(a["task"]["queue"]["position"], 3);
  EXPECT_EQ(a["task"]["queue"]["length"], 12);
}

TEST(ParseGenerate, ClassifiesServiceRefusals) {
  struct Case {
    const char* ret;
    const char* msg;
    const char* kind;
    const char* retry;
  };
  const Case cases[] = {
      {"1015", "login", "login_required", "after_login"},
      {"1006", "", "insufficient_credits", "never"},
      {"5000", "", "insufficient_credits", "never"},
      {"1234", "credit prededuct not enough", "insufficient_credits", "never"},
      {"5001", "", "rate_limited", "later"},
      {"1010", "", "rate_limited", "later"},
      {"1", "", "rate_limited", "later"},
      {"121101", "", "rate_limited", "never"},
      {"1014", "sign", "bad_request", "never"},
      {"1002", "common error", "bad_request", "never"},
      {"2008", "", "bad_request", "never"},
      {"3018", "permission denied", "version_outdated", "after_refresh"},
      {"4013", "生成失败，疑似存在异常行为", "risk_control", "never"},
      {"1019", "shark not pass", "risk_control", "never"},
      {"-6", "", "risk_control", "never"},
      {"2038", "", "content_rejected", "never"},
      {"2041", "", "content_rejected", "never"},
      {"99999", "", "server_error", "once"},
  };
  for (const auto& c : cases) {
    const json body = {{"ret", c.ret}, {"errmsg", c.msg}, {"data", {{"aigc_data", nullptr}}}};
    const json a = answer(api::parse_generate(body.dump(), ""));
    EXPECT_FALSE(a["ok"].get<bool>()) << c.ret;
    EXPECT_EQ(a["error"]["kind"], c.kind) << c.ret;
    EXPECT_EQ(a["error"]["retry"], c.retry) << c.ret;
    EXPECT_EQ(a["error"]["code"], c.ret);
  }
  // ret as a number is accepted too.
  EXPECT_EQ(answer(api::parse_generate(R"({"ret":1015,"errmsg":"x"})", ""))["error"]["kind"], "login_required");
}

TEST(ParseHistory, ReadsTheSeedsGeneratingTask) {
  const json a = answer(api::parse_history(read_sample("seed_history_response.json"), ""));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  const json& t = a["tasks"]["19637d71-15df-445e-b86d-490f3549cb85"];
  EXPECT_EQ(t["state"], "generating");
  EXPECT_EQ(t["total"], 4);
  EXPECT_EQ(t["finished"], 0);
}

TEST(ParseHistory, ReadsStreamedImagesWithPlainAmpersands) {
  const json a = answer(api::parse_history(read_sample("history_streaming.json"), ctx_ids({kId})));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  const json& t = a["tasks"][kId];
  EXPECT_EQ(t["state"], "generating");  // two of four: not done
  EXPECT_EQ(t["finished"], 2);
  ASSERT_EQ(t["images"].size(), 2u);
  const json& img = t["images"][0];
  EXPECT_EQ(img["url"],
            "https://p3-dreamina-sign.byteimg.com/tos-cn-i-tb4s082cfz/"
            "a1~tplv-tb4s082cfz-aigc_resize_mark:0:0.png?x-expires=1771898560&x-signature=Xyz%3D");
  EXPECT_EQ(img["preview"], "https://p3-dreamina-sign.byteimg.com/a1~720.webp?x-expires=1774485880&x-signature=s720");
  EXPECT_EQ(img["width"], 2560);
  EXPECT_EQ(img["height"], 1440);
  EXPECT_EQ(img["format"], "png");
  EXPECT_EQ(img["uri"], "tos-cn-i-tb4s082cfz/a1");
  EXPECT_EQ(img["expiresAt"], 1771898560);
  // No cover_url_map: the preview falls back to cover_url.
  EXPECT_EQ(t["images"][1]["preview"], "https://p3-dreamina-sign.byteimg.com/a2~360.webp?x-expires=1774485880&x-signature=c2");
}

TEST(ParseHistory, IsDoneOnlyWhenEveryImageIsListed) {
  EXPECT_EQ(history({{kId, task(50, 4, 4, 4)}}, "")["tasks"][kId]["state"], "done");
  EXPECT_EQ(history({{kId, task(50, 4, 4, 1)}}, "")["tasks"][kId]["state"], "generating");
  EXPECT_EQ(history({{kId, task(45, 4, 1, 1)}}, "")["tasks"][kId]["state"], "generating");
  EXPECT_EQ(history({{kId, task(45, 4, 4, 4)}}, "")["tasks"][kId]["state"], "done");
  EXPECT_EQ(history({{kId, task(45, 0, 0, 0)}}, "")["tasks"][kId]["state"], "generating");
  EXPECT_EQ(history({{kId, task(20, 0, 0, 0)}}, "")["tasks"][kId]["state"], "queued");
  EXPECT_EQ(history({{kId, task(42, 4, 0, 0)}}, "")["tasks"][kId]["state"], "generating");
  json unfinished = task(45, 4, 1, 0);
  unfinished["item_list"].push_back(item(0, false));  // an item with no URL yet is not an image
  EXPECT_EQ(history({{kId, unfinished}}, "")["tasks"][kId]["images"].size(), 0u);
}

TEST(ParseHistory, ExplainsFailuresAndNeverAsksForAnAutomaticRetry) {
  json moderated = task(30, 4, 0, 0);
  moderated["fail_code"] = "2038";
  moderated["fail_msg"] = "prompt rejected";
  const json a = history({{kId, moderated}}, "");
  EXPECT_EQ(a["tasks"][kId]["state"], "failed");
  EXPECT_EQ(a["tasks"][kId]["error"]["kind"], "content_rejected");
  EXPECT_EQ(a["tasks"][kId]["error"]["code"], "2038");
  EXPECT_EQ(a["tasks"][kId]["error"]["retry"], "never");
  for (int status : {10, 30, 40, 100}) {
    const json b = history({{kId, task(status, 4, 0, 0)}}, "");
    EXPECT_EQ(b["tasks"][kId]["state"], "failed") << status;
    EXPECT_EQ(b["tasks"][kId]["error"]["retry"], "never") << status;
  }
}

TEST(ParseHistory, KeepsIdsTheServiceDoesNotListYetQueued) {
  const std::string other = "b1b2c3d4-0000-4000-8000-000000000002";
  const json a = history({{kId, task(50, 1, 1, 1)}}, ctx_ids({kId, other}));
  ASSERT_TRUE(a["ok"].get<bool>());
  EXPECT_EQ(a["tasks"][kId]["state"], "done");
  EXPECT_EQ(a["tasks"][other]["state"], "queued");
  EXPECT_EQ(a["tasks"][other]["missing"], true);
}

TEST(ParseHistory, ReadsManyTasksInOneAnswer) {
  json data = json::object();
  for (int i = 0; i < 50; ++i) data["id" + std::to_string(i)] = task(i % 2 ? 50 : 45, 4, i % 2 ? 4 : 2, i % 2 ? 4 : 2);
  const json a = history(data, "");
  ASSERT_EQ(a["tasks"].size(), 50u);
  EXPECT_EQ(a["tasks"]["id1"]["images"].size(), 4u);
  EXPECT_EQ(a["tasks"]["id2"]["state"], "generating");
}

TEST(Parse, GarbageIsAMalformedResponseNeverACrash) {
  const std::string deep_array = std::string(100000, '[') + std::string(100000, ']');
  const std::string deep_object = [] {
    std::string s;
    for (int i = 0; i < 50000; ++i) s += "{\"a\":";
    s += "1";
    s += std::string(50000, '}');
    return s;
  }();
  const std::string huge = envelope({{"x", std::string(5 << 20, 'x')}}).dump();
  const std::string inputs[] = {
      "",
      "   ",
      "<!DOCTYPE html><html><body>请登录</body></html>",
      "{\"ret\":\"0\",\"data\":{\"a\":",
      "null",
      "[]",
      "42",
      "{\"ret\":\"0\"}",
      "{\"ret\":\"0\",\"data\":[]}",
      "{\"ret\":{}}",
      "{\"ret\":\"0\",\"data\":{\"aigc_data\":7}}",
      std::string("{\"ret\":\"0\",\"data\":{\"x\":\"\xff\xfe\"}}"),
      deep_array,
      deep_object,
      "{\"ret\":\"0\",\"data\":{\"id\":{\"status\":\"abc\",\"item_list\":{\"a\":1},\"total_image_count\":1e300}}}",
      std::string("{\"ret\":\"0\"\0,\"data\":{}}", 22),
      huge};
  using Parser = std::string (*)(std::string, std::string_view) noexcept;
  for (Parser p : {Parser(api::parse_generate), Parser(api::parse_history), Parser(api::parse_credit),
                   Parser(api::parse_credit_history), Parser(api::parse_model_config), Parser(api::parse_image_resign)}) {
    for (const auto& in : inputs) {
      const json a = answer(p(in, ""));
      if (a["ok"].get<bool>()) continue;  // some shapes are legitimately empty answers (e.g. a history of one odd task)
      EXPECT_EQ(a["error"]["kind"], "malformed_response") << in.substr(0, 60);
    }
  }
  EXPECT_EQ(answer(api::parse_history("<html>", ""))["error"]["code"], "not_json_html");
  EXPECT_EQ(answer(api::parse_history("{\"ret\":\"0\",\"data\":{", ""))["error"]["code"], "not_json");
  EXPECT_EQ(answer(api::parse_history(deep_array, ""))["error"]["kind"], "malformed_response");
  EXPECT_FALSE(answer(api::parse_generate("{\"ret\":\"0\",\"data\":{}}", ""))["ok"].get<bool>());
}

TEST(Parse, HttpErrorsAreClassifiedFromTheStatus) {
  const json a = answer(api::parse_history("<html>502 Bad Gateway</html>", R"({"status":502})"));
  EXPECT_EQ(a["error"]["kind"], "server_error");
  EXPECT_EQ(a["error"]["retry"], "later");
  EXPECT_EQ(a["error"]["code"], "http_502");
  EXPECT_EQ(answer(api::parse_history("", R"({"status":429})"))["error"]["kind"], "rate_limited");
  // A JSON refusal keeps its own code even on an HTTP error.
  EXPECT_EQ(answer(api::parse_history(R"({"ret":"1015","errmsg":"x"})", R"({"status":403})"))["error"]["kind"], "login_required");
}

TEST(ParseCredit, SumsTheBalanceParts) {
  const json a = answer(
      api::parse_credit(envelope({{"credit", {{"gift_credit", 80}, {"purchase_credit", 0}, {"vip_credit", "120"}}}}).dump(), ""));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["credit"]["gift"], 80);
  EXPECT_EQ(a["credit"]["vip"], 120);
  EXPECT_EQ(a["credit"]["total"], 200);
}

TEST(ParseCreditHistory, ReadsRecordsWithTheirSubmitIds) {
  const json data = {
      {"records",
       {{{"amount", -4}, {"create_time", 1771893826}, {"title", "图片生成"}, {"submit_id", kId}, {"status", "success"}}}},
      {"new_cursor", "1771893826"},
      {"has_more", true}};
  const json a = answer(api::parse_credit_history(envelope(data).dump(), ""));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["records"][0]["submitId"], kId);
  EXPECT_EQ(a["records"][0]["amount"], -4);
  EXPECT_EQ(a["cursor"], "1771893826");
  EXPECT_EQ(a["hasMore"], true);
}

TEST(ParseModelConfig, ReadsModelsWithTheirResolutionTables) {
  const json data = {{"model_list",
                      {{{"model_req_key", "high_aes_general_v60"},
                        {"model_name", "图片 6.0"},
                        {"feats", {"intelligent_ratio"}},
                        {"gen_count_list", {1, 2, 4}},
                        {"resolution_map",
                         {{"2K",
                           {{"image_ratio_sizes",
                             {{{"ratio_type", 1}, {"width", 2048}, {"height", 2048}},
                              {{"ratio_type", 3}, {"width", 2560}, {"height", 1440}}}}}}}}},
                       {{"model_req_key", "broken"}}}}};
  const json a = answer(api::parse_model_config(envelope(data).dump(), ""));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  ASSERT_EQ(a["models"].size(), 1u);  // the model without sizes is skipped
  const json& m = a["models"][0];
  EXPECT_EQ(m["key"], "high_aes_general_v60");
  EXPECT_EQ(m["intelligentRatio"], true);
  EXPECT_EQ(m["counts"], json({1, 2, 4}));
  EXPECT_EQ(m["resolutions"]["2k"]["3"]["width"], 2560);
}

TEST(ParseImageResign, MapsUrisToFreshUrls) {
  const json data = {{"uri2image",
                      {{"tos-cn-i/1", {{"image_url", "https://p9.byteimg.com/new1?x-expires=9"}}},
                       {"tos-cn-i/2", "https://p9.byteimg.com/new2"}}}};
  const json a = answer(api::parse_image_resign(envelope(data).dump(), ""));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["images"]["tos-cn-i/1"], "https://p9.byteimg.com/new1?x-expires=9");
  EXPECT_EQ(a["images"]["tos-cn-i/2"], "https://p9.byteimg.com/new2");
}

TEST(ParseHistory, AnImageAddressOffJimengsMediaHostsIsNeverPassedOn) {
  json hostile = task(50, 3, 3, 3);
  hostile["item_list"][0]["image"]["large_images"][0]["image_url"] = "javascript:alert(document.cookie)//.byteimg.com/";
  hostile["item_list"][1]["image"]["large_images"][0]["image_url"] = "http://evil.example/x.png";
  hostile["item_list"][1]["common_attr"]["cover_url_map"]["720"] = "https://evil.example/p3.byteimg.com/x.png";
  hostile["item_list"][2]["image"]["large_images"][0]["image_url"] = "https://user@p3.byteimg.com.evil.example/x.png";
  const json t = history({{kId, hostile}}, "")["tasks"][kId];
  EXPECT_EQ(t["state"], "done") << "the task still ends";
  for (const auto& img : t["images"]) {
    EXPECT_EQ(img["url"], "") << img;
    EXPECT_EQ(img["refused"], "url_not_media_host");
  }
  EXPECT_EQ(t["images"][1]["preview"], "");
  EXPECT_TRUE(is_media_url("https://p26-dreamina-sign.byteimg.com/a.png?x-expires=1"));
  EXPECT_TRUE(is_media_url("https://v3-artist.vlabvod.com/v.mp4"));
  for (const char* bad : {"http://p3.byteimg.com/a.png", "https://byteimg.com.evil.example/", "https://p3.byteimg.com:8443/a",
                          "https://a@p3.byteimg.com/", "https://p3.byteimg.com\\@evil.example/", "data:image/png;base64,AA",
                          "https://evil.example/?.byteimg.com"})
    EXPECT_FALSE(is_media_url(bad)) << bad;
  const json data = {{"uri2image", {{"tos-cn-i/1", "javascript:alert(1)"}, {"tos-cn-i/2", "https://p9.byteimg.com/ok"}}}};
  const json resigned = answer(api::parse_image_resign(envelope(data).dump(), ""));
  EXPECT_FALSE(resigned["images"].contains("tos-cn-i/1"));
  EXPECT_EQ(resigned["images"]["tos-cn-i/2"], "https://p9.byteimg.com/ok");
}

TEST(TaskState, FollowsTheProtocolTable) {
  EXPECT_EQ(task_state(0, 0, 0, 0), TaskState::queued);
  EXPECT_EQ(task_state(20, 4, 0, 0), TaskState::queued);
  EXPECT_EQ(task_state(42, 4, 0, 0), TaskState::generating);
  EXPECT_EQ(task_state(50, 4, 4, 4), TaskState::done);
  EXPECT_EQ(task_state(50, 4, 4, 3), TaskState::generating);
  EXPECT_EQ(task_state(50, 0, 0, 0), TaskState::generating);
  EXPECT_EQ(task_state(30, 4, 0, 0), TaskState::failed);
  EXPECT_EQ(task_state(77, 4, 1, 1), TaskState::generating);
  EXPECT_EQ(task_state(77, 0, 0, 0), TaskState::queued);
}

}  // namespace
}  // namespace jimeng::test

namespace jimeng::test {
namespace {

// A running task as the service lists it, created at `created` (service seconds).
json running_task(double created, long long timeout = 86400) {
  return {{"status", 20},
          {"created_time", created},
          {"total_image_count", 4},
          {"finished_image_count", 0},
          {"queue_info", {{"queue_idx", 3}, {"polling_config", {{"interval_seconds", 30}, {"timeout_seconds", timeout}}}}}};
}

std::string history_at(double systime, const json& data) {
  json e = {{"ret", "0"}, {"errmsg", "success"}, {"systime", std::to_string(static_cast<long long>(systime))}, {"data", data}};
  return e.dump();
}

const std::string kTask = "19637d71-15df-445e-b86d-490f3549cb85";

TEST(TaskTimeout, ATaskPastItsTimeLimitOnTheServiceClockIsGivenUp) {
  const json overdue = answer(api::parse_history(history_at(1000 + 86401, {{kTask, running_task(1000)}}), ""));
  ASSERT_TRUE(overdue["ok"].get<bool>()) << overdue.dump();
  EXPECT_EQ(overdue["tasks"][kTask]["state"], "failed");
  EXPECT_EQ(overdue["tasks"][kTask]["error"]["code"], "timeout");
  EXPECT_EQ(overdue["tasks"][kTask]["error"]["retry"], "never");

  const json in_time = answer(api::parse_history(history_at(1000 + 86399, {{kTask, running_task(1000)}}), ""));
  EXPECT_EQ(in_time["tasks"][kTask]["state"], "queued");
  const json short_limit = answer(api::parse_history(history_at(1000 + 61, {{kTask, running_task(1000, 60)}}), ""));
  EXPECT_EQ(short_limit["tasks"][kTask]["state"], "failed");  // the service's own polling_config wins
}

TEST(TaskTimeout, AnEndedTaskKeepsItsOwnOutcome) {
  json failed = running_task(1000);
  failed["status"] = 30;
  failed["fail_code"] = "2038";
  const json a = answer(api::parse_history(history_at(1000 + 999999, {{kTask, failed}}), ""));
  EXPECT_EQ(a["tasks"][kTask]["state"], "failed");
  EXPECT_EQ(a["tasks"][kTask]["error"]["code"], "2038");  // not replaced by a timeout
}

TEST(TaskTimeout, ATaskNoLongerListedIsGivenUpOnlyAfterItsLifetime) {
  const json ctx = {{"submitIds", {kTask}}, {"createdAt", {{kTask, 1000000}}}};
  const json gone = answer(api::parse_history(history_at(1000 + 86401, json::object()), ctx.dump()));
  EXPECT_EQ(gone["tasks"][kTask]["state"], "failed");
  EXPECT_EQ(gone["tasks"][kTask]["missing"], true);
  const json fresh = answer(api::parse_history(history_at(1000 + 30, json::object()), ctx.dump()));
  EXPECT_EQ(fresh["tasks"][kTask]["state"], "queued");  // just submitted: not listed yet
  const json no_clock = answer(api::parse_history(R"({"ret":"0","data":{}})", ctx.dump()));
  EXPECT_EQ(no_clock["tasks"][kTask]["state"], "queued");  // without the service's time, never guess
}

}  // namespace
}  // namespace jimeng::test
