// Past work (protocol §8): get_asset_list's page, each asset a whole history node under `image` or `video`.
// A record is the node's task (as parseHistory reads it) and the job's settings, read from its draft_content
// (what was sent) or else from the first item's aigc_image_params (what the service says it used). An asset
// of a type we do not know is kept with what can be read, never dropped.
#include <algorithm>

#include "base/json_text.hpp"
#include "parse/parsers.hpp"
#include "protocol/catalog.hpp"

namespace jimeng {
namespace {

constexpr std::size_t kMaxText = 4000;  // a prompt of the web app is at most 800 characters; anything more is cut

std::string text_of(const json& o, const char* key) {
  const auto it = o.is_object() ? o.find(key) : o.end();
  if (it == o.end()) return "";
  if (it->is_string()) return it->get<std::string>().substr(0, kMaxText);
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  return "";
}
std::optional<std::int64_t> int_in(const json& o, const char* key) {
  const auto it = o.is_object() ? o.find(key) : o.end();
  if (it == o.end() || !it->is_number()) return std::nullopt;
  const double v = it->get<double>();
  if (!(v > -1e15 && v < 1e15)) return std::nullopt;
  return static_cast<std::int64_t>(v);
}
const json& at(const json& o, std::initializer_list<const char*> keys) {
  static const json kNull;
  const json* cur = &o;
  for (const char* k : keys) {
    if (!cur->is_object()) return kNull;
    const auto it = cur->find(k);
    if (it == cur->end()) return kNull;
    cur = &*it;
  }
  return *cur;
}

// {uri, width, height} of an image the draft names (a frame, a material, a reference).
json image_ref(const json& info) {
  json out = {{"uri", text_of(info, "image_uri").empty() ? text_of(info, "uri") : text_of(info, "image_uri")}};
  if (auto w = int_in(info, "width")) out["width"] = *w;
  if (auto h = int_in(info, "height")) out["height"] = *h;
  return out;
}

// The main component of a draft_content text, or null.
json main_component(const std::string& draft_text) {
  auto draft = parse_json(draft_text);
  if (!draft || !draft->is_object()) return nullptr;
  const std::string main = text_of(*draft, "main_component_id");
  const json& list = at(*draft, {"component_list"});
  if (!list.is_array()) return nullptr;
  for (const auto& c : list)
    if (c.is_object() && (main.empty() || text_of(c, "id") == main)) return c;
  return nullptr;
}

void video_settings(const json& params, json& job) {
  job["kind"] = "video";
  if (auto m = text_of(params, "model_req_key"); !m.empty()) job["model"] = m;
  if (auto r = text_of(params, "video_aspect_ratio"); !r.empty()) job["ratioLabel"] = r;
  if (auto s = int_in(params, "seed")) job["seed"] = *s;
  const json& inputs = at(params, {"video_gen_inputs"});
  const json& input = inputs.is_array() && !inputs.empty() ? inputs[0] : json();
  job["prompt"] = text_of(input, "prompt");
  if (auto ms = int_in(input, "duration_ms"); ms && *ms > 0) job["durationS"] = (*ms + 999) / 1000;
  job["mode"] = "text";
  if (const json& f = at(input, {"first_frame_image"}); f.is_object()) {
    job["firstFrame"] = image_ref(f);
    job["mode"] = "frames";
  }
  if (const json& l = at(input, {"end_frame_image"}); l.is_object()) job["lastFrame"] = image_ref(l);
  if (const json& edit = at(input, {"unified_edit_input"}); edit.is_object()) {
    job["mode"] = "omni";
    json refs = json::array();
    if (const json& list = at(edit, {"material_list"}); list.is_array())
      for (const auto& m : list)
        if (const json& info = at(m, {"image_info"}); info.is_object()) refs.push_back(image_ref(info));
    job["videoReferences"] = std::move(refs);
    if (const json& meta = at(edit, {"meta_list"}); meta.is_array())
      for (const auto& m : meta)
        if (text_of(m, "meta_type") == "text") job["prompt"] = text_of(m, "text");
  }
}

void image_settings(const json& core, json& job) {
  job["kind"] = "image";
  job["prompt"] = text_of(core, "prompt");
  if (auto m = text_of(core, "model"); !m.empty()) job["model"] = m;
  if (auto m = text_of(at(core, {"model_config"}), "model_req_key"); !m.empty()) job["model"] = m;
  if (auto n = text_of(core, "negative_prompt"); !n.empty()) job["negativePrompt"] = n;
  if (auto s = int_in(core, "seed")) job["seed"] = *s;
  if (auto r = int_in(core, "image_ratio"); r && !ratio_label(int(*r)).empty()) {
    job["ratio"] = *r;
    job["ratioLabel"] = std::string(ratio_label(int(*r)));
  }
  const json& large = at(core, {"large_image_info"});
  if (auto res = text_of(large, "resolution_type"); !res.empty()) job["resolution"] = res;
  if (auto w = int_in(large, "width")) job["width"] = *w;
  if (auto h = int_in(large, "height")) job["height"] = *h;
}

// The job's settings: the draft first, the item's aigc_image_params where the draft says nothing.
json settings_of(const rj::Value& node) {
  json job = json::object();
  const json component = main_component(string_of(member(&node, "draft_content")));
  const json& abilities = at(component, {"abilities"});
  if (const json& video = at(abilities, {"gen_video", "text_to_video_params"}); video.is_object()) {
    video_settings(video, job);
  } else if (const json& core = at(abilities, {"generate", "core_param"}); core.is_object()) {
    image_settings(core, job);
    if (auto n = int_in(at(abilities, {"gen_option"}), "gen_count")) job["count"] = *n;
  } else if (const json& blend = at(abilities, {"blend"}); blend.is_object()) {
    image_settings(at(blend, {"core_param"}), job);
    json refs = json::array();
    if (const json& list = at(blend, {"ability_list"}); list.is_array())
      for (const auto& a : list)
        if (const json& uri = at(a, {"image_uri_list"}); uri.is_array() && !uri.empty() && uri[0].is_string())
          refs.push_back({{"uri", uri[0].get<std::string>().substr(0, kMaxText)}});
    job["references"] = std::move(refs);
  }
  if (!job.contains("prompt") || job["prompt"].get_ref<const std::string&>().empty()) {
    // No draft (or none we can read): the first item's record of what was used.
    const rj::Value* items = member(&node, "item_list");
    const rj::Value* first = items && items->IsArray() && !items->Empty() ? &(*items)[0] : nullptr;
    if (const rj::Value* p = member_at(first, {"aigc_image_params", "text2video_params"})) {
      video_settings(to_nlohmann(*p).value_or(json()), job);
    } else if (const rj::Value* q = member_at(first, {"aigc_image_params", "text2image_params"})) {
      image_settings(to_nlohmann(*q).value_or(json()), job);
    }
  }
  if (!job.contains("model"))
    if (auto m = string_of(member_at(&node, {"model_info", "model_req_key"})); !m.empty()) job["model"] = m;
  if (auto name = string_of(member_at(&node, {"model_info", "model_name"})); !name.empty()) job["modelName"] = name;
  return job;
}

}  // namespace

Result<json> parse_asset_list_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  auto data = open_envelope(body, ctx, doc);
  if (auto e = error_of(data)) return *e;
  const rj::Value* d = std::get<const rj::Value*>(data);
  const rj::Value* list = member(d, "asset_list");
  if (list && !list->IsArray()) return malformed("asset_list_invalid", "asset_list is not a list");
  json records = json::array();
  if (list)
    for (const auto& asset : list->GetArray()) {
      if (!asset.IsObject()) continue;
      json record = {{"assetId", string_of(member(&asset, "id"))}, {"assetType", int_of(member(&asset, "type")).value_or(0)}};
      const rj::Value* node = member(&asset, "video");
      if (!node || !node->IsObject()) node = member(&asset, "image");
      if (!node || !node->IsObject()) {  // a type we cannot read: kept, said so
        record["unreadable"] = true;
        records.push_back(std::move(record));
        continue;
      }
      json task = read_task(*node);
      json job = settings_of(*node);
      job["submitId"] = task["submitId"];
      if (!job.contains("count"))
        job["count"] = task["kind"] == "video" ? 1 : std::max<std::int64_t>(1, task["total"].get<std::int64_t>());
      if (auto t = number_of(member(node, "created_time")); t && *t > 0 && *t < 1e11)
        record["createdMs"] = std::int64_t(*t * 1000);
      record["generateType"] = int_of(member(node, "generate_type")).value_or(0);
      record["task"] = std::move(task);
      record["job"] = std::move(job);
      records.push_back(std::move(record));
    }
  const bool has_more = member(d, "has_more") && member(d, "has_more")->IsTrue();
  json out = {{"records", std::move(records)}, {"hasMore", has_more}};
  // The next page's cursor: next_offset as the service gives it (a time in ms), kept exact as a number.
  const std::int64_t next = std::max<std::int64_t>(0, int_of(member(d, "next_offset")).value_or(0));
  out["nextCursor"] = next;
  // What the walk does next. The list runs newest first, so a cursor that is absent or does not move back
  // would ask for the same page for ever: the walk stops there and says so. An incremental walk stops once
  // the cursor has passed where the last walk began: everything older was listed then.
  if (!has_more) {
    out["walk"] = "end";
  } else if (next <= 0 || (ctx.cursor > 0 && next >= ctx.cursor)) {
    out["walk"] = "stalled";
    out["stalled"] = error_to_json({ErrorKind::server_error, Retry::later, "list_stalled",
                                    "Jimeng's list did not advance: it says there is more but gives no older page", ""});
  } else if (ctx.stop_at_ms > 0 && next <= ctx.stop_at_ms) {
    out["walk"] = "reached";
  } else {
    out["walk"] = "more";
  }
  return out;
}

}  // namespace jimeng
