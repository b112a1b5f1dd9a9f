// Finished video items (protocol §7.3) and which of their files is the clean one (§7.6): the base64
// main_url of video_model when it carries lr=default, else the widest transcoded_video tier. A file is
// watermarked when its URL says lr=display_watermark… or its tier has a logo_type.
#include <algorithm>

#include "base/text.hpp"
#include "parse/parsers.hpp"

namespace jimeng {
namespace {

constexpr std::size_t kMaxVideoModelBytes = std::size_t(1) << 20;

struct Source {
  std::string url;
  std::int64_t width = 0, height = 0;
  bool watermarked = false;
};

bool marked(const std::string& url) { return url.find("lr=display_watermark") != std::string::npos; }

// video_model is JSON text; video_list.video_1 (else the first listed) has main_url in base64.
std::string main_url(const rj::Value* video) {
  std::string text = string_of(member(video, "video_model"));
  if (text.empty() || text.size() > kMaxVideoModelBytes) return "";
  rj::Document doc;
  if (!parse_in_place(text, doc) || !doc.IsObject()) return "";
  const rj::Value* list = member(&doc, "video_list");
  const rj::Value* first = member(list, "video_1");
  if (!first && list && list->IsObject() && list->MemberCount() > 0) first = &list->MemberBegin()->value;
  const auto decoded = base64_decode(string_of(member(first, "main_url")));
  return decoded ? *decoded : "";
}

// transcoded_video: `origin`, or tiers keyed "360p", "720p"… (2026-09): the widest.
Source widest_transcoded(const rj::Value* video) {
  Source best;
  const rj::Value* tiers = member(video, "transcoded_video");
  if (!tiers || !tiers->IsObject()) return best;
  for (auto it = tiers->MemberBegin(); it != tiers->MemberEnd(); ++it) {
    const rj::Value* tier = &it->value;
    const std::string url = string_of(member(tier, "video_url"));
    const std::int64_t width = int_of(member(tier, "width")).value_or(0);
    if (url.empty() || (!best.url.empty() && width <= best.width)) continue;
    best = {url, width, int_of(member(tier, "height")).value_or(0), marked(url) || !string_of(member(tier, "logo_type")).empty()};
  }
  return best;
}

}  // namespace

bool is_video_item(const rj::Value& item) {
  if (const rj::Value* video = member(&item, "video"); video && video->IsObject()) return true;
  return int_of(member_at(&item, {"common_attr", "effect_type"})) == 53;
}

std::optional<json> read_video(const rj::Value& item) {
  const rj::Value* common = member(&item, "common_attr");
  const rj::Value* video = member(&item, "video");
  const Source transcoded = widest_transcoded(video);
  const std::string clean = main_url(video);
  Source chosen = transcoded;
  if (!clean.empty() && (clean.find("lr=default") != std::string::npos || transcoded.url.empty()))
    chosen = {clean, transcoded.width, transcoded.height, marked(clean)};
  if (chosen.url.empty()) return std::nullopt;  // not finished yet
  // As for images: an address off Jimeng's media hosts is listed with no link, and says why.
  const bool refused = !is_media_url(chosen.url);
  if (refused) chosen.url.clear();
  std::string cover = preview_url(common);
  if (cover.empty()) cover = string_of(member(video, "cover_url"));
  if (!is_media_url(cover)) cover.clear();
  if (!chosen.width) chosen.width = int_of(member(common, "cover_width")).value_or(0);
  if (!chosen.height) chosen.height = int_of(member(common, "cover_height")).value_or(0);
  std::int64_t duration_ms = int_of(member(video, "duration_ms")).value_or(0);
  if (duration_ms <= 0) duration_ms = static_cast<std::int64_t>(number_of(member(video, "duration")).value_or(0) * 1000);
  json out = json::object();  // key by key: an initializer list costs far more code
  out["url"] = chosen.url;
  out["cover"] = cover;
  out["width"] = chosen.width;
  out["height"] = chosen.height;
  out["durationMs"] = std::max<std::int64_t>(0, duration_ms);
  out["vid"] = string_of(member(video, "video_id"));
  out["itemId"] = string_of(member(common, "id"));  // digit-exact (a string, or a number's own digits)
  out["watermarked"] = chosen.watermarked;
  out["expiresAt"] = url_expiry(chosen.url);
  if (refused) out["refused"] = "url_not_media_host";
  return out;
}

// Dreamina's download answer (§9.6; not captured: read as history's items are, tolerant of where the list sits).
// {videos: {<item id>: Video}}; an item with no file yet is left out, as history leaves it.
Result<json> parse_local_item_list_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  auto data = open_envelope(body, ctx, doc);
  if (auto e = error_of(data)) return *e;
  const rj::Value* root = std::get<const rj::Value*>(data);
  const rj::Value* list = member(root, "item_list");
  if (!list) list = member(root, "items");
  if (!list || !list->IsArray()) return malformed("no_items", "the answer holds no item list");
  json videos = json::object();
  for (const rj::Value& item : list->GetArray()) {
    auto video = read_video(item);
    if (!video) continue;
    std::string id = (*video)["itemId"].get<std::string>();
    if (id.empty()) id = string_of(member(&item, "item_id"));
    if (id.empty()) continue;
    (*video)["itemId"] = id;
    videos[id] = std::move(*video);
  }
  return json{{"videos", std::move(videos)}};
}

}  // namespace jimeng
