// Scheduled batches (#38): the engine decides when a batch may start, on the caller's clock, and says when one
// started late because nothing ran at its time (a closed browser).
#include "helpers.hpp"

namespace jimeng::test::schedule {
namespace {

json step(const json& state, const json& event, std::int64_t now) {
  return answer(api::engine_step(state.dump(), event.dump(), now));
}
std::vector<json> of_type(const json& a, const std::string& type) {
  std::vector<json> out;
  for (const auto& x : a["actions"])
    if (x["type"] == type) out.push_back(x);
  return out;
}
json scheduled(std::int64_t start_at) {
  json state = {{"batches", {{{"id", "b"}, {"concurrency", 2}, {"gapMs", 0}, {"startAt", start_at}}}}};
  for (int r = 1; r <= 3; ++r)
    state["jobs"].push_back(
        {{"submitId", "r" + std::to_string(r)}, {"phase", "submitting"}, {"createdAt", kNow}, {"batchId", "b"}, {"row", r}});
  return state;
}
json batch_patch(const json& a) { return a["batches"].empty() ? json(nullptr) : a["batches"][0]["set"]; }

TEST(EngineSchedule, ABatchSetForLaterSendsNothingBeforeItsTimeAndWaitsUntilThen) {
  const std::int64_t at = kNow + 8 * 3'600'000;
  const json before = step(scheduled(at), {{"type", "submit"}}, kNow);
  EXPECT_TRUE(of_type(before, "submit").empty());
  ASSERT_EQ(of_type(before, "wait").size(), 1u) << before.dump();
  EXPECT_EQ(of_type(before, "wait")[0]["ms"], 8 * 3'600'000);
  EXPECT_TRUE(of_type(step(scheduled(at), {{"type", "tick"}}, at - 1), "submit").empty());
  // At its time: its rows go, as many as its concurrency, and it records when it started (on time: nothing said).
  const json then = step(scheduled(at), {{"type", "tick"}}, at);
  ASSERT_EQ(of_type(then, "submit").size(), 2u) << then.dump();
  EXPECT_EQ(batch_patch(then)["startedAt"], at);
  EXPECT_FALSE(batch_patch(then).contains("startedLateMs"));
}

TEST(EngineSchedule, ABatchWhoseTimePassedWhileTheBrowserWasClosedStartsWhenItOpensAndSaysHowLate) {
  const std::int64_t at = kNow - 3 * 3'600'000;  // three hours ago; the browser opens now
  const json a = step(scheduled(at), {{"type", "tick"}}, kNow);
  ASSERT_EQ(of_type(a, "submit").size(), 2u) << a.dump();
  EXPECT_EQ(batch_patch(a)["startedLateMs"], 3 * 3'600'000);
  // Started once: later rows do not move its start.
  json state = scheduled(at);
  state["batches"][0]["startedAt"] = kNow;
  state["jobs"][0]["phase"] = "queued";
  state["jobs"][1]["phase"] = "queued";
  const json later = step(state, {{"type", "tick"}}, kNow + 60'000);
  EXPECT_TRUE(batch_patch(later).is_null() || !batch_patch(later).contains("startedAt")) << later.dump();
}

TEST(EngineSchedule, APausedScheduledBatchDoesNotStartAtItsTime) {
  json state = scheduled(kNow);
  state["batches"][0]["state"] = "paused";
  const json a = step(state, {{"type", "tick"}}, kNow + 1000);
  EXPECT_TRUE(of_type(a, "submit").empty());
}

}  // namespace
}  // namespace jimeng::test::schedule
