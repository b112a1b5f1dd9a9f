// Image sniffing: the signatures and size fields of PNG (IHDR), JPEG (the first SOFn marker) and WebP
// (VP8, VP8L, VP8X), and the signatures of the types we refuse by name (GIF, BMP, HEIC/AVIF, TIFF).
#include "upload/image_check.hpp"

#include <cstring>
#include <string_view>

namespace jimeng {
namespace {

using Bytes = const std::uint8_t*;

std::uint32_t be16(Bytes p) { return std::uint32_t(p[0]) << 8 | p[1]; }
std::uint32_t be32(Bytes p) { return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3]; }
std::uint32_t le16(Bytes p) { return std::uint32_t(p[1]) << 8 | p[0]; }
std::uint32_t le24(Bytes p) { return std::uint32_t(p[2]) << 16 | std::uint32_t(p[1]) << 8 | p[0]; }
bool starts(Bytes p, std::size_t n, std::string_view sig, std::size_t at = 0) {
  return n >= at + sig.size() && std::memcmp(p + at, sig.data(), sig.size()) == 0;
}

Error not_image() {
  return invalid_input("image", "image_not_image", "this file is not an image (its bytes are not PNG, JPEG or WebP)");
}
Error unsupported(const std::string& what) {
  return invalid_input("image", "image_type_unsupported", what + " images are not taken: use PNG, JPEG or WebP");
}

Result<ImageInfo> png(Bytes p, std::size_t n) {
  if (n < 24 || !starts(p, n, "IHDR", 12)) return not_image();
  return ImageInfo{"png", "image/png", be32(p + 16), be32(p + 20)};
}

Result<ImageInfo> jpeg(Bytes p, std::size_t n) {
  std::size_t i = 2;
  while (i + 4 <= n) {
    if (p[i] != 0xFF) return not_image();
    const std::uint8_t marker = p[i + 1];
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
      i += 2;
      continue;
    }
    const std::size_t len = be16(p + i + 2);
    if (len < 2) return not_image();
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (i + 9 > n) break;
      return ImageInfo{"jpeg", "image/jpeg", be16(p + i + 7), be16(p + i + 5)};
    }
    if (marker == 0xDA) break;  // image data before any frame header
    i += 2 + len;
  }
  return not_image();
}

Result<ImageInfo> webp(Bytes p, std::size_t n) {
  if (starts(p, n, "VP8 ", 12) && n >= 30) return ImageInfo{"webp", "image/webp", le16(p + 26) & 0x3fff, le16(p + 28) & 0x3fff};
  if (starts(p, n, "VP8L", 12) && n >= 25) {
    const std::uint32_t bits =
        std::uint32_t(p[21]) | std::uint32_t(p[22]) << 8 | std::uint32_t(p[23]) << 16 | std::uint32_t(p[24]) << 24;
    return ImageInfo{"webp", "image/webp", (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1};
  }
  if (starts(p, n, "VP8X", 12) && n >= 30) return ImageInfo{"webp", "image/webp", le24(p + 24) + 1, le24(p + 27) + 1};
  return not_image();
}

}  // namespace

Result<ImageInfo> check_image(const std::uint8_t* p, std::size_t n, std::size_t max_bytes) {
  if (n == 0) return invalid_input("image", "image_empty", "the file is empty");
  if (n > max_bytes)
    return invalid_input(
        "image", "image_too_large",
        "the image is larger than " + std::to_string(max_bytes >> 20) + " MB (" + std::to_string((n + (1 << 19)) >> 20) + " MB)");
  Result<ImageInfo> info = not_image();
  if (starts(p, n, "\x89PNG\r\n\x1a\n")) info = png(p, n);
  else if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) info = jpeg(p, n);
  else if (starts(p, n, "RIFF") && starts(p, n, "WEBP", 8)) info = webp(p, n);
  else if (starts(p, n, "GIF87a") || starts(p, n, "GIF89a")) return unsupported("GIF");
  else if (starts(p, n, "BM") && n >= 18 && (p[14] == 12 || p[14] == 40 || p[14] == 108 || p[14] == 124) && !p[15])
    return unsupported("BMP");  // "BM" and a DIB header size: not just a text starting with BM
  else if (starts(p, n, std::string_view("II*\0", 4)) || starts(p, n, std::string_view("MM\0*", 4))) return unsupported("TIFF");
  else if (starts(p, n, "ftypheic", 4) || starts(p, n, "ftypheix", 4) || starts(p, n, "ftypmif1", 4)) return unsupported("HEIC");
  else if (starts(p, n, "ftypavif", 4)) return unsupported("AVIF");
  if (auto e = error_of(info)) return *e;
  const ImageInfo& i = std::get<ImageInfo>(info);
  if (i.width < 1 || i.height < 1) return invalid_input("image", "image_broken", "the image has no size (a damaged file?)");
  return info;
}

}  // namespace jimeng
