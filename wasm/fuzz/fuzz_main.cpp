// One libFuzzer binary per target (JIMENG_FUZZ_TARGET names it). Besides the sanitizers' findings, an
// answer that is not a JSON envelope with a boolean "ok" counts as a crash: the extension relies on it.
#include <cstdint>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const jimeng::fuzz::Target* target = jimeng::fuzz::target_named(JIMENG_FUZZ_TARGET);
  if (!target) std::abort();
  const std::string answer = target->run({reinterpret_cast<const char*>(data), size});
  const auto j = nlohmann::json::parse(answer, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("ok") || !j["ok"].is_boolean()) std::abort();
  return 0;
}
