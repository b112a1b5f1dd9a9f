// Video models (protocol §7.1, §7.4): what each offers and how its submits are billed. The live catalogue
// (get_common_config with scene generate_video, parse_video_models) is authoritative; the built-in table
// holds Seedance 2.0 as captured, the fallback when the caller has none.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/input.hpp"

namespace jimeng {

struct VideoModel {
  std::string key;                                                         // model_req_key = extend.root_model
  std::string name;                                                        // as shown on the site
  std::vector<int> durations;                                              // seconds offered (the catalogue's frames / 24)
  std::vector<std::string> ratios;                                         // "16:9", …
  std::vector<std::string> resolutions;                                    // "720p", …; the first is the default
  bool text = true, first_frame = false, end_frame = false, omni = false;  // input modes it takes
  int max_images = 0;                                                      // 全能参考 image materials
  int max_materials = 0;                                                   // materials of every kind together
  std::string benefit_type;                                                // commercial_config.default
  std::map<std::string, std::string> benefit_by_resolution;                // commercial_config.format_conf
  const std::string& benefit_for(const std::string& resolution) const;
};

const std::vector<VideoModel>& builtin_video_models();
const VideoModel* find_video_model(const std::vector<VideoModel>& models, std::string_view key);
// Whether a ratio label is one a video may have (the catalogue's video_aspect_ratio values).
bool is_video_ratio(std::string_view label);

// Catalogue entries as the caller keeps them: {kind:"video", key, name, durations, ratios, resolutions,
// inputModes, maxImages, maxMaterials, benefitType, benefitTypes{resolution: type}}.
json video_model_to_json(const VideoModel& m);
std::optional<VideoModel> video_model_from_json(const json& j);
// The caller's `models`, video entries only; when it has none, the built-in table (or none: Dreamina's).
std::vector<VideoModel> read_video_models(const json& in, bool builtin_fallback = true);

}  // namespace jimeng
