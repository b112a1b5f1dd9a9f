// SHA-256 against NIST's examples (FIPS 180-4 / the CAVP short and long messages), HMAC-SHA256 against
// RFC 4231, CRC-32 against its check value.
#include <string>

#include <gtest/gtest.h>

#include "crypto/digest.hpp"

namespace jimeng::test {
namespace {

std::string bytes(std::size_t n, unsigned char c) { return std::string(n, static_cast<char>(c)); }

TEST(Sha256, NistExamples) {
  EXPECT_EQ(hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(hex(sha256(std::string(1'000'000, 'a'))), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, FedInPiecesOfAnySizeGivesTheSameDigest) {
  const std::string text(1'000, 'q');
  for (std::size_t piece : {1u, 3u, 55u, 56u, 63u, 64u, 65u, 999u}) {
    Sha256 s;
    for (std::size_t i = 0; i < text.size(); i += piece) s.update(std::string_view(text).substr(i, piece));
    EXPECT_EQ(hex(s.finish()), hex(sha256(text))) << piece;
  }
}

TEST(HmacSha256, Rfc4231TestCases) {
  std::string key4;
  for (int i = 1; i <= 25; ++i) key4 += static_cast<char>(i);
  struct Case {
    std::string key, data, mac;
  } cases[] = {
      {bytes(20, 0x0b), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"Jefe", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {bytes(20, 0xaa), bytes(50, 0xdd), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {key4, bytes(50, 0xcd), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
      {bytes(131, 0xaa), "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {bytes(131, 0xaa),
       "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be "
       "hashed before being used by the HMAC algorithm.",
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
  };
  for (const auto& c : cases) EXPECT_EQ(hex(hmac_sha256(c.key, c.data)), c.mac) << c.data;
}

TEST(Crc32, CheckValuesAndRunningValues) {
  const auto crc = [](std::string_view s, std::uint32_t start = 0) {
    return crc32(reinterpret_cast<const std::uint8_t*>(s.data()), s.size(), start);
  };
  EXPECT_EQ(crc("123456789"), 0xcbf43926u);
  EXPECT_EQ(crc("The quick brown fox jumps over the lazy dog"), 0x414fa339u);
  EXPECT_EQ(crc(""), 0u);
  const std::string text = "The quick brown fox jumps over the lazy dog";
  for (std::size_t cut = 0; cut <= text.size(); ++cut)  // every split point, across the 8-byte steps
    EXPECT_EQ(crc(std::string_view(text).substr(cut), crc(std::string_view(text).substr(0, cut))), 0x414fa339u) << cut;
}

TEST(HexDigits, ZeroPaddedLowercaseAsPrintfWroteThem) {
  EXPECT_EQ(hex_digits(0xcbf43926u, 8), "cbf43926");
  EXPECT_EQ(hex_digits(0x1au, 8), "0000001a");
  EXPECT_EQ(hex_digits(0, 8), "00000000");
  EXPECT_EQ(hex_digits(0xfedcba9876543210ull, 16), "fedcba9876543210");
}

}  // namespace
}  // namespace jimeng::test
