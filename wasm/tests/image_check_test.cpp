// Reference images are judged by their bytes: the format and size of PNG, JPEG and WebP files, a clear
// refusal for other image types, for what is no image at all, and for empty or too large files.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "upload/image_check.hpp"

namespace jimeng::test {
namespace {

Result<ImageInfo> check(const std::string& bytes, std::size_t max = kMaxImageBytes) {
  return check_image(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), max);
}
std::string code_of(const Result<ImageInfo>& r) { return error_of(r) ? error_of(r)->code : "ok"; }
std::string be32(std::uint32_t v) { return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; }

std::string png(std::uint32_t w, std::uint32_t h) {
  return std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + "IHDR" + be32(w) + be32(h) + std::string("\x08\x06\0\0\0", 5) + be32(0);
}
std::string jpeg(std::uint16_t w, std::uint16_t h) {
  std::string app0 = std::string("\xFF\xE0\x00\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 18);
  std::string sof =
      std::string("\xFF\xC0\x00\x11\x08", 5) + char(h >> 8) + char(h) + char(w >> 8) + char(w) + std::string(12, '\x01');
  return std::string("\xFF\xD8", 2) + app0 + sof + std::string("\xFF\xD9", 2);
}
std::string webp_vp8x(std::uint32_t w, std::uint32_t h) {
  std::string s = "RIFF" + std::string(4, '\0') + "WEBPVP8X" + std::string(4, '\x0a') + std::string(4, '\0');
  for (std::uint32_t v : {w - 1, h - 1}) s += std::string{char(v), char(v >> 8), char(v >> 16)};
  return s;
}

TEST(CheckImage, ReadsTheFormatAndSizeOfPngJpegAndWebp) {
  const auto p = check(png(1024, 768));
  ASSERT_EQ(code_of(p), "ok");
  EXPECT_EQ(std::get<ImageInfo>(p).format, "png");
  EXPECT_EQ(std::get<ImageInfo>(p).width, 1024);
  EXPECT_EQ(std::get<ImageInfo>(p).height, 768);
  const auto j = check(jpeg(640, 480));
  ASSERT_EQ(code_of(j), "ok");
  EXPECT_EQ(std::get<ImageInfo>(j).mime, "image/jpeg");
  EXPECT_EQ(std::get<ImageInfo>(j).width, 640);
  EXPECT_EQ(std::get<ImageInfo>(j).height, 480);
  const auto w = check(webp_vp8x(2048, 1536));
  ASSERT_EQ(code_of(w), "ok");
  EXPECT_EQ(std::get<ImageInfo>(w).width, 2048);
  EXPECT_EQ(std::get<ImageInfo>(w).height, 1536);
}

TEST(CheckImage, OtherImageTypesAreNamedAndRefused) {
  EXPECT_EQ(code_of(check("GIF89a" + std::string(20, '\0'))), "image_type_unsupported");
  EXPECT_EQ(code_of(check(std::string("\0\0\0\x18"
                                      "ftypheic",
                                      12) +
                          std::string(20, '\0'))),
            "image_type_unsupported");
  EXPECT_EQ(code_of(check(std::string("II*\0", 4) + std::string(20, '\0'))), "image_type_unsupported");
  EXPECT_NE(error_of(check("GIF89a" + std::string(20, '\0')))->message.find("GIF"), std::string::npos);
}

TEST(CheckImage, NoImageEmptyTooLargeOrBrokenSaySo) {
  EXPECT_EQ(code_of(check("MM is just text, not a TIFF")), "image_not_image");
  EXPECT_EQ(code_of(check("BM is just text")), "image_not_image");
  EXPECT_EQ(code_of(check("%PDF-1.7")), "image_not_image");
  EXPECT_EQ(code_of(check(png(1, 1).substr(0, 20))), "image_not_image");  // cut short
  EXPECT_EQ(code_of(check("")), "image_empty");
  const auto big = check(png(10, 10), 16);
  EXPECT_EQ(code_of(big), "image_too_large");
  EXPECT_EQ(code_of(check(png(0, 10))), "image_broken");
  EXPECT_EQ(code_of(check(std::string("\xFF\xD8\xFF\xDA\x00\x02", 6))), "image_not_image");  // no frame header
}

}  // namespace
}  // namespace jimeng::test
