// Text-to-image and reference-image ("blend") submits (protocol §4, §4.3): validates the caller's choices
// against the model catalogue and builds the body the web app sends, with the image count where the service
// reads it (gen_option.gen_count). An `upscale` input goes to build_upscale.cpp (§4.5).
#include <cmath>

#include "base/input.hpp"
#include "base/text.hpp"
#include "generate/build_video.hpp"
#include "generate/builders.hpp"

namespace jimeng {
namespace {

constexpr std::string_view kDefaultModel = "high_aes_general_v40";
constexpr std::string_view kDraftMinVersion = "3.0.2";
constexpr std::string_view kMultiReferenceVersion = "3.2.9";  // drafts with two or more references

struct Reference {
  std::string uri;  // tos-cn-i-…/… from CommitImageUpload, or one of our results' image_uri
  std::string url;  // what the web app reports as the image's address in metrics_extra; the uri if none
  double strength = 0.5;
};

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
  std::vector<Reference> references;  // none: text-to-image
  std::int64_t max_seed = kMaxSeed;
  bool dreamina = false;  // §9.5: no sceneOptions in the metrics
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
  auto seed = read_seed(in, rng, nullptr, p.max_seed);
  if (auto e = error_of(seed)) return *e;
  p.seed = std::get<std::int64_t>(seed);
  if (const auto it = in.find("sampleStrength"); it != in.end() && !it->is_null()) {
    if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < 0 || it->get<double>() > 1)
      return invalid_input("sampleStrength", "strength_invalid", "sampleStrength must be between 0 and 1");
    p.strength = it->get<double>();
  }
  auto submit_id = read_submit_id(in, rng);
  if (auto e = error_of(submit_id)) return *e;
  p.submit_id = std::get<std::string>(submit_id);
  return std::nullopt;
}

// `references`: [{uri, url?, strength?}] (or plain uri strings), 1 to the model's input_image_limit.
std::optional<Error> read_references(const json& in, Params& p) {
  const auto it = in.find("references");
  if (it == in.end() || it->is_null() || (it->is_array() && it->empty())) return std::nullopt;
  if (!it->is_array()) return invalid_input("references", "references_invalid", "references must be a list of images");
  if (p.model->input_image_limit == 0)
    return invalid_input("references", "references_unsupported", p.model->name + " takes no reference images");
  if (it->size() > std::size_t(p.model->input_image_limit))
    return invalid_input("references", "references_too_many",
                         p.model->name + " takes at most " + std::to_string(p.model->input_image_limit) + " reference images (" +
                             std::to_string(it->size()) + " given)");
  for (const auto& r : *it) {
    Reference ref;
    const json* uri = r.is_string() ? &r : nullptr;
    if (r.is_object()) {
      if (const auto u = r.find("uri"); u != r.end()) uri = &*u;
      if (const auto u = r.find("url"); u != r.end() && u->is_string() && plain_uri(u->get_ref<const std::string&>()))
        ref.url = u->get<std::string>();
      if (const auto st = r.find("strength"); st != r.end() && !st->is_null()) {
        if (!st->is_number() || !std::isfinite(st->get<double>()) || st->get<double>() < 0 || st->get<double>() > 1)
          return invalid_input("references", "reference_strength_invalid", "a reference's strength must be between 0 and 1");
        ref.strength = st->get<double>();
      }
    }
    if (!uri || !uri->is_string() || !plain_uri(uri->get_ref<const std::string&>()))
      return invalid_input("references", "reference_invalid", "a reference image must be an uploaded image's uri");
    ref.uri = uri->get<std::string>();
    if (ref.url.empty()) ref.url = ref.uri;
    p.references.push_back(std::move(ref));
  }
  return std::nullopt;
}

// One byte_edit ability per reference (protocol §4.3), in the order the prompt's "##" marks refer to them.
ojson ability(const Reference& r, Entropy& rng) {
  ojson image = uploaded_image(r.uri, 0, 0, "", rng);
  ojson a = draft_node(rng);
  a["name"] = "byte_edit";
  a["image_uri_list"] = ojson::array({r.uri});
  a["image_list"] = ojson::array({image});
  a["strength"] = r.strength;
  return a;
}

ojson blend_ability(const Params& p, ojson core, Entropy& rng) {
  std::string prompt;
  for (std::size_t i = 0; i < p.references.size(); ++i) prompt += "##";
  core["prompt"] = prompt + p.prompt;
  for (const char* key : {"negative_prompt", "seed", "generate_type"}) core.erase(key);
  ojson blend = draft_node(rng);
  if (p.references.size() >= 2) blend["min_version"] = kMultiReferenceVersion;
  blend["min_features"] = ojson::array();
  blend["core_param"] = std::move(core);
  ojson abilities = ojson::array(), placeholders = ojson::array();
  for (std::size_t i = 0; i < p.references.size(); ++i) {
    abilities.push_back(ability(p.references[i], rng));
    ojson placeholder = draft_node(rng);
    placeholder["ability_index"] = i;
    placeholders.push_back(std::move(placeholder));
  }
  blend["ability_list"] = std::move(abilities);
  blend["prompt_placeholder_info_list"] = std::move(placeholders);
  ojson postedit = draft_node(rng);
  postedit["generate_type"] = 0;
  blend["postedit_param"] = std::move(postedit);
  return blend;
}

