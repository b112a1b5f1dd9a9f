// The ImageX upload's requests (protocol §4.4) and the reading of its answers. The signing algorithm itself
// is checked against AWS's suite (sigv4_test.cpp); here, that each request signs what the protocol says.
#include <string>

#include <gtest/gtest.h>

#include "crypto/digest.hpp"
#include "crypto/sigv4.hpp"
#include "helpers.hpp"
#include "upload/imagex.hpp"

namespace jimeng::test {
namespace {

const json kCredentials = {
    {"accessKeyId", "AKTEST"}, {"secretAccessKey", "SKTEST"}, {"sessionToken", "TOKEN/+="}, {"serviceId", "tb4s082cfz"}};

ojson built(const Result<ojson>& r) {
  if (auto e = error_of(r)) ADD_FAILURE() << e->code << ": " << e->message;
  return error_of(r) ? ojson() : std::get<ojson>(r);
}
Result<json> parse(Result<json> (*parser)(std::string&, const Context&), std::string body, int status = 200) {
  Context ctx;
  ctx.status = status;
  return parser(body, ctx);
}

TEST(ImageX, AmzDateIsTheUtcTimeInBasicFormat) { EXPECT_EQ(amz_date(kNow), "20260224T004346Z"); }

TEST(ImageX, ApplyUploadIsAGetSignedWithTheDateAndTokenOnly) {
  const ojson r = built(build_apply_upload_request(
      json{{"credentials", kCredentials}, {"fileSize", 12345}, {"now", kNow}, {"entropy", kEntropy}}))["request"];
  const std::string url = r["url"];
  ASSERT_EQ(url.rfind("https://imagex.bytedanceapi.com/?Action=ApplyImageUpload&Version=2018-08-01&ServiceId=tb4s082cfz"
                      "&FileSize=12345&s=",
                      0),
            0u)
      << url;
  EXPECT_EQ(r["method"], "GET");
  EXPECT_EQ(r["credentials"], "omit");
  EXPECT_EQ(r["headers"]["x-amz-date"], "20260224T004346Z");
  EXPECT_EQ(r["headers"]["x-amz-security-token"], "TOKEN/+=");
  const std::string authz = r["headers"]["authorization"];
  EXPECT_EQ(authz.rfind("AWS4-HMAC-SHA256 Credential=AKTEST/20260224/cn-north-1/imagex/aws4_request, "
                        "SignedHeaders=x-amz-date;x-amz-security-token, Signature=",
                        0),
            0u)
      << authz;
  // The same request, signed here over what was sent, gives the same signature.
  const SigV4Request same{
      "GET", "/", url.substr(url.find('?') + 1), {{"x-amz-date", "20260224T004346Z"}, {"x-amz-security-token", "TOKEN/+="}}, ""};
  const auto s = sigv4_sign(same, {"AKTEST", "SKTEST", "cn-north-1", "imagex", "20260224T004346Z"});
  EXPECT_EQ(authz, s.authorization);
}

TEST(ImageX, CommitUploadPostsTheSessionKeyAndSignsItsHash) {
  const ojson r =
      built(build_commit_upload_request(json{{"credentials", kCredentials}, {"sessionKey", "sk-1"}, {"now", kNow}}))["request"];
  EXPECT_EQ(r["method"], "POST");
  EXPECT_EQ(r["body"], R"({"SessionKey":"sk-1"})");
  EXPECT_EQ(r["headers"]["x-amz-content-sha256"], hex(sha256(R"({"SessionKey":"sk-1"})")));
  EXPECT_NE(
      std::string(r["headers"]["authorization"]).find("SignedHeaders=x-amz-content-sha256;x-amz-date;x-amz-security-token,"),
      std::string::npos);
}

TEST(ImageX, TheUploadCarriesTheStoresAuthAndTheBytesCrc32) {
  const std::string bytes = "123456789";
  const json in = {
      {"upload", {{"storeUri", "tos-cn-i-tb4s082cfz/ab cd"}, {"auth", "SpaceKey/x"}, {"uploadHost", "tos-d-x-lf.snssdk.com"}}}};
  const ojson out = built(build_upload_put_request(in, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  EXPECT_EQ(out["crc32"], "cbf43926");
  EXPECT_EQ(out["request"]["url"], "https://tos-d-x-lf.snssdk.com/upload/v1/tos-cn-i-tb4s082cfz/ab%20cd");
  EXPECT_EQ(out["request"]["headers"]["Content-CRC32"], "cbf43926");
  EXPECT_EQ(out["request"]["headers"]["Authorization"], "SpaceKey/x");
  EXPECT_EQ(out["request"]["credentials"], "omit");
  json bad = in;
  bad["upload"]["uploadHost"] = "evil.example/steal?x=";
  EXPECT_EQ(error_of(build_upload_put_request(bad, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()))->code,
            "upload_host_invalid");
}

TEST(ImageX, BadInputIsRefusedByField) {
  EXPECT_EQ(error_of(build_apply_upload_request(json{{"fileSize", 1}, {"now", kNow}, {"entropy", kEntropy}}))->field,
            "credentials");
  EXPECT_EQ(error_of(build_apply_upload_request(
                         json{{"credentials", kCredentials}, {"fileSize", 0}, {"now", kNow}, {"entropy", kEntropy}}))
                ->field,
            "fileSize");
  json odd = kCredentials;
  odd["serviceId"] = "a&Action=Delete";
  EXPECT_EQ(error_of(build_commit_upload_request(json{{"credentials", odd}, {"sessionKey", "k"}, {"now", kNow}}))->code,
            "credentials_invalid");
}

TEST(ImageX, AnswersAreReadAndTheirFailuresClassified) {
  const auto token = parse(
      parse_upload_token_body,
      R"({"ret":"0","errmsg":"success","data":{"access_key_id":"AK","secret_access_key":"SK","session_token":"T","service_id":"tb4s082cfz","upload_domain":"imagex.bytedanceapi.com"}})");
  ASSERT_FALSE(error_of(token));
  EXPECT_EQ(std::get<json>(token)["credentials"]["serviceId"], "tb4s082cfz");

  const auto apply = parse(
      parse_apply_upload_body,
      R"({"ResponseMetadata":{"RequestId":"r"},"Result":{"UploadAddress":{"StoreInfos":[{"StoreUri":"tos-cn-i-x/abc","Auth":"A","UploadID":"u"}],"UploadHosts":["up.example-cdn.com"],"SessionKey":"sk"}}})");
  ASSERT_FALSE(error_of(apply));
  EXPECT_EQ(std::get<json>(apply)["upload"],
            (json{{"storeUri", "tos-cn-i-x/abc"}, {"auth", "A"}, {"uploadHost", "up.example-cdn.com"}, {"sessionKey", "sk"}}));

  const auto expired =
      parse(parse_apply_upload_body, R"({"ResponseMetadata":{"Error":{"Code":"ExpiredToken","Message":"token expired"}}})", 401);
  EXPECT_EQ(error_of(expired)->code, "imagex_credentials_expired");
  EXPECT_EQ(error_of(expired)->retry, Retry::after_refresh);
  const auto forged =
      parse(parse_commit_upload_body, R"({"ResponseMetadata":{"Error":{"Code":"SignatureDoesNotMatch","Message":"no"}}})", 403);
  EXPECT_EQ(error_of(forged)->code, "imagex_signature_rejected");
  EXPECT_EQ(error_of(forged)->retry, Retry::never);

  const auto put = parse(parse_upload_put_body, R"({"code":2000,"message":"Success","data":{"crc32":"cbf43926"}})");
  EXPECT_EQ(std::get<json>(put)["crc32"], "cbf43926");
  EXPECT_EQ(error_of(parse(parse_upload_put_body, R"({"code":4000,"message":"crc32 mismatch"})", 400))->code,
            "upload_crc_mismatch");

  const auto commit = parse(
      parse_commit_upload_body,
      R"({"Result":{"Results":[{"Uri":"tos-cn-i-x/abc","UriStatus":2000}],"PluginResult":[{"ImageUri":"tos-cn-i-x/abc","ImageWidth":640,"ImageHeight":480,"ImageFormat":"png","ImageSize":1234}]}})");
  ASSERT_FALSE(error_of(commit));
  EXPECT_EQ(std::get<json>(commit)["image"],
            (json{{"uri", "tos-cn-i-x/abc"}, {"width", 640}, {"height", 480}, {"format", "png"}, {"size", 1234}}));
  EXPECT_EQ(error_of(parse(parse_commit_upload_body, R"({"Result":{"Results":[{"Uri":"u","UriStatus":4001}]}})"))->code,
            "image_rejected");
  EXPECT_EQ(error_of(parse(parse_commit_upload_body, "<html>"))->kind, ErrorKind::malformed_response);
}

}  // namespace
}  // namespace jimeng::test
