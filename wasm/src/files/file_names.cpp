// Download planning: file names from the user's template, safe on every OS, and which image URLs have
// expired (or are about to) and must be re-signed through get_image_by_uri first.
//
// Names are built value by value: each placeholder's value is cleaned (no separators, no control or
// bidirectional-override characters, no characters Windows forbids), then every path segment is cleaned
// again (no "." / ".." segments, no reserved device names, no leading/trailing dots or spaces) and capped
// in UTF-8 bytes without splitting a character. Chinese text is kept as it is.
#include <array>
#include <string>

#include "base/text.hpp"
#include "files/file_names.hpp"
#include "protocol/site.hpp"

namespace jimeng {
namespace {

constexpr std::int64_t kMaxMadeAtMs = 253'402'300'799'000;  // 9999-12-31
constexpr std::string_view kDefaultTemplate = "jimeng/{date}/{prompt}-{seed}-{index}.{ext}";
constexpr std::size_t kMaxTemplateBytes = 200;
constexpr std::size_t kPromptCodePoints = 30;  // enough to recognise a prompt, short enough to leave room for the rest
constexpr std::size_t kMaxSegmentBytes = 150;  // well under every file system's 255
constexpr std::size_t kMaxImages = 64;
constexpr std::int64_t kResignMarginSeconds = 300;  // a download may start a little later than planned

// Decodes one code point of valid UTF-8 (nlohmann validated the input) and advances `i`.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
  if (i + len > s.size()) len = 1;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (b(i + k) & 0x3F);
  i += len;
  return cp;
}

bool invisible_or_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||       // C0, DEL, C1
         (cp >= 0x200B && cp <= 0x200F) ||                // zero-width and LTR/RTL marks
         (cp >= 0x202A && cp <= 0x202E) ||                // bidirectional embeddings and overrides
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;  // isolates, BOM
}

bool forbidden_in_names(char32_t cp) {
  for (char f : std::string_view("<>:\"/\\|?*~"))
    if (cp == static_cast<char32_t>(f)) return true;
  return false;
}

bool space(char32_t cp) { return cp == ' ' || cp == 0x3000 || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A); }

// One placeholder's value: separators and unsafe characters become "_", invisible ones vanish, runs of
// white space become one space; at most `max_code_points`.
std::string clean_value(std::string_view s, std::size_t max_code_points) {
  std::string out;
  std::size_t kept = 0;
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size() && kept < max_code_points;) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(s, i);
    if (space(cp) || cp == '\t' || cp == '\n' || cp == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (invisible_or_control(cp)) continue;
    if (pending_space) {
      out += ' ';
      ++kept;
      pending_space = false;
    }
    if (forbidden_in_names(cp)) out += '_';
    else out.append(s.substr(start, i - start));
    ++kept;
  }
  return out;
}

bool reserved_on_windows(std::string_view segment) {
  const std::string stem = ascii_lower(std::string(segment.substr(0, segment.find('.'))));
  static constexpr std::array<std::string_view, 4> kNames = {"con", "prn", "aux", "nul"};
  for (auto n : kNames)
    if (stem == n) return true;
  return stem.size() == 4 && (stem.rfind("com", 0) == 0 || stem.rfind("lpt", 0) == 0) && stem[3] >= '0' && stem[3] <= '9';
}

// Cuts to at most `max` bytes at a character boundary.
std::string_view utf8_prefix(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

std::string trim_dots_and_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == '.' || s.front() == ' ')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.remove_suffix(1);
  return std::string(s);
}

// A whole path segment, after expansion. The last segment keeps its extension when it is cut.
std::string clean_segment(std::string_view seg, bool last) {
  std::string s = trim_dots_and_spaces(seg);
  if (s.size() > kMaxSegmentBytes) {
    const auto dot = last ? s.rfind('.') : std::string::npos;
    const std::string ext = dot != std::string::npos && s.size() - dot <= 8 ? s.substr(dot) : "";
    s = trim_dots_and_spaces(utf8_prefix(s, kMaxSegmentBytes - ext.size())) + ext;
  }
  if (s.empty() || s.front() == '.') s.insert(0, "_");
  if (reserved_on_windows(s)) s.insert(0, "_");
  return s;
}

