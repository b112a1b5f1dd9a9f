// The `sign` header (protocol §3.1): md5("9e2c|" + last 7 chars of the path + "|" + pf + "|" + appvr + "|" +
// device-time + "|" + tdid + "|11ac"). It depends on nothing secret or session-bound, so it is computed
// here rather than learned from the page.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace jimeng {

inline constexpr std::string_view kPlatform = "7";  // the `pf` header

// `path` may carry a query string; only the part before '?' counts.
std::string sign(std::string_view path, std::int64_t device_time, std::string_view app_version, std::string_view tdid = "");

}  // namespace jimeng
