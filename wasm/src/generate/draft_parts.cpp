// Pieces every draft builder shares (text-to-image, blend, upscale).
#include <cmath>

#include "base/text.hpp"
#include "generate/builders.hpp"

namespace jimeng {

std::optional<std::int64_t> as_integer(const json& v) {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9e15) return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

Result<std::vector<Model>> read_models(const json& in) {
  const auto it = in.find("models");
  if (it == in.end() || it->is_null()) return builtin_models();
  if (!it->is_array()) return invalid_input("models", "models_invalid", "models must be a list");
  std::vector<Model> models;
  for (const auto& m : *it)
    if (auto parsed = model_from_json(m)) models.push_back(std::move(*parsed));
  if (models.empty()) return builtin_models();  // a catalogue we cannot read is no catalogue
  return models;
}

bool plain_uri(std::string_view uri) {
  if (uri.empty() || uri.size() > kMaxUriChars) return false;
  for (unsigned char c : uri)
    if (c <= ' ' || c == 0x7f || c == '"' || c == '\\') return false;
  return true;
}

Result<std::int64_t> read_seed(const json& in, Entropy& rng, bool* given, std::int64_t max) {
  const std::int64_t random = std::int64_t(rng.next() % std::uint64_t(max + 1));
  if (given) *given = false;
  const auto it = in.find("seed");
  if (it == in.end() || it->is_null()) return random;
  const auto n = as_integer(*it);
  if (!n || *n < 0 || *n > max)
    return invalid_input("seed", "seed_invalid", "seed must be a whole number from 0 to " + std::to_string(max));
  if (given) *given = true;
  return *n;
}

Result<std::int64_t> read_workspace_id(const json& in) {
  const auto it = in.find("workspaceId");
  if (it == in.end() || it->is_null()) return std::int64_t{0};
  const auto n = as_integer(*it);
  if (!n || *n < 0) return invalid_input("workspaceId", "workspace_invalid", "workspaceId must be a workspace's number");
  return *n;
}

Result<std::string> read_submit_id(const json& in, Entropy& rng) {
  const auto it = in.find("submitId");
  if (it == in.end() || it->is_null()) return rng.uuid();
  if (!it->is_string() || !is_uuid(it->get_ref<const std::string&>()))
    return invalid_input("submitId", "submit_id_invalid", "submitId must be a uuid");
  return ascii_lower(it->get<std::string>());
}

ojson draft_node(Entropy& rng) { return ojson{{"type", ""}, {"id", rng.uuid()}}; }

// Key by key rather than one initializer list: nlohmann makes far less code of it.
ojson uploaded_image(const std::string& uri, int width, int height, std::string_view format, Entropy& rng) {
  ojson image = ojson::object();
  image["type"] = "image";
  image["id"] = rng.uuid();
  image["source_from"] = "upload";
  image["platform_type"] = 1;
  image["name"] = "";
  image["image_uri"] = uri;
  image["width"] = width;
  image["height"] = height;
  image["format"] = format;
  image["uri"] = uri;
  return image;
}

ojson draft_metadata(Entropy& rng, std::int64_t now_ms) {
  ojson metadata = draft_node(rng);
  metadata["created_platform"] = 3;
  metadata["created_platform_version"] = "";
  metadata["created_time_in_ms"] = std::to_string(now_ms);
  metadata["created_did"] = "";
  return metadata;
}

std::string metrics_text(const std::string& model, const std::string& resolution, int count, ojson ability_list,
                         const std::string& submit_id, bool with_scene) {
  ojson report = ojson::object();  // key by key: an initializer list costs far more code
  report["enterSource"] = "generate";
  report["vipSource"] = "generate";
  report["extraVipFunctionKey"] = model + "-" + resolution;
  report["useVipFunctionDetailsReporterHoc"] = true;
  ojson option = ojson::object();
  option["type"] = "image";
  option["scene"] = "ImageBasicGenerate";
  option["modelReqKey"] = model;
  option["resolutionType"] = resolution;
  option["abilityList"] = std::move(ability_list);
  option["benefitCount"] = count;
  option["reportParams"] = std::move(report);
  const ojson scene = ojson::array({std::move(option)});
  ojson m = ojson::object();
  m["promptSource"] = "custom";
  m["generateCount"] = 1;
  m["enterFrom"] = "click";
  m["position"] = "page_bottom_box";
  if (with_scene) m["sceneOptions"] = scene.dump();
  m["isBoxSelect"] = false;
  m["isCutout"] = false;
  m["generateId"] = submit_id;
  m["isRegenerate"] = false;
  return m.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

// Key by key, not one initializer list each: such a list costs over a kilobyte of wasm.
std::string image_draft_text(const std::string& component_id, std::string_view component_min, std::string_view draft_min,
                             std::string_view generate_type, ojson metadata, ojson abilities, std::string_view version,
                             Entropy& rng) {
  ojson component = ojson::object();
  component["type"] = "image_base_component";
  component["id"] = component_id;
  component["min_version"] = component_min;
  component["aigc_mode"] = "workbench";
  component["metadata"] = std::move(metadata);
  component["generate_type"] = generate_type;
  component["abilities"] = std::move(abilities);
  ojson draft = ojson::object();
  draft["type"] = "draft";
  draft["id"] = rng.uuid();
  draft["min_version"] = draft_min;
  draft["min_features"] = ojson::array();
  draft["is_from_tsn"] = true;
  draft["version"] = version;
  draft["main_component_id"] = component_id;
  draft["component_list"] = ojson::array();
  draft["component_list"].push_back(std::move(component));
  return draft.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

}  // namespace jimeng
