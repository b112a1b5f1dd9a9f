#include "crypto/md5.hpp"
#include "helpers.hpp"

namespace jimeng::test {
namespace {

const std::string kId = "19637d71-15df-445e-b86d-490f3549cb85";

TEST(BuildHistory, BatchesEveryIdIntoOneRequest) {
  const std::string other = "a1b2c3d4-0000-4000-8000-000000000001";
  const json a = answer(api::build_history(json{{"submitIds", {kId, other, kId}}, {"now", 1771893831000}}.dump()));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(json::parse(a["request"]["body"].get<std::string>()), json({{"submit_ids", {kId, other}}}));
  EXPECT_EQ(a["request"]["headers"]["sign"], "656c1e00cf94dfd5bcfaf031e32493e4");
  // The poll query is the generate one minus os and web_component_open_flag.
  EXPECT_FALSE(a["request"]["query"].contains("os"));
  EXPECT_FALSE(a["request"]["query"].contains("web_component_open_flag"));
  EXPECT_EQ(a["request"]["query"]["aigc_features"], "app_lip_sync");
  // The 2026 web app's poll header (protocol §3).
  EXPECT_EQ(a["request"]["headers"]["x-platform"], "pc");
}

TEST(BuildHistory, AcceptsHistoryIdsAndRejectsEmptyOrBadLists) {
  const json a = answer(api::build_history(json{{"historyIds", {"25594898552322"}}, {"now", 1}}.dump()));
  EXPECT_EQ(json::parse(a["request"]["body"].get<std::string>()), json({{"history_ids", {"25594898552322"}}}));
  for (const json& bad :
       {json{{"submitIds", json::array()}}, json{{"submitIds", {"not-a-uuid"}}}, json{{"submitIds", {1}}}, json::object()}) {
    json in = bad;
    in["now"] = 1;
    const json r = answer(api::build_history(in.dump()));
    EXPECT_FALSE(r["ok"].get<bool>()) << bad.dump();
    EXPECT_EQ(r["error"]["kind"], "invalid_input");
  }
}

TEST(BuildCredit, SendsAnEmptyObjectWithNoQuery) {
  const json a = answer(api::build_credit(R"({"now":1771893831000})"));
  ASSERT_TRUE(a["ok"].get<bool>());
  EXPECT_EQ(a["request"]["body"], "{}");
  EXPECT_EQ(a["request"]["url"], "https://jimeng.jianying.com/commerce/v1/benefits/user_credit");
  EXPECT_TRUE(a["request"]["query"].empty());
  EXPECT_FALSE(a["request"]["headers"].contains("x-platform"));  // only polls carry it
}

TEST(BuildAccount, AsksPassportWhoIsLoggedInAndReadsTheUserIdAsText) {
  const json a = answer(api::build_account(R"({"now":1771893831000})"));
  ASSERT_TRUE(a["ok"].get<bool>()) << a;
  EXPECT_EQ(a["request"]["url"], "https://jimeng.jianying.com/passport/account/info/v2?account_sdk_source=web");
  EXPECT_EQ(a["request"]["body"], "{}");
  const json ok = answer(api::parse_account(R"({"ret":"0","data":{"user_id":3960418092171482,"screen_name":"x"}})", "{}"));
  EXPECT_EQ(ok["account"]["userId"], "3960418092171482");
  EXPECT_EQ(answer(api::parse_account(R"({"ret":"0","data":{"user_id":0}})", "{}"))["error"]["code"], "no_user");
  EXPECT_EQ(answer(api::parse_account(R"({"ret":"1015","errmsg":"login"})", "{}"))["error"]["kind"], "login_required");
}

TEST(BuildCreditHistory, MatchesTheSeedsBodyAndTheCapturedSign) {
  const json a = answer(api::build_credit_history(R"({"now":1771893831000})"));
  EXPECT_EQ(json::parse(a["request"]["body"].get<std::string>()), json::parse(read_sample("seed_credit_history_request.json")));
  EXPECT_EQ(a["request"]["headers"]["sign"], "e689d5fa536721dee8945eaa6efb01b0");
  const json spend = answer(api::build_credit_history(R"({"now":1,"spendingOnly":true,"count":5,"cursor":"99"})"));
  EXPECT_EQ(json::parse(spend["request"]["body"].get<std::string>()),
            json({{"count", 5}, {"cursor", "99"}, {"history_type", 2}}));
  EXPECT_EQ(answer(api::build_credit_history(R"({"now":1,"count":0})"))["error"]["field"], "count");
}

TEST(BuildModelConfig, PostsAnEmptyObjectToTheCatalogue) {
  const json a = answer(api::build_model_config(R"({"now":1,"session":{"webId":"42"}})"));
  EXPECT_EQ(a["request"]["path"], "/mweb/v1/get_common_config");
  EXPECT_EQ(a["request"]["body"], "{}");
  EXPECT_EQ(a["request"]["query"]["webId"], "42");
}

TEST(BuildImageResign, SendsTheUrisAsAList) {
  const json a = answer(api::build_image_resign(R"({"now":1,"uris":["tos-cn-i/1"]})"));
  EXPECT_EQ(json::parse(a["request"]["body"].get<std::string>()), json({{"uris", {"tos-cn-i/1"}}}));
}

TEST(Builders, RequireTheCallersClock) {
  for (auto build : {api::build_credit, api::build_model_config, api::build_credit_history}) {
    const json a = answer(build("{}"));
    EXPECT_EQ(a["error"]["field"], "now");
  }
}

TEST(BuiltinModels, ListsEveryProtocolImageModelThenSeedance20) {
  const json a = answer(api::builtin_models());
  ASSERT_EQ(a["models"].size(), 10u);
  EXPECT_EQ(a["models"][9]["kind"], "video");
  EXPECT_EQ(a["models"][9]["key"], "dreamina_seedance_40_pro");
  EXPECT_EQ(a["models"][0]["key"], "high_aes_general_v50");
  EXPECT_EQ(a["models"][8]["resolutions"]["1k"]["1"]["width"], 1024);
  EXPECT_FALSE(api::version().empty());
}

}  // namespace
}  // namespace jimeng::test
