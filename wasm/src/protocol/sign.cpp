#include "protocol/sign.hpp"

#include "crypto/md5.hpp"

namespace jimeng {

std::string sign(std::string_view path, std::int64_t device_time, std::string_view app_version, std::string_view tdid) {
  path = path.substr(0, path.find('?'));
  const std::string_view tail = path.size() > 7 ? path.substr(path.size() - 7) : path;
  std::string text;
  text.reserve(64);
  text.append("9e2c|").append(tail).append("|").append(kPlatform).append("|").append(app_version);
  text.append("|").append(std::to_string(device_time)).append("|").append(tdid).append("|11ac");
  return md5_hex(text);
}

}  // namespace jimeng
