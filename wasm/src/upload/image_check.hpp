// Internal: what an image file really is, from its bytes (never its name): format and pixel size, or why
// it cannot be a reference image (not an image, a type Jimeng does not take, empty, too large).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/input.hpp"

namespace jimeng {

inline constexpr std::size_t kMaxImageBytes = std::size_t{20} << 20;  // what we send to ImageX at most

struct ImageInfo {
  std::string format;  // png, jpeg, webp
  std::string mime;    // image/png, …
  std::int64_t width = 0, height = 0;
};

Result<ImageInfo> check_image(const std::uint8_t* data, std::size_t size, std::size_t max_bytes = kMaxImageBytes);

}  // namespace jimeng
