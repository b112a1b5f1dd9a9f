// Seedance video submits (protocol §7.2), key for key as the 2026 web app sends them: text-to-video, first
// and last frame (首尾帧, functionMode first_last_frames) and 全能参考 (omni_reference: the images as
// materials, the words in meta_list). The caller's choices are checked against the video catalogue.
#include "generate/build_video.hpp"

#include <algorithm>

#include "base/text.hpp"
#include "generate/builders.hpp"
#include "protocol/video_catalog.hpp"

namespace jimeng {
namespace {

constexpr int kFps = 24;
constexpr int kMaxSide = 16384;
constexpr std::string_view kTextMinVersion = "3.0.5";  // text and frames
constexpr std::string_view kOmniMinVersion = "3.3.9";  // 全能参考

struct ImageRef {
  std::string uri, format;
  int width = 0, height = 0;
};

struct Video {
  std::string prompt;
  const VideoModel* model = nullptr;
  std::string ratio = "16:9", resolution;
  int duration_s = 5;
  std::optional<ImageRef> first, last;
  std::vector<ImageRef> references;
  std::int64_t seed = 0;
  bool seed_given = false;
  std::string submit_id;
  VideoMode mode = VideoMode::text;
  std::int64_t max_seed = kMaxSeed;
  bool dreamina = false;  // §9.5: its scene options, aigc_image ids and material references
};

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

// ImageRef = {uri, width, height, format?}: an uploaded image or one of our results.
Result<ImageRef> read_image_ref(const json& v, const std::string& field, const char* code) {
  const auto bad = [&] {
    return invalid_input(field, code, field + " must be an image: {uri, width, height} of an uploaded image or of a result");
  };
  if (!v.is_object()) return bad();
  ImageRef r;
  r.uri = text_at(v, "uri");
  r.format = text_at(v, "format");
  if (!plain_uri(r.uri) || r.format.size() > 16) return bad();
  for (auto [key, target] : {std::pair{"width", &r.width}, std::pair{"height", &r.height}}) {
    const auto it = v.find(key);
    const auto n = it == v.end() ? std::nullopt : as_integer(*it);
    if (!n || *n < 1 || *n > kMaxSide) return bad();
    *target = static_cast<int>(*n);
  }
  return r;
}

std::optional<Error> read_frames_and_references(const json& video, Video& p) {
  for (auto [key, target] : {std::pair{"firstFrame", &p.first}, std::pair{"lastFrame", &p.last}}) {
    const auto it = video.find(key);
    if (it == video.end() || it->is_null()) continue;
    auto image = read_image_ref(*it, std::string("video.") + key, "frame_invalid");
    if (auto e = error_of(image)) return *e;
    *target = std::get<ImageRef>(image);
  }
  if (const auto it = video.find("references"); it != video.end() && !it->is_null()) {
    if (!it->is_array())
      return invalid_input("video.references", "references_invalid", "video.references must be a list of images");
    for (const auto& r : *it) {
      auto image = read_image_ref(r, "video.references", "reference_invalid");
      if (auto e = error_of(image)) return *e;
      p.references.push_back(std::get<ImageRef>(image));
    }
  }
  const VideoModel& m = *p.model;
  if (p.last && !p.first) return invalid_input("video.lastFrame", "last_frame_without_first", "a last frame needs a first frame");
  if (p.first && !p.references.empty())
    return invalid_input("video.references", "frames_with_references",
                         "全能参考 images and first/last frames cannot be used together");
  p.mode = !p.references.empty() ? VideoMode::omni : p.first ? VideoMode::frames : VideoMode::text;
  if (p.mode == VideoMode::omni && !m.omni)
    return invalid_input("video.references", "omni_unsupported", m.name + " takes no 全能参考 images");
  const int limit = std::min(m.max_images, m.max_materials > 0 ? m.max_materials : m.max_images);
  if (p.mode == VideoMode::omni && int(p.references.size()) > limit)
    return invalid_input("video.references", "references_too_many",
                         m.name + " takes at most " + std::to_string(limit) + " 全能参考 images (" +
                             std::to_string(p.references.size()) + " given)");
  if (p.first && !m.first_frame)
    return invalid_input("video.firstFrame", "first_frame_unsupported", m.name + " takes no first frame");
  if (p.last && !m.end_frame) return invalid_input("video.lastFrame", "last_frame_unsupported", m.name + " takes no last frame");
  if (p.mode == VideoMode::text && !m.text)
    return invalid_input("video", "text_unsupported", m.name + " needs a first frame or 全能参考 images");
  return std::nullopt;
}

std::optional<Error> read_video_choices(const json& in, const json& video, Video& p) {
  const VideoModel& m = *p.model;
  p.ratio = std::find(m.ratios.begin(), m.ratios.end(), "16:9") != m.ratios.end() ? "16:9" : m.ratios.front();
  if (const auto it = in.find("ratio"); it != in.end() && !it->is_null()) {
    if (!it->is_string()) return invalid_input("ratio", "ratio_invalid", "a video's ratio is text such as 16:9");
    p.ratio = it->get<std::string>();
    if (std::find(m.ratios.begin(), m.ratios.end(), p.ratio) == m.ratios.end())
      return invalid_input("ratio", "ratio_unsupported",
                           m.name + " makes no " + p.ratio + " video (offers " + joined(m.ratios) + ")");
  }
  p.duration_s = std::find(m.durations.begin(), m.durations.end(), 5) != m.durations.end() ? 5 : m.durations.front();
  if (const auto it = video.find("durationS"); it != video.end() && !it->is_null()) {
    const auto n = as_integer(*it);
    if (!n || std::find(m.durations.begin(), m.durations.end(), *n) == m.durations.end())
      return invalid_input("video.durationS", "duration_unsupported",
                           m.name + " makes videos of " + std::to_string(m.durations.front()) + " to " +
                               std::to_string(m.durations.back()) + " seconds");
    p.duration_s = static_cast<int>(*n);
  }
  p.resolution = m.resolutions.front();
  if (const auto it = video.find("resolution"); it != video.end() && !it->is_null()) {
    if (!it->is_string()) return invalid_input("video.resolution", "resolution_invalid", "video.resolution is text such as 720p");
    p.resolution = ascii_lower(it->get<std::string>());
    if (std::find(m.resolutions.begin(), m.resolutions.end(), p.resolution) == m.resolutions.end())
      return invalid_input("video.resolution", "resolution_unsupported",
                           m.name + " does not offer " + p.resolution + " (offers " + joined(m.resolutions) + ")");
  }
  return read_frames_and_references(video, p);
}

std::optional<Error> read_video_identity(const json& in, Entropy& rng, Video& p) {
  auto seed = read_seed(in, rng, &p.seed_given, p.max_seed);
  if (auto e = error_of(seed)) return *e;
  p.seed = std::get<std::int64_t>(seed);
  auto submit_id = read_submit_id(in, rng);
  if (auto e = error_of(submit_id)) return *e;
  p.submit_id = std::get<std::string>(submit_id);
  return std::nullopt;
}

std::string_view function_mode(VideoMode mode) { return mode == VideoMode::omni ? "omni_reference" : "first_last_frames"; }

std::string video_metrics(const Video& p) {
  ojson materials = ojson::array();
  const std::size_t images = p.references.size() + (p.first ? 1 : 0) + (p.last ? 1 : 0);
  for (std::size_t i = 0; i < images; ++i) materials.push_back(1);
  ojson report = ojson::object();
  report["enterSource"] = "generate";
  report["vipSource"] = "generate";
  report["extraVipFunctionKey"] = p.dreamina ? p.model->key + "-" + p.resolution : p.model->key;
  report["useVipFunctionDetailsReporterHoc"] = true;
  ojson option = ojson::object();
  option["type"] = "video";
  option["scene"] = "BasicVideoGenerateButton";
  if (p.dreamina) option["resolution"] = p.resolution;
  option["modelReqKey"] = p.model->key;
  option["videoDuration"] = p.duration_s;
  if (p.dreamina) option["inputVideoDuration"] = 0;
  option["reportParams"] = std::move(report);
  option["materialTypes"] = std::move(materials);
  const ojson scene = ojson::array({std::move(option)});
  ojson m = ojson::object();
  if (p.mode == VideoMode::text) m["promptSource"] = "custom";
  m["isDefaultSeed"] = p.seed_given ? 0 : 1;
  m["originSubmitId"] = p.submit_id;
  m["isRegenerate"] = false;
  m["enterFrom"] = "click";
  m["position"] = "page_bottom_box";
  m["functionMode"] = function_mode(p.mode);
  m["sceneOptions"] = scene.dump();
  return m.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

ojson image_info(const ImageRef& r, Entropy& rng, bool with_format, bool dreamina) {
  ojson image = uploaded_image(r.uri, r.width, r.height, with_format ? std::string_view(r.format) : std::string_view(), rng);
  if (dreamina) image["aigc_image"] = draft_node(rng);
  return image;
}

// 全能参考's words. Dreamina's page first names each image material, in order, then the words (§9.5).
ojson meta_list(const Video& p, Entropy& rng) {
  ojson list = ojson::array();
  if (!p.dreamina) {
    list.push_back(ojson{{"meta_type", "text"}, {"text", p.prompt}});
    return list;
  }
  for (std::size_t i = 0; i < p.references.size(); ++i) {
    ojson ref = draft_node(rng);
    ref["material_idx"] = i;
    ojson image = draft_node(rng);
    image["meta_type"] = "image";
    image["text"] = "";
    image["material_ref"] = std::move(ref);
    list.push_back(std::move(image));
  }
  ojson text = draft_node(rng);
  text["meta_type"] = "text";
  text["text"] = p.prompt;
  list.push_back(std::move(text));
  return list;
}

ojson video_input(const Video& p, Entropy& rng) {
  ojson input = draft_node(rng);
  const bool omni = p.mode == VideoMode::omni;
  input["min_version"] = omni ? kOmniMinVersion : kTextMinVersion;
  input["prompt"] = omni ? "" : p.prompt;  // 全能参考 carries its words in meta_list
  input["video_mode"] = 2;
  input["fps"] = kFps;
  input["duration_ms"] = p.duration_s * 1000;
  input["idip_meta_list"] = ojson::array();
  if (p.first) input["first_frame_image"] = image_info(*p.first, rng, true, p.dreamina);
  if (p.last) input["end_frame_image"] = image_info(*p.last, rng, true, p.dreamina);
  if (omni) {
    ojson unified = draft_node(rng);
    ojson materials = ojson::array();
    for (const auto& r : p.references) {
      ojson material = draft_node(rng);
      material["material_type"] = "image";
      material["image_info"] = image_info(r, rng, false, p.dreamina);
      materials.push_back(std::move(material));
    }
    unified["material_list"] = std::move(materials);
    unified["meta_list"] = meta_list(p, rng);
    input["unified_edit_input"] = std::move(unified);
  }
  return input;
}

std::string video_draft(const Video& p, const std::string& metrics, const Session& s, std::int64_t now_ms, Entropy& rng) {
  const std::string component_id = rng.uuid();
  ojson metadata = draft_metadata(rng, now_ms);
  ojson params = draft_node(rng);
  params["video_gen_inputs"] = ojson::array({video_input(p, rng)});
  params["video_aspect_ratio"] = p.ratio;
  params["seed"] = p.seed;
  params["model_req_key"] = p.model->key;
  params["priority"] = 0;
  ojson gen_video = draft_node(rng);
  gen_video["text_to_video_params"] = std::move(params);
  gen_video["video_task_extra"] = metrics;
  ojson abilities = draft_node(rng);
  abilities["gen_video"] = std::move(gen_video);
  ojson component = ojson::object();
  component["type"] = "video_base_component";
  component["id"] = component_id;
  component["min_version"] = "1.0.0";
  component["aigc_mode"] = "workbench";
  component["metadata"] = std::move(metadata);
  component["generate_type"] = "gen_video";
  component["abilities"] = std::move(abilities);
  component["process_type"] = 1;
  const bool omni = p.mode == VideoMode::omni;
  ojson draft = ojson::object();
  draft["type"] = "draft";
  draft["id"] = rng.uuid();
  draft["min_version"] = omni ? kOmniMinVersion : kTextMinVersion;
  draft["min_features"] = omni ? ojson::array({"AIGC_Video_UnifiedEdit"}) : ojson::array();
  draft["is_from_tsn"] = true;
  draft["version"] = s.da_version;
  draft["main_component_id"] = component_id;
  draft["component_list"] = ojson::array({std::move(component)});
  return draft.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

ojson job_of(const Video& p) {
  ojson job = ojson::object();
  job["kind"] = "video";
  job["mode"] = to_string(p.mode);
  job["submitId"] = p.submit_id;
  job["prompt"] = p.prompt;
  job["negativePrompt"] = "";
  job["model"] = p.model->key;
  job["modelName"] = p.model->name;
  job["ratio"] = ratio_code(p.ratio).value_or(0);
  job["ratioLabel"] = p.ratio;
  job["intelligentRatio"] = false;
  job["resolution"] = p.resolution;
  job["width"] = 0;
  job["height"] = 0;
  job["count"] = 1;
  job["seed"] = p.seed;
  job["sampleStrength"] = 0;
  job["durationS"] = p.duration_s;
  const auto ref = [](const ImageRef& r) {
    ojson out = ojson::object();
    out["uri"] = r.uri;
    out["width"] = r.width;
    out["height"] = r.height;
    return out;
  };
  if (p.first) job["firstFrame"] = ref(*p.first);
  if (p.last) job["lastFrame"] = ref(*p.last);
  if (!p.references.empty()) {
    ojson refs = ojson::array();
    for (const auto& r : p.references) refs.push_back(ref(r));
    job["videoReferences"] = std::move(refs);
  }
  return job;
}

}  // namespace

std::string_view to_string(VideoMode mode) {
  switch (mode) {
    case VideoMode::text: return "text";
    case VideoMode::frames: return "frames";
    case VideoMode::omni: return "omni";
  }
  return "text";
}

bool wants_video(const json& in) {
  if (const auto it = in.find("video"); it != in.end() && !it->is_null()) return true;
  const std::string key = text_at(in, "model");
  return !key.empty() && find_video_model(read_video_models(in), key) != nullptr;
}

Result<ojson> build_video_request(const json& in) {
  Video p;
  auto session = read_session(in);
  if (auto e = error_of(session)) return *e;
  const Session& s = std::get<Session>(session);
  p.dreamina = s.dreamina();
  p.max_seed = max_seed(s);
  // Dreamina's video models differ per cluster and account: only its live catalogue says which (§9.5).
  const std::vector<VideoModel> models = read_video_models(in, !p.dreamina);
  if (models.empty())
    return invalid_input("models", "video_catalogue_missing", "Dreamina's video models come from its live catalogue (models)");
  const std::string key = text_at(in, "model");
  p.model = key.empty() ? &models.front() : find_video_model(models, key);
  if (!p.model) return invalid_input("model", "model_unknown", "unknown video model: " + key);
  const auto video_it = in.find("video");
  const json video = video_it == in.end() || video_it->is_null() ? json::object() : *video_it;
  if (!video.is_object()) return invalid_input("video", "video_invalid", "video must be an object of video settings");
  if (const auto it = in.find("prompt"); it != in.end() && !it->is_null()) {
    if (!it->is_string()) return invalid_input("prompt", "prompt_invalid", "prompt must be text");
    p.prompt = trim_space(it->get_ref<const std::string&>());
  }
  if (count_code_points(p.prompt) > kMaxPromptChars)
    return invalid_input("prompt", "prompt_too_long", "prompt is longer than " + std::to_string(kMaxPromptChars) + " characters");
  auto workspace = read_workspace_id(in);
  if (auto e = error_of(workspace)) return *e;
  if (auto e = read_video_choices(in, video, p)) return *e;
  if (p.mode == VideoMode::text && p.prompt.empty()) return invalid_input("prompt", "prompt_empty", "prompt is empty");
  auto rng = Entropy::from_input(in);
  if (auto e = error_of(rng)) return *e;
  Entropy& entropy = std::get<Entropy>(rng);
  if (auto e = read_video_identity(in, entropy, p)) return *e;
  auto now = read_now(in);
  if (auto e = error_of(now)) return *e;
  const std::int64_t now_ms = std::get<std::int64_t>(now);

  ojson commerce = ojson::object();
  commerce["benefit_type"] = p.model->benefit_for(p.resolution);
  commerce["resource_id"] = "generate_video";
  commerce["resource_id_type"] = "str";
  commerce["resource_sub_type"] = "aigc";
  const std::string metrics = video_metrics(p);
  ojson body = ojson::object();
  ojson extend = ojson::object();
  extend["root_model"] = p.model->key;
  extend["m_video_commerce_info"] = commerce;
  if (p.dreamina) extend["workspace_id"] = std::get<std::int64_t>(workspace);
  extend["m_video_commerce_info_list"] = ojson::array({commerce});
  body["extend"] = std::move(extend);
  body["submit_id"] = p.submit_id;
  body["metrics_extra"] = metrics;
  body["draft_content"] = video_draft(p, metrics, s, now_ms, entropy);
  body["http_common_info"] = {{"aid", s.site->aid}};

  ojson request = make_request(path::generate, QueryStyle::generate, body, s, now_ms);
  request["referrer"] = s.site->video_referrer;
  return ojson{{"request", std::move(request)}, {"job", job_of(p)}};
}

}  // namespace jimeng
