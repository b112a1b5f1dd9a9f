// The fuzz targets, shared by the libFuzzer binaries (fuzz_main.cpp) and the native test that replays the
// committed corpus in CI (wasm/tests/fuzz_corpus_test.cpp): every parser of the core, and the inputs of
// buildGenerate, planDownloads, expandBatch, step and learnPrices. Each maps raw bytes to one core call and returns the core's
// answer.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "jimeng/api.hpp"

namespace jimeng::fuzz {

// Two submit ids the seeds mention, so parsers also walk their "asked for" paths.
inline constexpr std::string_view kContext =
    R"({"status":200,"submitIds":["19637d71-15df-445e-b86d-490f3549cb85","a1b2c3d4-0000-4000-8000-000000000001"]})";

// A batch file: the first byte picks the format, the rest is the file's text.
inline std::string expand_batch_of(std::string_view d) {
  static constexpr const char* kFormats[] = {"lines", "csv", "json"};
  const char* format = d.empty() ? "lines" : kFormats[static_cast<unsigned char>(d[0]) % 3];
  const nlohmann::json in = {{"format", format},
                             {"text", std::string(d.empty() ? d : d.substr(1))},
                             {"repeat", 2},
                             {"cap", 64},
                             {"now", 1771893826123},
                             {"entropy", "00112233445566778899aabbccddeeff"},
                             {"prices", {{"high_aes_general_v40|2k|1", {{"credits", 1}, {"at", 1}}}}},
                             {"balance", 10}};
  return api::expand_batch(in.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// The engine's step: the state before the first newline, the event after it (a tick when there is none).
inline std::string engine_step_of(std::string_view d) {
  const auto cut = d.find('\n');
  const std::string_view state = d.substr(0, cut);
  const std::string_view event = cut == std::string_view::npos ? std::string_view(R"({"type":"tick"})") : d.substr(cut + 1);
  return api::engine_step(state, event, 1771893826123);
}

struct Target {
  const char* name;
  std::string (*run)(std::string_view data);
};

inline const Target kTargets[] = {
    {"parse_generate", [](std::string_view d) { return api::parse_generate(std::string(d), kContext); }},
    {"parse_history", [](std::string_view d) { return api::parse_history(std::string(d), kContext); }},
    {"parse_credit", [](std::string_view d) { return api::parse_credit(std::string(d), kContext); }},
    {"parse_credit_history", [](std::string_view d) { return api::parse_credit_history(std::string(d), kContext); }},
    {"parse_model_config", [](std::string_view d) { return api::parse_model_config(std::string(d), kContext); }},
    {"parse_video_model_config", [](std::string_view d) { return api::parse_video_model_config(std::string(d), kContext); }},
    {"parse_asset_list", [](std::string_view d) { return api::parse_asset_list(std::string(d), kContext); }},
    {"parse_image_resign", [](std::string_view d) { return api::parse_image_resign(std::string(d), kContext); }},
    {"build_generate", [](std::string_view d) { return api::build_generate(d); }},
    {"plan_downloads", [](std::string_view d) { return api::plan_downloads(d); }},
    {"expand_batch", expand_batch_of},
    {"engine_step", engine_step_of},
    {"learn_prices", [](std::string_view d) { return api::learn_prices(d); }},
    {"parse_upload_token", [](std::string_view d) { return api::parse_upload_token(std::string(d), kContext); }},
    {"parse_apply_upload", [](std::string_view d) { return api::parse_apply_upload(std::string(d), kContext); }},
    {"parse_upload_put", [](std::string_view d) { return api::parse_upload_put(std::string(d), kContext); }},
    {"parse_commit_upload", [](std::string_view d) { return api::parse_commit_upload(std::string(d), kContext); }},
    {"check_image", [](std::string_view d) { return api::check_image(std::string(d), ""); }},
};

inline const Target* target_named(std::string_view name) {
  for (const auto& t : kTargets)
    if (name == t.name) return &t;
  return nullptr;
}

}  // namespace jimeng::fuzz
