// Edits of finished work (protocol §10): 超清, 智能超清, 扩图 and 细节修复 of an image, 音效 and 补帧 of a video.
// Each is a new generate whose draft replays the source's component unchanged (its own text, so its ids and
// numbers stay exactly as the service wrote them) and appends one child chained by parent_id. Item and
// history ids travel digit-exact from history's strings: they exceed 2^53, so never through a double.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "base/json_text.hpp"
#include "base/text.hpp"
#include "generate/builders.hpp"
#include "generate/draft_text.hpp"

namespace jimeng {
namespace post_step {  // named: the folder is compiled as one unit in fast builds, beside build_upscale's Tool

enum class Kind { image, video };

struct Tool {
  std::string_view name;           // the caller's
  std::string_view generate_type;  // the draft's
  int postedit_type;               // postedit_param.generate_type (images)
  bool gen_type;                   // the child also says gen_type (超清, 扩图)
  Kind kind;
};
constexpr Tool kTools[] = {
    {"upscale", "normal_hd", 13, true, Kind::image},
    {"proUpscale", "pro_hd", 35, false, Kind::image},
    {"outpaint", "painting", 8, true, Kind::image},
    {"detailFix", "super_resolution", 2, false, Kind::image},
    {"soundEffect", "video_audio_effect", 0, false, Kind::video},
    {"interpolate", "gen_video", 0, false, Kind::video},
};

struct Source {
  std::string submit_id, history_id, item_id, model, uri, vid, parent_id;
  std::uint64_t history = 0, item = 0;  // the ids as exact numbers
  int width = 0, height = 0;
  std::int64_t duration_ms = 0;
  std::string component;  // the replayed component, as its own text
};

// The first value under `key` in a component, at most `depth` objects down.
const json* find_key(const json& j, const char* key, int depth) {
  if (!j.is_object() || depth < 0) return nullptr;
  if (const auto it = j.find(key); it != j.end()) return &*it;
  for (const auto& [k, v] : j.items())
    if (const json* found = find_key(v, key, depth - 1)) return found;
  return nullptr;
}

Error bad_source(const std::string& field, const std::string& message) { return invalid_input(field, "source_invalid", message); }

Result<Source> read_source(const json& in, const Tool& tool) {
  const auto it = in.find("source");
  if (it == in.end() || !it->is_object()) return bad_source("source", "source must be the finished job as history gave it");
  const json& j = *it;
  Source s;
  s.submit_id = text_at(j, "submitId");
  s.history_id = text_at(j, "historyId");
  s.item_id = text_at(j, "itemId");
  s.model = text_at(j, "model");
  if (s.submit_id.empty() || s.submit_id.size() > 128) return bad_source("source.submitId", "source.submitId is missing");
  const auto history = id_number(s.history_id), item = id_number(s.item_id);
  if (!history) return bad_source("source.historyId", "source.historyId must be history's id, as digits");
  if (!item) return bad_source("source.itemId", "source.itemId must be the result's item id, as digits");
  s.history = *history;
  s.item = *item;
  if (s.model.empty() || s.model.size() > 128) return bad_source("source.model", "source.model is missing");
  const std::string draft = text_at(j, "draftContent");
  const std::optional<json> parsed = parse_json(draft);
  const json* list = parsed && parsed->is_object() && parsed->contains("component_list") ? &(*parsed)["component_list"] : nullptr;
  const std::string main = parsed && parsed->is_object() ? text_at(*parsed, "main_component_id") : "";
  std::size_t index = 0;
  while (list && list->is_array() && index < list->size() &&
         !((*list)[index].is_object() && text_at((*list)[index], "id") == main))
    ++index;
  if (main.empty() || !list || !list->is_array() || index == list->size())
    return bad_source("source.draftContent", "source.draftContent must be the source's draft, with its main component");
  s.parent_id = main;
  s.component = component_text(draft, index);
  const std::string type = text_at((*list)[index], "type");
  if ((tool.kind == Kind::image && type == "video_base_component") ||
      (tool.kind == Kind::video && type == "image_base_component"))
    return invalid_input(
        "tool", "tool_unsupported",
        std::string(tool.name) +
            (tool.kind == Kind::image ? " is for images: a video's upscale has no known request" : " is for videos"));
  const json empty = json::object();
  const json& media =
      j.contains(tool.kind == Kind::image ? "image" : "video") ? j[tool.kind == Kind::image ? "image" : "video"] : empty;
  const auto size = [&](const char* key) {
    const auto n = media.is_object() && media.contains(key) ? as_integer(media[key]) : std::nullopt;
    return n && *n > 0 && *n <= 65536 ? int(*n) : 0;
  };
  s.width = size("width");
  s.height = size("height");
  if (tool.kind == Kind::image) {  // optional: the chain names the source by its ids; the size is the draft's if not given
    s.uri = media.is_object() ? text_at(media, "uri") : "";
    if (j.contains("image") && (!plain_uri(s.uri) || !s.width || !s.height))
      return bad_source("source.image", "source.image must be {uri, width, height}");
    if (const json* large = find_key((*list)[index], "large_image_info", 8); !s.width && large && large->is_object()) {
      const auto w = large->contains("width") ? as_integer((*large)["width"]) : std::nullopt;
      const auto h = large->contains("height") ? as_integer((*large)["height"]) : std::nullopt;
      s.width = w && *w > 0 && *w <= 65536 ? int(*w) : 0;
      s.height = s.width && h && *h > 0 && *h <= 65536 ? int(*h) : 0;
      if (!s.height) s.width = 0;
    }
  } else {
    s.vid = media.is_object() ? text_at(media, "vid") : "";
    const auto ms = media.is_object() && media.contains("durationMs") ? as_integer(media["durationMs"]) : std::nullopt;
    s.duration_ms = ms && *ms > 0 && *ms <= 600000 ? *ms : 0;
    if (!plain_uri(s.vid) || !s.width || !s.height || !s.duration_ms)
      return bad_source("source.video", "source.video must be {vid, width, height, durationMs}");
  }
  return s;
}

// 扩图's four fractions of the source side added per edge (§10.1): given, or made from a target ratio.
struct Outpaint {
  double top = 0, bottom = 0, left = 0, right = 0;
  int ratio = 1, count = 4;
};

Result<Outpaint> read_outpaint(const json& settings, const Source& s) {
  Outpaint o;
  if (const auto it = settings.find("ratio"); it != settings.end() && !it->is_null()) {
    if (!s.width) return bad_source("source.image", "扩图 to a ratio needs the source's size (source.image)");
    const auto code = it->is_string() ? ratio_code(it->get_ref<const std::string&>()) : std::nullopt;
    if (!code)
      return invalid_input("settings.ratio", "ratio_invalid", "settings.ratio must be one of 1:1 3:4 16:9 4:3 9:16 2:3 3:2 21:9");
    const std::string_view label = ratio_label(*code);
    const auto side = [&](std::string_view digits) { return parse_number(digits).value_or(1); };
    const double w = side(label.substr(0, label.find(':')));
    const double target = w / side(label.substr(label.find(':') + 1)), own = double(s.width) / s.height;
    if (std::fabs(target - own) < 0.01)
      return invalid_input("settings.ratio", "ratio_same",
                           "the image is already " + std::string(label) + ": choose edges instead");
    const double grow = target > own ? target / own - 1 : own / target - 1;
    (target > own ? o.left : o.top) = grow / 2;
    (target > own ? o.right : o.bottom) = grow / 2;
    o.ratio = *code;
  } else {
    double* edges[] = {&o.top, &o.bottom, &o.left, &o.right};
    const char* names[] = {"top", "bottom", "left", "right"};
    bool any = false;
    for (int k = 0; k < 4; ++k) {
      const auto e = settings.find(names[k]);
      if (e == settings.end() || e->is_null()) continue;
      if (!e->is_number() || e->get<double>() < 0 || e->get<double>() > 3)
        return invalid_input(std::string("settings.") + names[k], "edge_invalid",
                             "each edge is a fraction of the side from 0 to 3");
      *edges[k] = e->get<double>();
      any = any || *edges[k] > 0;
    }
    if (!any) return invalid_input("settings.ratio", "outpaint_nothing", "扩图 needs a target ratio or at least one edge");
  }
  if (const auto c = settings.find("count"); c != settings.end() && !c->is_null()) {
    const auto n = as_integer(*c);
    if (!n || *n < 1 || *n > 4) return invalid_input("settings.count", "count_invalid", "settings.count is 1 to 4");
    o.count = int(*n);
  }
  return o;
}

// The child's head: its type, a fresh id, and the source component it chains to.
ojson chained_component(std::string_view type, std::string_view min_version, const Source& s, Entropy& rng) {
  ojson child = ojson::object();
  child["type"] = type;
  child["id"] = rng.uuid();
  child["min_version"] = min_version;
  child["parent_id"] = s.parent_id;
  child["aigc_mode"] = "workbench";
  return child;
}

ojson postedit_param(const Tool& t, const Source& s, Entropy& rng) {
  ojson p = draft_node(rng);
  p["generate_type"] = t.postedit_type;
  p["item_id"] = s.item;
  p["origin_history_id"] = s.history;
  return p;
}

ojson image_child(const Tool& t, const Source& s, const json& settings, const Outpaint& o, Entropy& rng, std::int64_t now_ms) {
  ojson tool = draft_node(rng);
  int count = 1;
  if (t.postedit_type == 35) {
    tool["hd_scene_type"] = "auto";
    tool["original_image_strength"] = 0.65;
    tool["detail_strength"] = 0.65;
    tool["resolution_type"] = text_at(settings, "resolution") == "4k" ? "4k" : "2k";
  } else if (t.postedit_type == 8) {
    ojson up = draft_node(rng);
    up["top"] = o.top;
    up["bottom"] = o.bottom;
    up["left"] = o.left;
    up["right"] = o.right;
    up["max_size"] = 12960;
    up["image_ratio"] = o.ratio;
    tool["up_scale"] = std::move(up);
    count = o.count;
  } else if (t.postedit_type == 2) {
    ojson core = draft_node(rng);
    core["generate_type"] = 0;
    tool["core_param"] = std::move(core);
  }
  tool["postedit_param"] = postedit_param(t, s, rng);
  ojson gen_option = draft_node(rng);
  gen_option["gen_count"] = count;
  gen_option["generate_all"] = false;
  ojson abilities = draft_node(rng);
  abilities[std::string(t.generate_type)] = std::move(tool);
  abilities["gen_option"] = std::move(gen_option);
  ojson child = chained_component("image_base_component", "3.0.2", s, rng);
  if (t.gen_type) child["gen_type"] = t.postedit_type;
  child["metadata"] = draft_metadata(rng, now_ms);
  child["generate_type"] = t.generate_type;
  child["abilities"] = std::move(abilities);
  return child;
}

ojson video_ref(const Source& s) {
  ojson ref = ojson::object();
  ref["generate_type"] = 0;
  ref["item_id"] = s.item;
  ref["origin_history_id"] = s.history;
  return ref;
}

ojson video_child(const Tool& t, const Source& s, int fps, const std::string& metrics, Entropy& rng, std::int64_t now_ms) {
  const bool sound = t.name == "soundEffect";
  ojson step = draft_node(rng);
  step["min_version"] = sound ? "3.1.2" : "3.0.5";
  step["origin_history_id"] = s.history;
  step["origin_item_id"] = s.item;
  step["video_ref_params"] = video_ref(s);
  if (sound) {
    ojson resource = ojson::object();
    resource["type"] = "video";
    resource["source_from"] = "upload";
    resource["name"] = "";
    resource["vid"] = s.vid;
    resource["fps"] = 0;
    resource["width"] = s.width;
    resource["height"] = s.height;
    resource["duration"] = s.duration_ms;
    resource["cover_image_url"] = "";
    step["video_resource"] = std::move(resource);
  } else {  // 补帧 (§10.2, reported): a gen_video step with the insert_frame option
    ojson insert = draft_node(rng);
    insert["target_fps"] = fps;
    insert["origin_fps"] = 24;
    insert["duration_ms"] = s.duration_ms;
    ojson opt = draft_node(rng);
    opt["insert_frame"] = std::move(insert);
    step["v2v_opt"] = std::move(opt);
    step["scene"] = "insert_frame";
    step["video_task_extra"] = metrics;
  }
  ojson abilities = draft_node(rng);
  abilities[sound ? "video_audio_effect" : "gen_video"] = std::move(step);
  ojson child = chained_component("video_base_component", "1.0.0", s, rng);
  child["metadata"] = draft_metadata(rng, now_ms);
  child["generate_type"] = t.generate_type;
  child["abilities"] = std::move(abilities);
  child["process_type"] = sound ? 12 : 3;
  return child;
}

std::string post_metrics(const Tool& t, const Source& s, const std::string& submit_id, const json& settings) {
  ojson m = ojson::object();
  m["originSubmitId"] = s.submit_id;
  m["originId"] = s.item_id;
  m["previewId"] = s.history_id;
  m["previewSubmitId"] = s.submit_id;
  m["isRegenerate"] = true;
  m["generateId"] = submit_id;
  if (t.postedit_type == 35) {
    ojson scene = ojson::object();
    scene["type"] = "image";
    scene["scene"] = "ImageProHD";
    scene["proHDResolutionType"] = text_at(settings, "resolution") == "4k" ? "4k" : "2k";
    scene["modelReqKey"] = s.model;
    m["sceneOptions"] = ojson::array({std::move(scene)}).dump();
  }
  return m.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

}  // namespace post_step

Result<ojson> build_post_step_request(const json& in) {
  using namespace post_step;
  const std::string name = text_at(in, "tool");
  const auto t = std::find_if(std::begin(kTools), std::end(kTools), [&](const Tool& tool) { return tool.name == name; });
  if (t == std::end(kTools))
    return invalid_input("tool", "tool_unknown",
                         "tool must be upscale, proUpscale, outpaint, detailFix, soundEffect or interpolate");
  const auto src_it = in.find("source");
  if (t->kind == Kind::image && src_it != in.end() && src_it->is_object() && src_it->contains("video") &&
      !src_it->contains("image"))
    return invalid_input("tool", "tool_unsupported", name + " is for images: a video's upscale has no known request");
  if (t->kind == Kind::video && src_it != in.end() && src_it->is_object() && src_it->contains("image") &&
      !src_it->contains("video"))
    return invalid_input("tool", "tool_unsupported", name + " is for videos");
  const json settings = in.contains("settings") && in["settings"].is_object() ? in["settings"] : json::object();
  auto source = read_source(in, *t);
  if (auto e = error_of(source)) return *e;
  const Source& s = std::get<Source>(source);
  Outpaint outpaint;
  if (t->postedit_type == 8) {
    auto o = read_outpaint(settings, s);
    if (auto e = error_of(o)) return *e;
    outpaint = std::get<Outpaint>(o);
  }
  if (t->postedit_type == 13 && std::max(s.width, s.height) >= 4096)
    return bad_source("source.image", "this image is already 4K or more");
  const auto fps_in = settings.contains("fps") ? as_integer(settings["fps"]) : std::optional<std::int64_t>(60);
  if (t->name == "interpolate" && (!fps_in || (*fps_in != 30 && *fps_in != 60)))
    return invalid_input("settings.fps", "fps_invalid", "补帧 makes 30 or 60 fps");
  auto rng_r = Entropy::from_input(in);
  if (auto e = error_of(rng_r)) return *e;
  Entropy& rng = std::get<Entropy>(rng_r);
  auto submit = read_submit_id(in, rng);
  if (auto e = error_of(submit)) return *e;
  auto now = read_now(in);
  if (auto e = error_of(now)) return *e;
  auto session_r = read_session(in);
  if (auto e = error_of(session_r)) return *e;
  const Session& session = std::get<Session>(session_r);
  const std::string& submit_id = std::get<std::string>(submit);
  const std::int64_t now_ms = std::get<std::int64_t>(now);

  const std::string metrics = post_metrics(*t, s, submit_id, settings);
  const ojson child = t->kind == Kind::image ? image_child(*t, s, settings, outpaint, rng, now_ms)
                                             : video_child(*t, s, int(fps_in.value_or(60)), metrics, rng, now_ms);
  const std::string min_version = t->kind == Kind::image ? "3.2.9" : t->name == "soundEffect" ? "3.1.2" : "3.0.5";
  std::string draft = R"({"type":"draft","id":)" + ojson(rng.uuid()).dump() + R"(,"min_version":")" + min_version +
                      R"(","min_features":[],"is_from_tsn":true,"version":)" + ojson(session.da_version).dump() +
                      R"(,"main_component_id":)" + ojson(child["id"]).dump() + R"(,"component_list":[)" + s.component + "," +
                      child.dump(-1, ' ', false, ojson::error_handler_t::replace) + "]}";