// Civil date and time of `ms` at `offset_minutes` east of UTC.
std::pair<std::string, std::string> date_and_time(std::int64_t ms, std::int64_t offset_minutes) {
  const CivilTime t = civil_time(ms / 1000 + offset_minutes * 60);
  return {std::to_string(t.year) + "-" + two_digits(t.month) + "-" + two_digits(t.day),
          two_digits(t.hour) + "-" + two_digits(t.minute) + "-" + two_digits(t.second)};
}

std::string text_of(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return {};
}

std::string extension_of(const json& image) {
  std::string f = ascii_lower(text_of(image, "format"));
  if (f == "jpeg") f = "jpg";
  if (f == "png" || f == "jpg" || f == "webp" || f == "gif" || f == "avif") return f;
  return "png";
}

using Values = std::vector<std::pair<std::string_view, std::string>>;

// Expands the template; an unknown or unclosed placeholder is an error naming it.
Result<std::string> expand(std::string_view tpl, const Values& values) {
  std::string out;
  for (std::size_t i = 0; i < tpl.size();) {
    if (tpl[i] != '{') {
      out += tpl[i++];
      continue;
    }
    const auto close = tpl.find('}', i);
    if (close == std::string_view::npos)
      return invalid_input("template", "template_unclosed", "the file name template has a '{' without its '}'");
    const auto name = tpl.substr(i + 1, close - i - 1);
    const std::string* value = nullptr;
    for (const auto& [k, v] : values)
      if (k == name) value = &v;
    if (!value)
      return invalid_input(
          "template", "template_placeholder",
          "unknown placeholder {" + std::string(name) +
              "}; use {date} {time} {prompt} {seed} {index} {count} {ext} {model} {id} {width} {height} {batch} {row} "
              "{kind} {duration}");
    out += *value;
    i = close + 1;
  }
  return out;
}

std::string clean_path(std::string_view expanded) {
  std::string path;
  std::vector<std::string_view> segments;
  for (std::size_t start = 0;;) {
    const auto slash = expanded.find_first_of("/\\", start);
    const auto seg = expanded.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (!seg.empty()) segments.push_back(seg);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (segments.empty()) segments.push_back("image.png");
  for (std::size_t k = 0; k < segments.size(); ++k) {
    if (!path.empty()) path += '/';
    path += clean_segment(segments[k], k + 1 == segments.size());
  }
  return path;
}

}  // namespace

