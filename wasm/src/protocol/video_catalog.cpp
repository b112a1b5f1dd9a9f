#include "protocol/video_catalog.hpp"

#include <algorithm>
#include <array>

namespace jimeng {
namespace {

constexpr std::array<std::string_view, 7> kVideoRatios = {"21:9", "16:9", "4:3", "1:1", "3:4", "9:16", "3:2"};
constexpr int kMaxSeconds = 60;
constexpr int kMaxCount = 64;

std::vector<int> seconds(int from, int to) {
  std::vector<int> v;
  for (int s = from; s <= to; ++s) v.push_back(s);
  return v;
}

// A list of short texts from the caller's catalogue entry; values that are not short texts are dropped.
std::vector<std::string> texts(const json& j, const char* key) {
  std::vector<std::string> out;
  if (const auto it = j.find(key); it != j.end() && it->is_array())
    for (const auto& v : *it)
      if (v.is_string() && !v.get_ref<const std::string&>().empty() && v.get_ref<const std::string&>().size() <= 64)
        out.push_back(v.get<std::string>());
  return out;
}

std::string text(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() && it->get_ref<const std::string&>().size() <= 128 ? it->get<std::string>() : "";
}

int small_count(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return 0;
  return static_cast<int>(std::clamp<long long>(it->get<long long>(), 0, kMaxCount));
}

}  // namespace

const std::string& VideoModel::benefit_for(const std::string& resolution) const {
  const auto it = benefit_by_resolution.find(resolution);
  return it == benefit_by_resolution.end() ? benefit_type : it->second;
}

// Protocol §7.1, captured 2026-02: Seedance 2.0, 4–15 s, six ratios, 720p, every input mode, 9 images of 12
// materials.
const std::vector<VideoModel>& builtin_video_models() {
  static const std::vector<VideoModel> models = [] {
    VideoModel m;
    m.key = "dreamina_seedance_40_pro";
    m.name = "Seedance 2.0";
    m.durations = seconds(4, 15);
    m.ratios = {"21:9", "16:9", "4:3", "1:1", "3:4", "9:16"};
    m.resolutions = {"720p"};
    m.first_frame = m.end_frame = m.omni = true;
    m.max_images = 9;
    m.max_materials = 12;
    m.benefit_type = "dreamina_video_seedance_20_pro";
    return std::vector<VideoModel>{m};
  }();
  return models;
}

const VideoModel* find_video_model(const std::vector<VideoModel>& models, std::string_view key) {
  for (const auto& m : models)
    if (m.key == key) return &m;
  return nullptr;
}

bool is_video_ratio(std::string_view label) {
  return std::find(kVideoRatios.begin(), kVideoRatios.end(), label) != kVideoRatios.end();
}

json video_model_to_json(const VideoModel& m) {
  json modes = json::array();
  if (m.text) modes.push_back("prompt");
  if (m.first_frame) modes.push_back("first_frame");
  if (m.end_frame) modes.push_back("end_frame");
  if (m.omni) modes.push_back("unified_edit");
  json benefits = json::object();
  for (const auto& [resolution, type] : m.benefit_by_resolution) benefits[resolution] = type;
  // Key by key rather than one initializer list: nlohmann builds those with much more code.
  json out = json::object();
  out["kind"] = "video";
  out["key"] = m.key;
  out["name"] = m.name;
  out["durations"] = m.durations;
  out["ratios"] = m.ratios;
  out["resolutions"] = m.resolutions;
  out["inputModes"] = std::move(modes);
  out["maxImages"] = m.max_images;
  out["maxMaterials"] = m.max_materials;
  out["benefitType"] = m.benefit_type;
  out["benefitTypes"] = std::move(benefits);
  return out;
}

std::optional<VideoModel> video_model_from_json(const json& j) {
  if (!j.is_object() || text(j, "kind") != "video") return std::nullopt;
  VideoModel m;
  m.key = text(j, "key");
  if (m.key.empty()) return std::nullopt;
  m.name = text(j, "name");
  if (m.name.empty()) m.name = m.key;
  if (const auto it = j.find("durations"); it != j.end() && it->is_array())
    for (const auto& d : *it)
      if (d.is_number_integer() && d.get<long long>() >= 1 && d.get<long long>() <= kMaxSeconds)
        m.durations.push_back(d.get<int>());
  for (auto& r : texts(j, "ratios"))
    if (is_video_ratio(r)) m.ratios.push_back(std::move(r));
  m.resolutions = texts(j, "resolutions");
  const std::vector<std::string> modes = texts(j, "inputModes");
  const auto has = [&](std::string_view mode) { return std::find(modes.begin(), modes.end(), mode) != modes.end(); };
  if (!modes.empty()) {
    m.text = has("prompt");
    m.first_frame = has("first_frame");
    m.end_frame = has("end_frame");
    m.omni = has("unified_edit");
  }
  m.max_images = small_count(j, "maxImages");
  m.max_materials = small_count(j, "maxMaterials");
  m.benefit_type = text(j, "benefitType");
  if (const auto it = j.find("benefitTypes"); it != j.end() && it->is_object())
    for (const auto& [resolution, type] : it->items())
      if (type.is_string()) m.benefit_by_resolution[resolution] = type.get<std::string>();
  if (m.durations.empty() || m.ratios.empty() || m.resolutions.empty()) return std::nullopt;
  return m;
}

std::vector<VideoModel> read_video_models(const json& in, bool builtin_fallback) {
  std::vector<VideoModel> models;
  if (const auto it = in.find("models"); it != in.end() && it->is_array())
    for (const auto& entry : *it)
      if (auto m = video_model_from_json(entry)) models.push_back(std::move(*m));
  return models.empty() && builtin_fallback ? builtin_video_models() : models;
}

}  // namespace jimeng