  ojson extend = ojson::object();
  extend["root_model"] = s.model;
  if (t->kind == Kind::video) {
    ojson commerce = ojson::object();
    commerce["benefit_type"] = t->name == "soundEffect" ? "video_audio_effect_generation" : "video_frame_interpolation";
    commerce["resource_id"] = "generate_video";
    commerce["resource_id_type"] = "str";
    commerce["resource_sub_type"] = "aigc";
    extend["m_video_commerce_info"] = commerce;
    extend["m_video_commerce_info_list"] = ojson::array({commerce});
  }
  ojson body = ojson::object();
  body["extend"] = std::move(extend);
  body["submit_id"] = submit_id;
  body["metrics_extra"] = metrics;
  body["draft_content"] = std::move(draft);
  body["http_common_info"] = {{"aid", session.site->aid}};

  ojson parent = ojson::object();
  parent["submitId"] = s.submit_id;
  parent["historyId"] = s.history_id;
  parent["itemId"] = s.item_id;
  ojson job = ojson::object();
  job["submitId"] = submit_id;
  job["kind"] = t->kind == Kind::image ? "image" : "video";
  job["tool"] = t->name;
  job["parent"] = std::move(parent);
  job["model"] = s.model;
  job["prompt"] = "";
  job["count"] = t->postedit_type == 8 ? outpaint.count : 1;
  if (t->name == "interpolate") job["fps"] = fps_in.value_or(60);
  ojson out = ojson::object();
  out["request"] = make_request(path::generate, QueryStyle::generate, body, session, now_ms);
  if (t->kind == Kind::video) out["request"]["referrer"] = session.site->video_referrer;
  out["job"] = std::move(job);
  return out;
}

}  // namespace jimeng
