#pragma once
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "jimeng/api.hpp"

namespace jimeng::test {

using nlohmann::json;

inline std::string read_sample(const std::string& name) {
  std::ifstream f(std::string(JIMENG_SAMPLES_DIR) + "/" + name, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  if (ss.str().empty()) ADD_FAILURE() << "missing sample " << name;
  return ss.str();
}

// Parses an export's answer; every answer must be a JSON object with a boolean `ok`.
inline json answer(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << text;
  EXPECT_TRUE(j.is_object() && j.contains("ok") && j["ok"].is_boolean()) << text;
  return j;
}

inline constexpr const char* kEntropy = "00112233445566778899aabbccddeeff";
inline constexpr std::int64_t kNow = 1771893826123;

inline json base_input() { return {{"prompt", "一只可爱的小猫咪在花园里玩耍"}, {"now", kNow}, {"entropy", kEntropy}}; }

inline json generate(const json& in) { return answer(api::build_generate(in.dump())); }

inline std::string error_field(const json& a) { return a.value("/error/field"_json_pointer, std::string()); }
inline std::string error_kind(const json& a) { return a.value("/error/kind"_json_pointer, std::string()); }

}  // namespace jimeng::test