Result<ojson> plan_downloads_request(const json& in) {
  auto now = read_now(in);
  if (auto e = error_of(now)) return *e;
  std::string tpl(kDefaultTemplate);
  if (const auto it = in.find("template"); it != in.end() && !it->is_null()) {
    if (!it->is_string() || it->get_ref<const std::string&>().size() > kMaxTemplateBytes)
      return invalid_input("template", "template_invalid", "the file name template must be text of at most 200 bytes");
    if (!trim_space(it->get<std::string>()).empty()) tpl = trim_space(it->get<std::string>());
  }
  std::int64_t offset = 0;
  if (const auto it = in.find("tzOffsetMinutes"); it != in.end() && !it->is_null()) {
    if (!it->is_number_integer() || std::abs(it->get<long long>()) > 18 * 60)
      return invalid_input("tzOffsetMinutes", "tz_invalid", "tzOffsetMinutes must be whole minutes within ±18 hours");
    offset = it->get<long long>();
  }
  const auto job = in.find("job");
  if (job == in.end() || !job->is_object()) return invalid_input("job", "job_missing", "job must be the job's fields");
  // Dreamina's videos are always fetched as its page fetches them (§9.6: get_local_item_list, then a plain GET of the
  // address it answers, which carries the plan's watermark state), whatever the age of the listed link.
  bool always_renew = false;
  if (const auto it = in.find("site"); it != in.end() && !it->is_null()) {
    const Site* site = it->is_string() ? find_site(it->get_ref<const std::string&>()) : nullptr;
    if (!site) return invalid_input("site", "site_unknown", "site must be 'jimeng' or 'dreamina'");
    always_renew = site->id == kDreamina.id;
  }
  // A video job's files are its videos (MP4, named with {duration} and {kind}); an image job's its images.
  const auto videos = in.find("videos");
  const bool video = videos != in.end() && videos->is_array() && !videos->empty();
  const auto images = video ? videos : in.find("images");
  if (images == in.end() || !images->is_array() || images->empty() || images->size() > kMaxImages)
    return invalid_input("images", "images_missing", "images must list 1 to 64 images (or videos) of a finished job");

  const std::int64_t now_ms = std::get<std::int64_t>(now);
  // {date} and {time} say when the work was made (madeAt, the job's creation), not when it is saved: a backup
  // of a year's work is filed by its days. Without it, now.
  std::int64_t made_ms = now_ms;
  if (const auto it = in.find("madeAt"); it != in.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > kMaxMadeAtMs)
      return invalid_input("madeAt", "made_at_invalid", "madeAt must be a time in ms");
    made_ms = it->get<std::int64_t>();
  }
  const auto [date, time] = date_and_time(made_ms, offset);
  const std::string prompt = clean_value(text_of(*job, "prompt"), kPromptCodePoints);
  const std::string id = clean_value(text_of(*job, "submitId").substr(0, 8), 8);
  ojson files = ojson::array();
  for (std::size_t k = 0; k < images->size(); ++k) {
    const json& image = (*images)[k];
    if (!image.is_object() || text_of(image, "url").empty())
      return invalid_input("images", "image_invalid", "every image needs its url");
    const auto ms = image.find("durationMs");
    const std::int64_t seconds = ms != image.end() && ms->is_number_integer() ? (ms->get<std::int64_t>() + 999) / 1000 : 0;
    const Values values = {
        {"date", date},
        {"time", time},
        {"prompt", prompt.empty() ? "jimeng" : prompt},
        {"seed", clean_value(text_of(*job, "seed"), 20)},
        {"index", std::to_string(k + 1)},
        {"count", std::to_string(images->size())},
        {"ext", video ? "mp4" : extension_of(image)},
        {"kind", video ? "video" : "image"},
        {"duration", video && seconds > 0 && seconds < 100000 ? std::to_string(seconds) + "s" : ""},
        {"model", clean_value(text_of(*job, "modelName").empty() ? text_of(*job, "model") : text_of(*job, "modelName"), 40)},
        {"id", id},
        {"width", clean_value(text_of(image, "width"), 6)},
        {"height", clean_value(text_of(image, "height"), 6)},
        // A batch's name and the row's number in it (empty for a single job: the empty segment goes away).
        {"batch", clean_value(text_of(*job, "batch"), 40)},
        {"row", clean_value(text_of(*job, "row"), 6)}};
    auto expanded = expand(tpl, values);
    if (auto e = error_of(expanded)) return *e;
    const auto exp = image.find("expiresAt");
    const std::int64_t expires = exp != image.end() && exp->is_number_integer() ? exp->get<std::int64_t>() : 0;
    // In seconds: expiresAt comes from the wire and may be any 64-bit number (the fuzzer found * 1000 overflow).
    const bool stale = expires > 0 && expires < now_ms / 1000 + kResignMarginSeconds;
    std::string name = clean_path(std::get<std::string>(expanded));
    // An upscale shares its original's prompt (and often its index): "-4K" before the extension tells them apart.
    if (!text_of(*job, "upscale").empty()) {
      const auto dot = name.rfind('.'), slash = name.rfind('/');
      name.insert(dot != std::string::npos && (slash == std::string::npos || dot > slash) ? dot : name.size(), "-4K");
    }
    ojson file = ojson::object();  // key by key: an initializer list costs far more code
    file["index"] = k + 1;
    file["name"] = std::move(name);
    file["url"] = text_of(image, "url");
    file["uri"] = text_of(image, video ? "vid" : "uri");
    // A video's link is renewed by polling its task again; an image's by get_image_by_uri.
    file["resign"] = (stale || (video && always_renew)) && (video || !text_of(image, "uri").empty());
    files.push_back(std::move(file));
  }
  return ojson{{"files", std::move(files)}};
}

}  // namespace jimeng
