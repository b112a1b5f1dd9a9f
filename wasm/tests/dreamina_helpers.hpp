// Shared by the Dreamina tests: the SG page's session (a VN account on the SG cluster, so country and cluster differ),
// a Seedance 2.0 Fast catalogue entry as Dreamina's catalogue gives it, and readers of a built request.
#pragma once
#include "helpers.hpp"

namespace jimeng::test::dreamina {

using ojson = nlohmann::ordered_json;

inline constexpr std::int64_t kDeviceTime = 1790786145;  // §9: generate's sign vector at this second
inline constexpr std::int64_t kAt = kDeviceTime * 1000 + 321;

inline json sg_session() {
  return {{"site", "dreamina"},
          {"apiOrigin", "https://mweb-api-sg.capcut.com"},
          {"commerceOrigin", "https://commerce-api-sg.capcut.com"},
          {"region", "SG"},
          {"loc", "VN"},
          {"storeCountry", "vn"},
          {"lan", "zh-Hant-TW"},
          {"did", "7488306417429124625"},
          {"daVersion", "3.3.12"},
          {"webVersion", "7.5.0"},
          {"appVersion", "8.4.0"}};
}

inline json seedance_fast() {
  return {{"kind", "video"},
          {"key", "dreamina_seedance_40"},
          {"name", "Seedance 2.0 Fast"},
          {"durations", {4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}},
          {"ratios", {"21:9", "16:9", "4:3", "1:1", "3:4", "9:16"}},
          {"resolutions", {"720p", "480p"}},
          {"inputModes", {"prompt", "first_frame", "end_frame", "unified_edit"}},
          {"maxImages", 9},
          {"maxMaterials", 12},
          {"benefitType", "seedance_20_fast_720p_output"},
          {"benefitTypes", {{"720p", "seedance_20_fast_720p_output"}, {"480p", "seedance_20_fast_480p_output"}}}};
}

inline json with_session(json in, const json& session = sg_session()) {
  in["session"] = session;
  in["now"] = kAt;
  return in;
}

// The request as written (key order kept), and its body and draft.
inline ojson request_of(const std::string& answer_text) { return ojson::parse(answer_text)["request"]; }
inline ojson body_of(const ojson& request) { return ojson::parse(request["body"].get<std::string>()); }
inline ojson draft_of(const ojson& request) { return ojson::parse(body_of(request)["draft_content"].get<std::string>()); }
inline std::string query_text(const ojson& request) {
  const std::string url = request["url"];
  return url.substr(url.find('?') + 1);
}

}  // namespace jimeng::test::dreamina
