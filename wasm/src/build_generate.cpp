// Text-to-image submit (protocol §4): validates the caller's choices against the model catalogue and builds
// the body the web app sends, with the image count where the service reads it (gen_option.gen_count).
#include <cmath>

#include "builders.hpp"
#include "input.hpp"
#include "text.hpp"

namespace jimeng {
namespace {

constexpr std::size_t kMaxPromptChars = 800;   // the web app's prompt box counter stops at 800
constexpr std::int64_t kMaxSeed = 2147483647;  // non-negative signed 32-bit
constexpr std::string_view kDefaultModel = "high_aes_general_v40";
constexpr std::string_view kDraftMinVersion = "3.0.2";

struct Params {
  std::string prompt, negative_prompt;
  const Model* model = nullptr;
  int ratio = 1;
  bool intelligent_ratio = false;
  std::string resolution;
  Size size;
  int count = 4;
  std::int64_t seed = 0;
  double strength = 0.5;
  std::string submit_id;
};

Result<std::string> read_text(const json& in, const char* key, bool required) {
  const auto it = in.find(key);
  if (it == in.end() || it->is_null()) {
    if (required) return invalid_input(key, std::string(key) + "_empty", std::string(key) + " is empty");
    return std::string();
  }
  if (!it->is_string()) return invalid_input(key, std::string(key) + "_invalid", std::string(key) + " must be text");
  std::string text = trim_space(it->get_ref<const std::string&>());
  if (required && text.empty()) return invalid_input(key, std::string(key) + "_empty", std::string(key) + " is empty");
  if (count_code_points(text) > kMaxPromptChars)
    return invalid_input(key, std::string(key) + "_too_long",
                         std::string(key) + " is longer than " + std::to_string(kMaxPromptChars) + " characters");
  return text;
}

// Integers arrive as JSON numbers; 3.0 is accepted as 3, 3.5 is not.
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

std::optional<Error> read_choices(const json& in, const std::vector<Model>& models, Params& p) {
  std::string key(kDefaultModel);
  if (const auto it = in.find("model"); it != in.end() && !it->is_null()) {
    if (!it->is_string()) return invalid_input("model", "model_invalid", "model must be a model key");
    key = it->get<std::string>();
  }
  p.model = find_model(models, key);
  if (!p.model) return invalid_input("model", "model_unknown", "unknown model: " + key);

  if (const auto it = in.find("ratio"); it != in.end() && !it->is_null()) {
    std::optional<int> code;
    if (it->is_string()) code = ratio_code(it->get_ref<const std::string&>());
    else if (const auto n = as_integer(*it); n && *n >= 1 && *n <= kRatioCount) code = int(*n);
    if (!code) return invalid_input("ratio", "ratio_invalid", "ratio must be one of 1:1 3:4 16:9 4:3 9:16 2:3 3:2 21:9 (or 1-8)");
    p.ratio = *code;
  }
  if (const auto it = in.find("intelligentRatio"); it != in.end() && !it->is_null()) {
    if (!it->is_boolean())
      return invalid_input("intelligentRatio", "intelligent_ratio_invalid", "intelligentRatio must be true or false");
    p.intelligent_ratio = it->get<bool>();
    if (p.intelligent_ratio && !p.model->intelligent_ratio)
      return invalid_input("intelligentRatio", "intelligent_ratio_unsupported",
                           p.model->name + " cannot choose the ratio itself");
  }

  p.resolution = p.model->resolutions.count("2k") ? "2k" : p.model->resolutions.begin()->first;
  if (const auto it = in.find("resolution"); it != in.end() && !it->is_null()) {
    if (!it->is_string()) return invalid_input("resolution", "resolution_invalid", "resolution must be text such as 2k");
    p.resolution = ascii_lower(it->get<std::string>());
    if (!p.model->resolutions.count(p.resolution)) {
      std::string offered;
      for (const auto& [name, _] : p.model->resolutions) offered += (offered.empty() ? "" : ", ") + name;
      return invalid_input("resolution", "resolution_unsupported",
                           p.model->name + " does not offer " + p.resolution + " (offers " + offered + ")");
    }
  }
  const SizeTable& sizes = p.model->resolutions.at(p.resolution);
  const auto size = sizes.find(p.ratio);
  if (size == sizes.end())
    return invalid_input("ratio", "ratio_unsupported",
                         p.model->name + " has no " + std::string(ratio_label(p.ratio)) + " size at " + p.resolution);
  p.size = size->second;

  p.count = p.model->counts.back() >= 4 ? 4 : p.model->counts.back();
  if (const auto it = in.find("count"); it != in.end() && !it->is_null()) {
    const auto n = as_integer(*it);
    bool allowed = false;
    for (int c : p.model->counts) allowed = allowed || (n && *n == c);
    if (!allowed)
      return invalid_input("count", "count_unsupported",
                           p.model->name + " makes " + std::to_string(p.model->counts.front()) + " to " +
                               std::to_string(p.model->counts.back()) + " images");
    p.count = int(*n);
  }
  return std::nullopt;
}

std::optional<Error> read_numbers(const json& in, Entropy& rng, Params& p) {
  p.seed = std::int64_t(rng.next() % std::uint64_t(kMaxSeed + 1));
  if (const auto it = in.find("seed"); it != in.end() && !it->is_null()) {
    const auto n = as_integer(*it);
    if (!n || *n < 0 || *n > kMaxSeed)
      return invalid_input("seed", "seed_invalid", "seed must be a whole number from 0 to 2147483647");
    p.seed = *n;
  }
  if (const auto it = in.find("sampleStrength"); it != in.end() && !it->is_null()) {
    if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < 0 || it->get<double>() > 1)
      return invalid_input("sampleStrength", "strength_invalid", "sampleStrength must be between 0 and 1");
    p.strength = it->get<double>();
  }
  if (const auto it = in.find("submitId"); it != in.end() && !it->is_null()) {
    if (!it->is_string() || !is_uuid(it->get_ref<const std::string&>()))
      return invalid_input("submitId", "submit_id_invalid", "submitId must be a uuid");
    p.submit_id = ascii_lower(it->get<std::string>());
  } else {
    p.submit_id = rng.uuid();
  }
  return std::nullopt;
}

// The `"type":""` + `id` pair every draft node carries.
ojson node(Entropy& rng) { return ojson{{"type", ""}, {"id", rng.uuid()}}; }

std::string draft_content(const Params& p, const Session& s, std::int64_t now_ms, Entropy& rng) {
  const std::string component_id = rng.uuid();
  ojson metadata = node(rng);
  metadata["created_platform"] = 3;
  metadata["created_platform_version"] = "";
  metadata["created_time_in_ms"] = std::to_string(now_ms);
  metadata["created_did"] = "";

  ojson large = node(rng);
  large["height"] = p.size.height;
  large["width"] = p.size.width;
  large["resolution_type"] = p.resolution;

  ojson core = node(rng);
  core["model"] = p.model->key;
  core["prompt"] = p.prompt;
  core["negative_prompt"] = p.negative_prompt;
  core["seed"] = p.seed;
  core["sample_strength"] = p.strength;
  core["image_ratio"] = p.ratio;
  core["large_image_info"] = large;
  core["intelligent_ratio"] = p.intelligent_ratio;
  core["generate_type"] = 0;

  ojson generate = node(rng);
  generate["core_param"] = core;
  ojson gen_option = node(rng);
  gen_option["generate_all"] = false;
  gen_option["gen_count"] = p.count;  // the only place the service reads the image count
  ojson abilities = node(rng);
  abilities["generate"] = generate;
  abilities["gen_option"] = gen_option;

  ojson component = {{"type", "image_base_component"}, {"id", component_id},   {"min_version", kDraftMinVersion},
                     {"aigc_mode", "workbench"},       {"metadata", metadata}, {"generate_type", "generate"},
                     {"abilities", abilities}};
  ojson draft = {{"type", "draft"},
                 {"id", rng.uuid()},
                 {"min_version", kDraftMinVersion},
                 {"min_features", ojson::array()},
                 {"is_from_tsn", true},
                 {"version", s.da_version},
                 {"main_component_id", component_id},
                 {"component_list", ojson::array({component})}};
  return draft.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

// Telemetry that is also read for billing hints: the keys, in order, of the 2026 web app (protocol §4).
// `sceneOptions` is itself JSON text inside this JSON text.
std::string metrics_extra(const Params& p) {
  const ojson scene = ojson::array({ojson{{"type", "image"},
                                          {"scene", "ImageBasicGenerate"},
                                          {"modelReqKey", p.model->key},
                                          {"resolutionType", p.resolution},
                                          {"abilityList", ojson::array()},
                                          {"benefitCount", p.count},
                                          {"reportParams",
                                           {{"enterSource", "generate"},
                                            {"vipSource", "generate"},
                                            {"extraVipFunctionKey", p.model->key + "-" + p.resolution},
                                            {"useVipFunctionDetailsReporterHoc", true}}}}});
  const ojson m = {
      {"promptSource", "custom"},     {"generateCount", 1},   {"enterFrom", "click"}, {"position", "page_bottom_box"},
      {"sceneOptions", scene.dump()}, {"isBoxSelect", false}, {"isCutout", false},    {"generateId", p.submit_id},
      {"isRegenerate", false}};
  return m.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

}  // namespace

Result<ojson> build_generate_request(const json& in) {
  Params p;
  auto prompt = read_text(in, "prompt", true);
  if (auto e = error_of(prompt)) return *e;
  p.prompt = std::get<std::string>(prompt);
  auto negative = read_text(in, "negativePrompt", false);
  if (auto e = error_of(negative)) return *e;
  p.negative_prompt = std::get<std::string>(negative);

  auto models = read_models(in);
  if (auto e = error_of(models)) return *e;
  if (auto e = read_choices(in, std::get<std::vector<Model>>(models), p)) return *e;
  auto rng = Entropy::from_input(in);
  if (auto e = error_of(rng)) return *e;
  if (auto e = read_numbers(in, std::get<Entropy>(rng), p)) return *e;
  auto now = read_now(in);
  if (auto e = error_of(now)) return *e;
  auto session = read_session(in);
  if (auto e = error_of(session)) return *e;
  const Session& s = std::get<Session>(session);
  const std::int64_t now_ms = std::get<std::int64_t>(now);

  ojson body = ojson::object();
  body["extend"] = {{"root_model", p.model->key}};
  body["submit_id"] = p.submit_id;
  body["metrics_extra"] = metrics_extra(p);
  body["draft_content"] = draft_content(p, s, now_ms, std::get<Entropy>(rng));
  body["http_common_info"] = {{"aid", kAid}};

  ojson out = ojson::object();
  out["request"] = make_request(path::generate, QueryStyle::generate, body, s, now_ms);
  out["job"] = {{"submitId", p.submit_id},
                {"prompt", p.prompt},
                {"negativePrompt", p.negative_prompt},
                {"model", p.model->key},
                {"modelName", p.model->name},
                {"ratio", p.ratio},
                {"ratioLabel", ratio_label(p.ratio)},
                {"intelligentRatio", p.intelligent_ratio},
                {"resolution", p.resolution},
                {"width", p.size.width},
                {"height", p.size.height},
                {"count", p.count},
                {"seed", p.seed},
                {"sampleStrength", p.strength}};
  return out;
}

}  // namespace jimeng
