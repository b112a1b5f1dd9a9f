// The request envelope shared by every endpoint (protocol §3): query string, headers, sign.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "base/input.hpp"
#include "protocol/site.hpp"

namespace jimeng {

namespace path {
inline constexpr std::string_view generate = "/mweb/v1/aigc_draft/generate";
inline constexpr std::string_view history = "/mweb/v1/get_history_by_ids";
inline constexpr std::string_view model_config = "/mweb/v1/get_common_config";
inline constexpr std::string_view video_model_config = "/mweb/v1/video_generate/get_common_config";
inline constexpr std::string_view image_by_uri = "/mweb/v1/get_image_by_uri";
inline constexpr std::string_view asset_list = "/mweb/v1/get_asset_list";            // past work (§8)
inline constexpr std::string_view local_item_list = "/mweb/v1/get_local_item_list";  // a video's file (§9.6)
inline constexpr std::string_view credit = "/commerce/v1/benefits/user_credit";
inline constexpr std::string_view credit_receive = "/commerce/v1/benefits/credit_receive";  // today's free credits (§11)
inline constexpr std::string_view credit_history = "/commerce/v1/benefits/user_credit_history";
inline constexpr std::string_view upload_token = "/mweb/v1/get_upload_token";
inline constexpr std::string_view queue_info = "/mweb/v1/get_history_queue_info";
inline constexpr std::string_view update_settings = "/mweb/v1/update_settings";  // Dreamina's AIGC consent (§9.5)
inline constexpr std::string_view account = "/passport/account/info/v2";         // who is logged in (data.user_id)
}  // namespace path

// Values the page knows better than we do (they drift: protocol §3); defaults are the 2026 capture's.
// On Dreamina the page also says where the account's cluster is and who the device and account are (§9.1,
// §9.4): nothing of that is guessed.
struct Session {
  const Site* site = &kJimeng;
  std::string web_id;  // empty: the `webId` parameter is left out (always on Dreamina)
  std::string da_version = "3.3.9";
  std::string web_version = "7.5.0";
  std::string app_version = "8.4.0";
  std::string api_origin, commerce_origin;  // Dreamina: the account's cluster's hosts, as the page calls them
  std::string region, loc, store_country, lan, did;
  bool dreamina() const { return site == &kDreamina; }
};

// Which query string an endpoint carries.
enum class QueryStyle {
  generate,  // the full one, with os and web_component_open_flag
  mweb,      // the generate one minus os and web_component_open_flag
  brief,     // queue info, upload token, past work: on Dreamina aid, web_version, da_version, aigc_features (§9.3)
  none,      // commerce endpoints
  passport,  // account_sdk_source=web only
};

// {method, path, url, query, headers, referrer, body}. `now_ms` is the caller's clock.
ojson make_request(std::string_view path, QueryStyle style, const ojson& body, const Session& session, std::int64_t now_ms);

std::string percent_encode(std::string_view value);

}  // namespace jimeng
