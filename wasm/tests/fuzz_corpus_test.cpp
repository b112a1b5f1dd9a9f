// Replays the hand-written seeds (wasm/fuzz/seeds/<target>/), the fuzz corpus (wasm/fuzz/corpus/<target>.tar.gz, which
// CMake unpacks into the build tree) and every past finding (wasm/fuzz/regressions/<target>/) under ASan + UBSan in CI:
// each input must come back as a JSON envelope with a boolean "ok".
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../fuzz/targets.hpp"
#include "helpers.hpp"

namespace jimeng::test {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(FuzzCorpus, EveryTargetHasSeeds) {
  for (const auto& t : fuzz::kTargets)
    EXPECT_TRUE(fs::is_directory(fs::path(JIMENG_FUZZ_DIR) / "seeds" / t.name) &&
                !fs::is_empty(fs::path(JIMENG_FUZZ_DIR) / "seeds" / t.name))
        << t.name;
}

TEST(FuzzCorpus, EveryInputComesBackAsAnEnvelope) {
  std::size_t replayed = 0, corpus = 0;
  for (const std::string kind : {"seeds", "corpus", "regressions"}) {
    for (const auto& t : fuzz::kTargets) {
      const fs::path dir = (kind == "corpus" ? fs::path(JIMENG_CORPUS_DIR) : fs::path(JIMENG_FUZZ_DIR) / kind) / t.name;
      if (!fs::is_directory(dir)) continue;
      for (const auto& entry : fs::directory_iterator(dir)) {
        const json a = json::parse(t.run(read_all(entry.path())), nullptr, false);
        ASSERT_TRUE(a.is_object() && a.contains("ok") && a["ok"].is_boolean()) << entry.path();
        ++replayed;
        corpus += kind == "corpus";
      }
    }
  }
  EXPECT_GE(replayed, std::size(fuzz::kTargets));
  EXPECT_GT(corpus, std::size(fuzz::kTargets)) << "the corpus archives were not unpacked";
}

}  // namespace
}  // namespace jimeng::test
