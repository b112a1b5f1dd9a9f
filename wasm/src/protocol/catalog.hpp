// Models, ratios and pixel sizes (protocol §4.1, §4.2). The live catalogue (get_common_config, parsed by
// parse_model_config) is authoritative; builtin_models() is the fallback when the caller has none.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jimeng {

struct Size {
  int width = 0;
  int height = 0;
};

// image_ratio codes 1..8 → their sizes at one resolution.
using SizeTable = std::map<int, Size>;

struct Model {
  std::string key;                               // core_param.model and extend.root_model
  std::string name;                              // as shown on the site
  std::map<std::string, SizeTable> resolutions;  // "1k" / "2k" / "4k" → sizes
  std::vector<int> counts;                       // allowed gen_count values
  bool intelligent_ratio = false;                // may the model choose the ratio itself
  int input_image_limit = 0;                     // reference images it takes (0: text only), protocol §4.3
  bool pro_hd = false;                           // offers 智能超清 (pro_hd) besides 超清, protocol §4.5
};

inline constexpr int kRatioCount = 8;

const std::vector<Model>& builtin_models();
const Model* find_model(const std::vector<Model>& models, std::string_view key);

// "16:9" → 3; nullopt when the label is not one of the eight.
std::optional<int> ratio_code(std::string_view label);
std::string_view ratio_label(int code);  // "" for codes outside 1..8

}  // namespace jimeng
