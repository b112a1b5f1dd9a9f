// 超清 (normal_hd) and 智能超清 (pro_hd) of one finished image (protocol §4.5): the same generate endpoint with
// a post-edit draft naming the source image by its uri. The result is a new task with its own submit_id; the
// job says which image it came from, so views can show the pair.
#include <algorithm>

#include "base/text.hpp"
#include "generate/builders.hpp"

namespace jimeng {
namespace {

constexpr std::string_view kPostEditVersion = "3.2.9";
constexpr int kTargetEdge = 4096;  // 2k → 4k: the long edge of the result

struct Tool {
  std::string_view name;
  int generate_type;
};
constexpr Tool kTools[] = {{"normal_hd", 13}, {"pro_hd", 35}};

struct Source {
  std::string submit_id, uri, prompt, model;
  int index = 0, width = 0, height = 0, ratio = 1;
  std::int64_t seed = 0;  // the original's, so download names keep it
};

int number(const json& o, const char* key) {
  const auto it = o.find(key);
  const auto n = it != o.end() ? as_integer(*it) : std::nullopt;
  return n && *n >= 0 && *n <= 100000 ? int(*n) : 0;
}

Result<Source> read_source(const json& up) {
  const auto it = up.find("source");
  if (it == up.end() || !it->is_object())
    return invalid_input("upscale", "upscale_source_invalid", "upscale needs the source image (upscale.source)");
  const json& src = *it;
  Source s{text_at(src, "submitId"), text_at(src, "uri"), text_at(src, "prompt"), text_at(src, "model")};
  s.index = number(src, "index");
  s.width = number(src, "width");
  s.height = number(src, "height");
  s.ratio = std::clamp(number(src, "ratio"), 1, kRatioCount);
  if (const auto seed = src.find("seed"); seed != src.end())
    if (const auto n = as_integer(*seed); n && *n >= 0 && *n <= 2147483647) s.seed = *n;
  // Only a finished image has a uri and a size; the job's own state says whether it finished.
  if (text_at(src, "state") != "done" || s.uri.empty() || s.width == 0 || s.height == 0)
    return invalid_input("upscale", "upscale_not_finished", "only a finished image can be upscaled");
  if (std::max(s.width, s.height) >= kTargetEdge)
    return invalid_input("upscale", "upscale_already_4k",
                         "this image is already " + std::to_string(s.width) + "×" + std::to_string(s.height) + ", 4K or more");
  if (s.model.empty()) return invalid_input("upscale", "upscale_source_invalid", "the source image's model is unknown");
  return s;
}

}  // namespace

Result<ojson> build_upscale_request(const json& in) {
  const json& up = in.at("upscale");
  if (!up.is_object()) return invalid_input("upscale", "upscale_invalid", "upscale must be {kind, source}");
  const std::string kind = up.contains("kind") && up["kind"].is_string() ? up["kind"].get<std::string>() : "normal_hd";
  const Tool* tool = nullptr;
  for (const Tool& t : kTools)
    if (t.name == kind) tool = &t;
  if (!tool) return invalid_input("upscale", "upscale_kind_invalid", "upscale kind must be normal_hd or pro_hd");
  auto source = read_source(up);
  if (auto e = error_of(source)) return *e;
  const Source& src = std::get<Source>(source);

  auto models = read_models(in);
  if (auto e = error_of(models)) return *e;
  const Model* model = find_model(std::get<std::vector<Model>>(models), src.model);
  if (tool->generate_type == 35 && !(model && model->pro_hd))
    return invalid_input("upscale", "upscale_kind_unsupported",
                         (model ? model->name : src.model) + " offers 超清 but not 智能超清");
  auto rng_r = Entropy::from_input(in);
  if (auto e = error_of(rng_r)) return *e;
  Entropy& rng = std::get<Entropy>(rng_r);
  auto now = read_now(in);
  if (auto e = error_of(now)) return *e;
  auto session = read_session(in);
  if (auto e = error_of(session)) return *e;
  const std::int64_t now_ms = std::get<std::int64_t>(now);
  std::string submit_id = rng.uuid();
  if (const auto it = in.find("submitId"); it != in.end() && !it->is_null()) {
    if (!it->is_string() || !is_uuid(it->get_ref<const std::string&>()))
      return invalid_input("submitId", "submit_id_invalid", "submitId must be a uuid");
    submit_id = ascii_lower(it->get<std::string>());
  }
  const int long_edge = std::max(src.width, src.height);
  const int width = int(std::int64_t(src.width) * kTargetEdge / long_edge);
  const int height = int(std::int64_t(src.height) * kTargetEdge / long_edge);

  const std::string component_id = rng.uuid();
  ojson metadata = draft_metadata(rng, now_ms);
  ojson large = draft_node(rng);
  large["height"] = height;
  large["width"] = width;
  large["resolution_type"] = "4k";
  ojson core = draft_node(rng);
  core["model"] = src.model;
  core["prompt"] = src.prompt;
  core["sample_strength"] = 0.5;
  core["image_ratio"] = src.ratio;
  core["large_image_info"] = std::move(large);
  ojson origin = ojson::object();
  origin["type"] = "image";
  origin["id"] = rng.uuid();
  origin["image_uri"] = src.uri;
  origin["uri"] = src.uri;
  origin["width"] = src.width;
  origin["height"] = src.height;
  origin["format"] = "";
  ojson postedit = draft_node(rng);
  postedit["generate_type"] = tool->generate_type;
  postedit["origin_image"] = std::move(origin);
  if (tool->generate_type == 35) postedit["hd_scene_type"] = "auto";
  ojson edit = draft_node(rng);
  edit["min_version"] = kPostEditVersion;
  edit["min_features"] = ojson::array();
  edit["core_param"] = std::move(core);
  edit["postedit_param"] = std::move(postedit);
  ojson gen_option = draft_node(rng);
  gen_option["generate_all"] = false;
  gen_option["gen_count"] = 1;
  ojson abilities = draft_node(rng);
  abilities[std::string(tool->name)] = std::move(edit);
  abilities["gen_option"] = std::move(gen_option);
  const std::string draft = image_draft_text(component_id, kPostEditVersion, kPostEditVersion, tool->name, std::move(metadata),
                                             std::move(abilities), std::get<Session>(session).da_version, rng);

  ojson body = ojson::object();
  body["extend"] = {{"root_model", src.model}};
  body["submit_id"] = submit_id;
  body["metrics_extra"] = metrics_text(src.model, "4k", 1, ojson::array(), submit_id);
  body["draft_content"] = draft;
  body["http_common_info"] = {{"aid", std::get<Session>(session).site->aid}};

  ojson out = ojson::object();
  out["request"] = make_request(path::generate, QueryStyle::generate, body, std::get<Session>(session), now_ms);
  ojson parent = ojson::object();
  parent["submitId"] = src.submit_id;
  parent["index"] = src.index;
  parent["uri"] = src.uri;
  ojson job = ojson::object();
  job["submitId"] = submit_id;
  job["upscale"] = tool->name;
  job["parent"] = std::move(parent);
  job["prompt"] = src.prompt;
  job["negativePrompt"] = "";
  job["model"] = src.model;
  job["modelName"] = model ? model->name : src.model;
  job["ratio"] = src.ratio;
  job["ratioLabel"] = ratio_label(src.ratio);
  job["intelligentRatio"] = false;
  job["resolution"] = "4k";
  job["width"] = width;
  job["height"] = height;
  job["count"] = 1;
  job["seed"] = src.seed;
  job["sampleStrength"] = 0.5;
  out["job"] = std::move(job);
  return out;
}

}  // namespace jimeng
