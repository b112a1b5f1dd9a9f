#include "protocol/request.hpp"

#include "base/text.hpp"
#include "protocol/sign.hpp"

namespace jimeng {
namespace {

// The page's query strings, in the page's order (§3, §9.3); the page's anti-bot script appends its own.
ojson make_query(QueryStyle style, const Session& s) {
  ojson q = ojson::object();
  if (style == QueryStyle::none) return q;
  if (style == QueryStyle::passport) return ojson{{"account_sdk_source", "web"}};
  q["aid"] = std::to_string(s.site->aid);
  if (s.dreamina() && style == QueryStyle::brief) {
    q["web_version"] = s.web_version;
    q["da_version"] = s.da_version;
    q["aigc_features"] = "app_lip_sync";
    return q;
  }
  q["device_platform"] = "web";
  q["region"] = s.dreamina() ? s.region : "cn";
  if (!s.web_id.empty() && !s.dreamina()) q["webId"] = s.web_id;
  q["da_version"] = s.da_version;
  if (style == QueryStyle::generate) {
    q["os"] = "windows";
    q["web_component_open_flag"] = "1";
    if (s.dreamina()) q["commerce_with_input_video"] = "1";
  }
  q["web_version"] = s.web_version;
  q["aigc_features"] = "app_lip_sync";
  return q;
}

// Jimeng's headers (§3), in its order.
ojson jimeng_headers(std::string_view path, const Session& s, std::int64_t device_time) {
  ojson h = ojson::object();
  h["accept"] = "application/json, text/plain, */*";
  h["content-type"] = "application/json";
  h["appid"] = std::to_string(s.site->aid);
  h["appvr"] = s.app_version;
  h["pf"] = std::string(kPlatform);
  h["app-sdk-version"] = "48.0.0";
  h["lan"] = s.site->lan;
  h["loc"] = s.site->loc;
  h["device-time"] = std::to_string(device_time);
  h["sign"] = sign(path, device_time, s.app_version);
  h["sign-ver"] = "1";
  h["tdid"] = "";
  return h;
}

// Dreamina's (§9.4), in the page's order: the page's `did` and `lan`, the account's country; on the commerce
// calls `lan` upper-cased, no `loc` and no app-sdk-version. No header the page does not send.
ojson dreamina_headers(std::string_view path, bool commerce, const Session& s, std::int64_t device_time) {
  ojson h = ojson::object();
  if (!commerce) h["app-sdk-version"] = "48.0.0";
  h["appid"] = std::to_string(s.site->aid);
  h["appvr"] = s.app_version;
  h["pf"] = std::string(kPlatform);
  h["sign"] = sign(path, device_time, s.app_version);
  h["sign-ver"] = "1";
  h["device-time"] = std::to_string(device_time);
  h["tdid"] = "";
  h["content-type"] = "application/json";
  h["did"] = s.did;
  h["lan"] = commerce ? ascii_upper(s.lan) : s.lan;
  if (!commerce) h["loc"] = s.loc;
  h["store-country-code"] = s.store_country;
  h["store-country-code-src"] = "uid";
  return h;
}

// Floor division: a clock before 1970 is nonsense, but must not make a second off by one.
std::int64_t seconds_of(std::int64_t ms) { return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000); }

}  // namespace

std::string percent_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (unsigned char c : value) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                            c == '.' || c == '~';
    if (unreserved) {
      out.push_back(char(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// Jimeng's API is on its page's origin; Dreamina's on the account's cluster (commerce calls on its own host).
static std::string origin_for(QueryStyle style, const Session& s) {
  if (s.site->page_hosts_api || style == QueryStyle::passport) return std::string(s.site->page);
  return style == QueryStyle::none ? s.commerce_origin : s.api_origin;
}

ojson make_request(std::string_view path, QueryStyle style, const ojson& body, const Session& session, std::int64_t now_ms) {
  const ojson query = make_query(style, session);
  std::string url = origin_for(style, session) + std::string(path);
  char sep = '?';
  for (const auto& [k, v] : query.items()) {
    url.push_back(sep);
    url += percent_encode(k) + "=" + percent_encode(v.get<std::string>());
    sep = '&';
  }
  const std::int64_t device_time = seconds_of(now_ms);
  ojson req = ojson::object();
  req["method"] = "POST";
  req["path"] = path;
  req["url"] = url;
  req["query"] = query;
  req["headers"] = session.dreamina() ? dreamina_headers(path, style == QueryStyle::none, session, device_time)
                                      : jimeng_headers(path, session, device_time);
  req["referrer"] = session.site->referrer;
  req["body"] = body.dump(-1, ' ', false, ojson::error_handler_t::replace);
  return req;
}

}  // namespace jimeng
