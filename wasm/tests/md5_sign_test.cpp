#include "crypto/md5.hpp"
#include "helpers.hpp"
#include "protocol/sign.hpp"

namespace jimeng {
namespace {

TEST(Md5, MatchesRfc1321TestSuite) {
  EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(md5_hex("a"), "0cc175b9c0f1b6a831c399e269772661");
  EXPECT_EQ(md5_hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(md5_hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
  EXPECT_EQ(md5_hex("abcdefghijklmnopqrstuvwxyz"), "c3fcd3d76192e4007dfb496cca67e13b");
  EXPECT_EQ(md5_hex("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"), "d174ab98d277d9f5a5611c2c9f419d9f");
  EXPECT_EQ(md5_hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890"),
            "57edf4a22be3c955ac49da2e2107b67a");
}

TEST(Md5, HandlesEveryPaddingBoundary) {
  // 55, 56, 63, 64 and 65 bytes straddle the one-block / two-block padding cases.
  EXPECT_EQ(md5_hex(std::string(55, 'a')), "ef1772b6dff9a122358552954ad0df65");
  EXPECT_EQ(md5_hex(std::string(56, 'a')), "3b0c8ac703f828b04c6c197006d17218");
  EXPECT_EQ(md5_hex(std::string(63, 'a')), "b06521f39153d618550606be297466d5");
  EXPECT_EQ(md5_hex(std::string(64, 'a')), "014842d480b571495a4a0363793f7367");
  EXPECT_EQ(md5_hex(std::string(65, 'a')), "c743a45e0d2e6a95cb859adae0248435");
}

struct SignVector {
  const char* path;
  std::int64_t device_time;
  const char* sign;
};

TEST(Sign, MatchesTheSixCapturedVectors) {
  const SignVector vectors[] = {
      {"/mweb/v1/aigc_draft/generate", 1771893826, "19724735691862919106b8c4808a6ce7"},
      {"/mweb/v1/get_history_by_ids", 1771893831, "656c1e00cf94dfd5bcfaf031e32493e4"},
      {"/mweb/v1/get_history_by_ids", 1771893880, "8fc3bf0e10f6a53ae7c0f8fb6c4060c6"},
      {"/commerce/v1/benefits/user_credit_history", 1771893831, "e689d5fa536721dee8945eaa6efb01b0"},
      {"/mweb/v1/get_unread_count", 1771893859, "ebbac26279a528b6ca2a2a091d65aa16"},
      {"/mweb/v1/get_history_queue_info", 1771893870, "b455ce04243cab9429ffbb87850c5686"},
  };
  for (const auto& v : vectors) {
    EXPECT_EQ(sign(v.path, v.device_time, "8.4.0"), v.sign) << v.path << " " << v.device_time;
    EXPECT_EQ(api::sign(v.path, v.device_time, "8.4.0"), v.sign);
  }
}

TEST(Sign, IgnoresTheQueryStringAndDependsOnVersionAndTime) {
  const auto base = sign("/mweb/v1/aigc_draft/generate", 1771893826, "8.4.0");
  EXPECT_EQ(sign("/mweb/v1/aigc_draft/generate?aid=513695&x=1", 1771893826, "8.4.0"), base);
  EXPECT_NE(sign("/mweb/v1/aigc_draft/generate", 1771893827, "8.4.0"), base);
  EXPECT_NE(sign("/mweb/v1/aigc_draft/generate", 1771893826, "8.5.0"), base);
  EXPECT_EQ(sign("/mweb/v1/aigc_draft/generate", 1771893826, "8.4.0"), md5_hex("9e2c|enerate|7|8.4.0|1771893826||11ac"));
}

}  // namespace
}  // namespace jimeng
