// Credits over a day (protocol §11): today's free credits claimed for the user's time zone, what the claim gave,
// and when those credits expire.
#include "dreamina_helpers.hpp"

namespace jimeng::test::dreamina {
namespace {

TEST(CreditsDay, TheClaimNamesTheUsersTimeZoneOnTheCommerceHost) {
  const json jimeng = answer(api::build_credit_receive(R"({"now":1771893831000,"timeZone":"Asia/Shanghai"})"));
  ASSERT_TRUE(jimeng["ok"].get<bool>()) << jimeng;
  EXPECT_EQ(jimeng["request"]["url"], "https://jimeng.jianying.com/commerce/v1/benefits/credit_receive");
  EXPECT_EQ(jimeng["request"]["body"], R"({"time_zone":"Asia/Shanghai"})");
  EXPECT_TRUE(jimeng["request"]["query"].empty());
  EXPECT_EQ(jimeng["request"]["headers"]["sign"], api::sign("/commerce/v1/benefits/credit_receive", 1771893831, "8.4.0"));

  const ojson sg = request_of(api::build_credit_receive(with_session({{"timeZone", "Asia/Ho_Chi_Minh"}}).dump()));
  EXPECT_EQ(sg["url"], "https://commerce-api-sg.capcut.com/commerce/v1/benefits/credit_receive");
  EXPECT_EQ(sg["headers"]["lan"], "ZH-HANT-TW");
  EXPECT_FALSE(sg["headers"].contains("loc"));

  for (const json& zone : {json(nullptr), json(""), json("Asia/Shanghai\"}"), json(8), json(std::string(65, 'A'))}) {
    json in = {{"now", 1771893831000}, {"timeZone", zone}};
    EXPECT_EQ(error_field(answer(api::build_credit_receive(in.dump()))), "timeZone") << zone.dump();
  }
}

TEST(CreditsDay, TheAnswerSaysWhatTheClaimGaveAndWhenItExpires) {
  // Captured on Dreamina HK: 50 credits, no end in the answer: the caller's end of day stands in.
  const std::string claimed =
      R"({"ret":"0","errmsg":"success","data":{"is_first_receive":true,"receive_quota":50,"has_popup":true,"receive_inter_days":1}})";
  const json a = answer(api::parse_credit_receive(claimed, R"({"dayEndsAt":1771948799999})"));
  ASSERT_TRUE(a["ok"].get<bool>()) << a;
  EXPECT_EQ(a["received"], true);
  EXPECT_EQ(a["quota"], 50);
  EXPECT_EQ(a["expiresAt"], 1771948799999);
  // Its own end, in seconds, wins.
  const std::string with_end = R"({"ret":"0","data":{"receive_quota":50,"expire_time":1771948799}})";
  EXPECT_EQ(answer(api::parse_credit_receive(with_end, R"({"dayEndsAt":5})"))["expiresAt"], 1771948799000);
  // Claimed already today: nothing given.
  const json again = answer(api::parse_credit_receive(R"({"ret":"0","data":{"receive_quota":0}})", "{}"));
  EXPECT_EQ(again["received"], false);
  EXPECT_EQ(again["quota"], 0);
  EXPECT_EQ(again["expiresAt"], 0);
  // The commerce envelope (§9.6): data as JSON text.
  const std::string text = R"({"ret":"0","response":"{\"receive_quota\":50}","sign":"x"})";
  EXPECT_EQ(answer(api::parse_credit_receive(text, R"({"site":"dreamina"})"))["quota"], 50);
  // The anti-bot refusal: said, not retried.
  const json refused = answer(api::parse_credit_receive(
      R"({"ret":"-4","errmsg":"shark check reject","data":{"receive_quota":0}})", R"({"site":"dreamina"})"));
  EXPECT_EQ(error_kind(refused), "risk_control");
  EXPECT_EQ(refused["error"]["retry"], "never");
}

}  // namespace
}  // namespace jimeng::test::dreamina
