#include "protocol/request.hpp"

#include "protocol/sign.hpp"

namespace jimeng {
namespace {

ojson make_query(QueryStyle style, const Session& s) {
  ojson q = ojson::object();
  if (style == QueryStyle::none) return q;
  if (style == QueryStyle::passport) return ojson{{"account_sdk_source", "web"}};
  q["aid"] = std::to_string(kAid);
  q["device_platform"] = "web";
  q["region"] = "cn";
  if (!s.web_id.empty()) q["webId"] = s.web_id;
  q["da_version"] = s.da_version;
  if (style == QueryStyle::generate) {
    q["os"] = "windows";
    q["web_component_open_flag"] = "1";
  }
  q["web_version"] = s.web_version;
  q["aigc_features"] = "app_lip_sync";
  return q;
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

ojson make_request(std::string_view path, QueryStyle style, const ojson& body, const Session& session, std::int64_t now_ms) {
  const ojson query = make_query(style, session);
  std::string url = std::string(kOrigin) + std::string(path);
  char sep = '?';
  for (const auto& [k, v] : query.items()) {
    url.push_back(sep);
    url += percent_encode(k) + "=" + percent_encode(v.get<std::string>());
    sep = '&';
  }
  const std::int64_t device_time = seconds_of(now_ms);
  ojson headers = ojson::object();
  headers["accept"] = "application/json, text/plain, */*";
  headers["content-type"] = "application/json";
  headers["appid"] = std::to_string(kAid);
  headers["appvr"] = session.app_version;
  headers["pf"] = std::string(kPlatform);
  headers["app-sdk-version"] = "48.0.0";
  headers["lan"] = "zh-Hans";
  headers["loc"] = "cn";
  headers["device-time"] = std::to_string(device_time);
  headers["sign"] = sign(path, device_time, session.app_version);
  headers["sign-ver"] = "1";
  headers["tdid"] = "";

  ojson req = ojson::object();
  req["method"] = "POST";
  req["path"] = path;
  req["url"] = url;
  req["query"] = query;
  req["headers"] = headers;
  req["referrer"] = kReferer;
  req["body"] = body.dump(-1, ' ', false, ojson::error_handler_t::replace);
  return req;
}

}  // namespace jimeng