std::string draft_content(const Params& p, const Session& s, std::int64_t now_ms, Entropy& rng) {
  const std::string component_id = rng.uuid();
  ojson metadata = draft_metadata(rng, now_ms);

  ojson large = draft_node(rng);
  large["height"] = p.size.height;
  large["width"] = p.size.width;
  large["resolution_type"] = p.resolution;

  ojson core = draft_node(rng);
  core["model"] = p.model->key;
  core["prompt"] = p.prompt;
  core["negative_prompt"] = p.negative_prompt;
  core["seed"] = p.seed;
  core["sample_strength"] = p.strength;
  core["image_ratio"] = p.ratio;
  core["large_image_info"] = large;
  core["intelligent_ratio"] = p.intelligent_ratio;
  core["generate_type"] = 0;

  const bool blend = !p.references.empty();
  ojson inner;  // made before its parent: the ids come from the generator in the order they always have
  if (blend) {
    inner = blend_ability(p, std::move(core), rng);
  } else {
    inner = draft_node(rng);
    inner["core_param"] = std::move(core);
  }
  ojson gen_option = draft_node(rng);
  gen_option["generate_all"] = false;
  gen_option["gen_count"] = p.count;  // the only place the service reads the image count
  ojson abilities = draft_node(rng);
  abilities[blend ? "blend" : "generate"] = std::move(inner);
  abilities["gen_option"] = gen_option;

  // The component's min_version is the single-image one; the draft's says how many references there are.
  return image_draft_text(component_id, kDraftMinVersion, p.references.size() >= 2 ? kMultiReferenceVersion : kDraftMinVersion,
                          blend ? "blend" : "generate", std::move(metadata), std::move(abilities), s.da_version, rng);
}

std::string metrics_extra(const Params& p) {
  ojson ability_list = ojson::array();
  for (const auto& r : p.references)
    ability_list.push_back({{"abilityName", "byte_edit"}, {"strength", r.strength}, {"source", {{"imageUrl", r.url}}}});
  return metrics_text(p.model->key, p.resolution, p.count, std::move(ability_list), p.submit_id, !p.dreamina);
}

}  // namespace

Result<ojson> build_generate_request(const json& in) {
  if (const auto up = in.find("upscale"); up != in.end() && !up->is_null()) return build_upscale_request(in);
  if (wants_video(in)) return build_video_request(in);
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
  if (auto e = read_references(in, p)) return *e;
  auto session = read_session(in);
  if (auto e = error_of(session)) return *e;
  const Session& s = std::get<Session>(session);
  p.dreamina = s.dreamina();
  p.max_seed = max_seed(s);
  auto workspace = read_workspace_id(in);
  if (auto e = error_of(workspace)) return *e;
  auto rng = Entropy::from_input(in);
  if (auto e = error_of(rng)) return *e;
  if (auto e = read_numbers(in, std::get<Entropy>(rng), p)) return *e;
  auto now = read_now(in);
  if (auto e = error_of(now)) return *e;
  const std::int64_t now_ms = std::get<std::int64_t>(now);

  ojson body = ojson::object();
  body["extend"] = {{"root_model", p.model->key}};
  if (p.dreamina) body["extend"]["workspace_id"] = std::get<std::int64_t>(workspace);  // and no commerce info (§9.5)
  body["submit_id"] = p.submit_id;
  body["metrics_extra"] = metrics_extra(p);
  body["draft_content"] = draft_content(p, s, now_ms, std::get<Entropy>(rng));
  body["http_common_info"] = {{"aid", s.site->aid}};

  ojson out = ojson::object();
  out["request"] = make_request(path::generate, QueryStyle::generate, body, s, now_ms);
  ojson job = ojson::object();
  job["submitId"] = p.submit_id;
  job["prompt"] = p.prompt;
  job["negativePrompt"] = p.negative_prompt;
  job["model"] = p.model->key;
  job["modelName"] = p.model->name;
  job["ratio"] = p.ratio;
  job["ratioLabel"] = ratio_label(p.ratio);
  job["intelligentRatio"] = p.intelligent_ratio;
  job["resolution"] = p.resolution;
  job["width"] = p.size.width;
  job["height"] = p.size.height;
  job["count"] = p.count;
  job["seed"] = p.seed;
  job["sampleStrength"] = p.strength;
  out["job"] = std::move(job);
  if (!p.references.empty()) {
    ojson refs = ojson::array();
    for (const auto& r : p.references) refs.push_back({{"uri", r.uri}, {"strength", r.strength}});
    out["job"]["references"] = std::move(refs);
  }
  return out;
}

}  // namespace jimeng
