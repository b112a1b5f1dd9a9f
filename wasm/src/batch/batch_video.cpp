// A batch row's video columns (protocol §7: Seedance drafts through buildGenerate's `video` object).
#include "batch/batch_video.hpp"

#include <algorithm>

#include "base/text.hpp"
#include "protocol/video_catalog.hpp"

namespace jimeng {
namespace {

constexpr const char* kFlatKeys[] = {"kind", "durationS", "firstFrame", "lastFrame", "videoReferences"};

// One image by its name in the caller's map.
Result<json> named_image(const std::string& name, const json& images, const char* field, std::set<std::string>& named) {
  named.insert(name);
  const auto it = images.is_object() ? images.find(name) : images.end();
  if (it == images.end() || !it->is_object())
    return invalid_input(field, "image_unknown",
                         "no image named \"" + name + "\": pick the file with the batch, or name one of our results");
  return *it;
}

// "a.png; b.png | c.png": names apart by ; | or a line break (file names may hold commas).
std::vector<std::string> names_in(const std::string& cell) {
  std::vector<std::string> out;
  std::string current;
  for (char c : cell + ";") {
    if (c == ';' || c == '|' || c == '\n') {
      const std::string name = trim_space(current);
      if (!name.empty()) out.push_back(name);
      current.clear();
    } else {
      current += c;
    }
  }
  return out;
}

}  // namespace

std::optional<Error> shape_video_row(json& input, const json& row, const json& images, std::set<std::string>& named) {
  bool any = false;
  for (const char* key : kFlatKeys) any = any || input.contains(key);
  if (!any) return std::nullopt;
  const std::string kind = ascii_lower(trim_space(text_at(input, "kind")));
  if (!kind.empty() && kind != "video" && kind != "视频" && kind != "image" && kind != "图片")
    return invalid_input("kind", "kind_invalid", "kind is image (图片) or video (视频), not \"" + text_at(input, "kind") + "\"");
  const bool video_row = kind == "video" || kind == "视频" ||
                         (kind.empty() && (input.contains("durationS") || input.contains("firstFrame") ||
                                           input.contains("lastFrame") || input.contains("videoReferences")));
  json video = input.contains("video") && input["video"].is_object() ? input["video"] : json::object();
  if (video_row) {
    if (const auto it = input.find("durationS"); it != input.end()) {
      const std::string text = it->is_string() ? trim_space(it->get<std::string>()) : "";
      char* end = nullptr;
      const long long n = text.empty() ? 0 : std::strtoll(text.c_str(), &end, 10);
      // "5", "5s" or "5秒": seconds; anything else goes on for the builder to explain.
      const std::string rest = end ? std::string(end) : "";
      video["durationS"] = it->is_number() ? *it : (n > 0 && (rest.empty() || rest == "s" || rest == "秒")) ? json(n) : *it;
    }
    for (auto [key, field] : {std::pair{"firstFrame", "video.firstFrame"}, std::pair{"lastFrame", "video.lastFrame"}}) {
      const std::string name = trim_space(text_at(input, key));
      if (name.empty()) continue;
      auto image = named_image(name, images, field, named);
      if (const Error* e = error_of(image)) return *e;
      video[key] = std::get<json>(image);
    }
    if (const std::string cell = text_at(input, "videoReferences"); !cell.empty()) {
      json refs = json::array();
      for (const auto& name : names_in(cell)) {
        auto image = named_image(name, images, "video.references", named);
        if (const Error* e = error_of(image)) return *e;
        refs.push_back(std::get<json>(image));
      }
      video["references"] = std::move(refs);
    }
    // The form's settings are the batch's defaults, and they are an image's: a video row keeps only its own
    // resolution (a video one), a ratio the video model offers, and without a model of its own the first video model.
    if (row.contains("resolution")) video["resolution"] = row["resolution"];
    for (const char* key : {"count", "negativePrompt", "sampleStrength", "intelligentRatio", "references", "resolution"})
      input.erase(key);
    input["video"] = std::move(video);
    const std::vector<VideoModel> models = read_video_models(input);
    if (!row.contains("model") && !find_video_model(models, text_at(input, "model"))) input["model"] = models.front().key;
    const VideoModel* model = find_video_model(models, text_at(input, "model"));
    const std::string ratio = text_at(input, "ratio");
    if (model && !row.contains("ratio") && std::find(model->ratios.begin(), model->ratios.end(), ratio) == model->ratios.end())
      input.erase("ratio");
  }
  for (const char* key : kFlatKeys) input.erase(key);
  return std::nullopt;
}

}  // namespace jimeng
