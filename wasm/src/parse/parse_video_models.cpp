// The video catalogue (protocol §7.4, captured 2025-12): data.video_data.model_list (get_agent_config) or
// data.model_list (video_generate/get_common_config). An entry: model_req_key, model_name, options[] of
// {key, enum_val{string_value[] | int_value[], default_val_idx}} for resolution, input_media_type, frames (24 a
// second), video_aspect_ratio; commercial_config{default{benefit_type}, format_conf{"720p":{benefit_type}}};
// and, as the submit answer's model_info carries it, unified_edit_config{supported_materials[{material_type
// (1 image), limit{max_count}}], max_total_count}. A model we cannot fully read is left out.
#include <algorithm>

#include "parse/parsers.hpp"
#include "protocol/video_catalog.hpp"

namespace jimeng {
namespace {

constexpr int kFramesPerSecond = 24;

// The option's values, its default first.
std::vector<const rj::Value*> option_values(const rj::Value& entry, std::string_view key) {
  std::vector<const rj::Value*> values;
  const rj::Value* options = member(&entry, "options");
  if (!options || !options->IsArray()) return values;
  for (const auto& o : options->GetArray()) {
    if (string_of(member(&o, "key")) != key) continue;
    const rj::Value* e = member(&o, "enum_val");
    const rj::Value* list = member(e, "string_value");
    if (!list || !list->IsArray()) list = member(e, "int_value");
    if (!list || !list->IsArray()) continue;
    for (const auto& v : list->GetArray()) values.push_back(&v);
    const auto d = int_of(member(e, "default_val_idx"));
    if (d && *d > 0 && std::size_t(*d) < values.size()) std::rotate(values.begin(), values.begin() + *d, values.begin() + *d + 1);
  }
  return values;
}

std::vector<std::string> texts(const std::vector<const rj::Value*>& values) {
  std::vector<std::string> out;
  for (const rj::Value* v : values)
    if (std::string s = string_of(v); !s.empty() && s.size() <= 64) out.push_back(std::move(s));
  return out;
}

void read_materials(const rj::Value& entry, VideoModel& m) {
  const rj::Value* config = member(&entry, "unified_edit_config");
  if (const rj::Value* kinds = member(config, "supported_materials"); kinds && kinds->IsArray())
    for (const auto& k : kinds->GetArray())
      if (int_of(member(&k, "material_type")) == 1)
        m.max_images = int(std::clamp<std::int64_t>(int_of(member_at(&k, {"limit", "max_count"})).value_or(0), 0, 64));
  m.max_materials = int(std::clamp<std::int64_t>(int_of(member(config, "max_total_count")).value_or(0), 0, 64));
  if (m.omni && !config) {  // offered, limits not listed: Seedance 2.0's captured ones
    m.max_images = builtin_video_models().front().max_images;
    m.max_materials = builtin_video_models().front().max_materials;
  }
}

std::optional<VideoModel> read_video_model(const rj::Value& entry) {
  VideoModel m;
  m.key = string_of(member(&entry, "model_req_key"));
  if (m.key.empty() || m.key.size() > 128) return std::nullopt;
  m.name = string_of(member(&entry, "model_name"));
  if (m.name.empty()) m.name = m.key;
  for (const rj::Value* f : option_values(entry, "frames"))
    if (auto frames = int_of(f); frames && *frames % kFramesPerSecond == 0 && *frames > 0 && *frames <= 60 * kFramesPerSecond)
      m.durations.push_back(int(*frames / kFramesPerSecond));
  std::sort(m.durations.begin(), m.durations.end());
  for (auto& r : texts(option_values(entry, "video_aspect_ratio")))
    if (is_video_ratio(r)) m.ratios.push_back(std::move(r));
  m.resolutions = texts(option_values(entry, "resolution"));
  const std::vector<std::string> modes = texts(option_values(entry, "input_media_type"));
  if (!modes.empty()) {
    const auto has = [&](std::string_view mode) { return std::find(modes.begin(), modes.end(), mode) != modes.end(); };
    m.text = has("prompt");
    m.first_frame = has("first_frame");
    m.end_frame = has("end_frame");
    m.omni = has("unified_edit");
  }
  read_materials(entry, m);
  const rj::Value* commerce = member(&entry, "commercial_config");
  m.benefit_type = string_of(member_at(commerce, {"default", "benefit_type"}));
  if (const rj::Value* conf = member(commerce, "format_conf"); conf && conf->IsObject())
    for (auto it = conf->MemberBegin(); it != conf->MemberEnd(); ++it)
      if (std::string type = string_of(member(&it->value, "benefit_type")); !type.empty())
        m.benefit_by_resolution[std::string(it->name.GetString(), it->name.GetStringLength())] = std::move(type);
  if (m.durations.empty() || m.ratios.empty() || m.resolutions.empty()) return std::nullopt;
  return m;
}

}  // namespace

Result<json> parse_video_model_config_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  auto data = open_envelope(body, ctx, doc);
  if (auto e = error_of(data)) return *e;
  const rj::Value* d = std::get<const rj::Value*>(data);
  const rj::Value* list = member_at(d, {"video_data", "model_list"});
  if (!list) list = member(d, "model_list");
  if (!list || !list->IsArray()) return malformed("no_models", "the video catalogue holds no model list");
  json models = json::array();
  for (const auto& v : list->GetArray())
    if (auto m = read_video_model(v)) models.push_back(video_model_to_json(*m));
  if (models.empty()) return malformed("no_models", "the video catalogue lists no model we can use");
  return json{{"models", std::move(models)}};
}

}  // namespace jimeng
