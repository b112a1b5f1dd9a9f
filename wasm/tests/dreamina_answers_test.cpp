// Dreamina's answers and uploads (protocol §9.6): ImageX on the account's cluster, the token's space, the commerce
// envelope, 1015 as the wrong cluster, and the media hosts kept.
#include <algorithm>

#include "dreamina_helpers.hpp"
#include "protocol/site.hpp"

namespace jimeng::test::dreamina {
namespace {

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
