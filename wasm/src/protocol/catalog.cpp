#include "protocol/catalog.hpp"

#include <array>

namespace jimeng {
namespace {

constexpr std::array<std::string_view, kRatioCount> kRatioLabels = {"1:1", "3:4", "16:9", "4:3", "9:16", "2:3", "3:2", "21:9"};

// Protocol §4.2, one row per ratio code 1..8.
SizeTable table(const std::array<Size, kRatioCount>& rows) {
  SizeTable t;
  for (int i = 0; i < kRatioCount; ++i) t[i + 1] = rows[i];
  return t;
}

const SizeTable& sizes_1k_v3() {
  static const SizeTable t =
      table({{{1328, 1328}, {1104, 1472}, {1664, 936}, {1472, 1104}, {936, 1664}, {1056, 1584}, {1584, 1056}, {2016, 864}}});
  return t;
}
const SizeTable& sizes_1k_v2() {
  static const SizeTable t =
      table({{{1024, 1024}, {768, 1024}, {1024, 576}, {1024, 768}, {576, 1024}, {682, 1024}, {1024, 682}, {1195, 512}}});
  return t;
}
const SizeTable& sizes_2k() {
  static const SizeTable t =
      table({{{2048, 2048}, {1728, 2304}, {2560, 1440}, {2304, 1728}, {1440, 2560}, {1664, 2496}, {2496, 1664}, {3024, 1296}}});
  return t;
}
const SizeTable& sizes_4k() {
  static const SizeTable t =
      table({{{4096, 4096}, {3520, 4693}, {5404, 3040}, {4693, 3520}, {3040, 5404}, {3328, 4992}, {4992, 3328}, {6197, 2656}}});
  return t;
}

std::vector<int> counts_up_to(int n) {
  std::vector<int> v;
  for (int i = 1; i <= n; ++i) v.push_back(i);
  return v;
}

// Reference limits: 6 for 4.x and 10 for 5.0 (protocol §4.3); 3.x takes one. The live catalogue says more.
Model modern(std::string key, std::string name, int references) {
  return {std::move(key), std::move(name), {{"2k", sizes_2k()}, {"4k", sizes_4k()}}, counts_up_to(8), true, references};
}
Model v3(std::string key, std::string name) {
  return {std::move(key), std::move(name), {{"1k", sizes_1k_v3()}, {"2k", sizes_2k()}}, counts_up_to(4), false, 1};
}

}  // namespace

const std::vector<Model>& builtin_models() {
  static const std::vector<Model> models = {
      modern("high_aes_general_v50", "图片 5.0 Lite", 10),
      modern("high_aes_general_v43", "图片 4.7", 6),
      modern("high_aes_general_v42", "图片 4.6", 6),
      modern("high_aes_general_v40l", "图片 4.5", 6),
      modern("high_aes_general_v41", "图片 4.1", 6),
      modern("high_aes_general_v40", "图片 4.0", 6),
      v3("high_aes_general_v30l_art_fangzhou:general_v3.0_18b", "图片 3.1"),
      v3("high_aes_general_v30l:general_v3.0_18b", "图片 3.0"),
      Model{"high_aes_general_v20_L:general_v2.0_L", "图片 2.0 Pro", {{"1k", sizes_1k_v2()}}, counts_up_to(4), false},
  };
  return models;
}

const Model* find_model(const std::vector<Model>& models, std::string_view key) {
  for (const auto& m : models)
    if (m.key == key) return &m;
  for (const auto& m : models)  // a name as the site shows it ("图片 4.0"), as people write it in a spreadsheet
    if (m.name == key) return &m;
  return nullptr;
}

std::optional<int> ratio_code(std::string_view label) {
  for (int i = 0; i < kRatioCount; ++i)
    if (kRatioLabels[i] == label) return i + 1;
  return std::nullopt;
}

std::string_view ratio_label(int code) { return code >= 1 && code <= kRatioCount ? kRatioLabels[code - 1] : std::string_view{}; }

}  // namespace jimeng
