// The request envelope shared by every endpoint (protocol §3): query string, headers, sign.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "base/input.hpp"

namespace jimeng {

inline constexpr std::string_view kOrigin = "https://jimeng.jianying.com";
inline constexpr std::string_view kReferer = "https://jimeng.jianying.com/ai-tool/generate?type=image";
inline constexpr std::int64_t kAid = 513695;

namespace path {
inline constexpr std::string_view generate = "/mweb/v1/aigc_draft/generate";
inline constexpr std::string_view history = "/mweb/v1/get_history_by_ids";
inline constexpr std::string_view model_config = "/mweb/v1/get_common_config";
inline constexpr std::string_view video_model_config = "/mweb/v1/video_generate/get_common_config";
inline constexpr std::string_view image_by_uri = "/mweb/v1/get_image_by_uri";
inline constexpr std::string_view asset_list = "/mweb/v1/get_asset_list";  // past work (§8)
inline constexpr std::string_view credit = "/commerce/v1/benefits/user_credit";
inline constexpr std::string_view credit_history = "/commerce/v1/benefits/user_credit_history";
inline constexpr std::string_view upload_token = "/mweb/v1/get_upload_token";
inline constexpr std::string_view account = "/passport/account/info/v2";  // who is logged in (data.user_id)
}  // namespace path

// Values the page knows better than we do (they drift: protocol §3); defaults are the 2026 capture's.
struct Session {
  std::string web_id;  // empty: the `webId` parameter is left out
  std::string da_version = "3.3.9";
  std::string web_version = "7.5.0";
  std::string app_version = "8.4.0";
};

// Which query string an endpoint carries.
enum class QueryStyle {
  generate,  // the full one, with os and web_component_open_flag
  mweb,      // the generate one minus os and web_component_open_flag
  none,      // commerce endpoints
  passport,  // account_sdk_source=web only
};

// {method, path, url, query, headers, referrer, body}. `now_ms` is the caller's clock.
ojson make_request(std::string_view path, QueryStyle style, const ojson& body, const Session& session, std::int64_t now_ms);

std::string percent_encode(std::string_view value);

}  // namespace jimeng
