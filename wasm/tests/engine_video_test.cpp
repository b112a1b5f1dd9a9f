// The engine's rules for video: a model's lane (1310) and the looks at a video in the service's queue.
#include "engine_sim.hpp"
#include "helpers.hpp"

namespace jimeng::test::engine_video {
namespace {

json step(const json& state, const json& event, std::int64_t now = kNow) {
  return answer(api::engine_step(state.dump(), event.dump(), now));
}
json job(const std::string& id, const std::string& model, const std::string& phase = "submitting") {
  json j = {{"submitId", id}, {"phase", phase}, {"createdAt", kNow - 1000}, {"model", model}, {"kind", "video"}};
  if (phase != "submitting") j["sentAt"] = kNow - 60'000;
  return j;
}
std::vector<std::string> submitted_ids(const json& a) {
  std::vector<std::string> out;
  for (const auto& x : a["actions"])
    if (x["type"] == "submit") out.push_back(x["submitId"]);
  return out;
}
json wait_ms(const json& a) {
  for (const auto& x : a["actions"])
    if (x["type"] == "wait") return x["ms"];
  return nullptr;
}
bool polls(const json& a) {
  for (const auto& x : a["actions"])
    if (x["type"] == "poll") return true;
  return false;
}
json lane_full() {
  return {{"ok", false},
          {"error", {{"kind", "rate_limited"}, {"code", "1310"}, {"message", "exceed_model_parallel_max"}, {"retry", "later"}}}};
}
json stored(json state, const json& answer) {  // the answer's changes, as the shell stores them
  for (const auto& p : answer["jobs"])
    for (auto& j : state["jobs"])
      if (j["submitId"] == p["submitId"]) {
        for (const auto& kv : p["set"].items()) j[kv.key()] = kv.value();
        for (const auto& k : p["unset"]) j.erase(k.get<std::string>());
      }
  state["engine"] = answer["engine"];
  return state;
}

TEST(EngineVideo, AFullModelLaneHoldsThatModelsSubmitsOnlyAndLearnsItsLimit) {
  json refused = job("a", "seedance");
  refused["attemptAt"] = kNow - 100;
  json state = {{"jobs", {refused, job("b", "seedance"), job("c", "other"), job("d", "seedance", "queued")}}};
  const json r = step(state, {{"type", "submitted"}, {"submitId", "a"}, {"result", lane_full()}});
  ASSERT_TRUE(r["ok"]) << r;
  EXPECT_EQ(submitted_ids(r), std::vector<std::string>{"c"}) << "another model's job goes at once: " << r;
  EXPECT_EQ(r["engine"]["holdUntil"], 0) << "the account is not held";
  EXPECT_EQ(r["engine"]["models"]["seedance"]["lane"], 1) << "one of the model was in flight when it was refused";
  EXPECT_EQ(r["engine"]["models"]["seedance"]["holdUntil"], kNow + 15'000);

  // The wait is over, but the lane is still full: nothing of the model goes until a poll frees a place.
  state = stored(state, r);
  const json later = step(state, {{"type", "tick"}}, kNow + 16'000);
  EXPECT_TRUE(submitted_ids(later).empty()) << later;
  state = stored(state, later);
  const json done = {{"ok", true}, {"tasks", {{"d", {{"state", "done"}, {"kind", "video"}}}}}};
  const json freed = step(state, {{"type", "polled"}, {"submitIds", {"d"}}, {"result", done}}, kNow + 17'000);
  EXPECT_EQ(submitted_ids(freed).size(), 1u) << "one place freed, one submit: " << freed;
}

TEST(EngineVideo, LaneRefusalsOfOneBurstKeepTheFewestInFlight) {
  json a = job("a", "m"), b = job("b", "m");
  a["attemptAt"] = kNow - 100;
  b["attemptAt"] = kNow - 100;
  json state = {{"jobs", {a, b, job("q", "m", "queued")}}};
  json r = step(state, {{"type", "submitted"}, {"submitId", "a"}, {"result", lane_full()}});
  EXPECT_EQ(r["engine"]["models"]["m"]["lane"], 2) << "b's answer is still awaited";
  state = stored(state, r);
  r = step(state, {{"type", "submitted"}, {"submitId", "b"}, {"result", lane_full()}}, kNow + 300);
  EXPECT_EQ(r["engine"]["models"]["m"]["lane"], 1);
  EXPECT_EQ(r["engine"]["models"]["m"]["holdUntil"], kNow + 15'000) << "one burst, one wait";
}

TEST(EngineVideo, AVideoQueuedForFortyMinutesIsNotLookedAtEveryFewSeconds) {
  json v = job("v", "m", "queued");
  v["queueSeconds"] = 2'400;
  v["queueSeenAt"] = kNow;
  const json state = {{"jobs", {v}}, {"engine", {{"watched", true}, {"lastPollAt", kNow}, {"nextPollAt", kNow + 1'500}}}};
  const json a = step(state, {{"type", "tick"}}, kNow + 1'500);
  EXPECT_FALSE(polls(a)) << a;
  EXPECT_EQ(wait_ms(a), 300'000 - 1'500) << "a quarter of the 40 minutes left, at most 5 minutes";
  EXPECT_TRUE(polls(step(state, {{"type", "tick"}}, kNow + 300'000)));
}

TEST(EngineVideo, AVideoPastItsEstimateIsLookedAtEveryTenSecondsWhileWatched) {
  json v = job("v", "m", "generating");
  v["queueSeconds"] = 60;
  v["queueSeenAt"] = kNow - 120'000;
  json state = {{"jobs", {v}}, {"engine", {{"watched", true}, {"lastPollAt", kNow}}}};
  EXPECT_EQ(wait_ms(step(state, {{"type", "tick"}})), 10'000);
  state["engine"]["watched"] = false;
  v["pollIntervalSeconds"] = 45;
  state["jobs"] = {v};
  EXPECT_EQ(wait_ms(step(state, {{"type", "tick"}})), 45'000) << "unwatched: the task's own interval";
}

TEST(EngineVideo, ImagesAndVideosArePolledInOneRequest) {
  json v = job("v", "m", "queued");
  v["queueSeconds"] = 2'400;
  v["queueSeenAt"] = kNow;
  json image = {{"submitId", "i"}, {"phase", "queued"}, {"createdAt", kNow - 1000}, {"sentAt", kNow - 5000}};
  const json state = {{"jobs", {v, image}}, {"engine", {{"watched", true}, {"lastPollAt", kNow - 1'500}, {"nextPollAt", kNow}}}};
  const json a = step(state, {{"type", "tick"}});
  ASSERT_TRUE(polls(a)) << a;
  for (const auto& x : a["actions"]) {
    if (x["type"] == "poll") EXPECT_EQ(x["submitIds"], json({"v", "i"}));
  }
}

TEST(EngineVideo, ASubmitAnswerKeepsTheQueueEstimateAndWhenItWasRead) {
  json a = job("a", "m");
  a["attemptAt"] = kNow - 100;
  const json task = {
      {"ok", true},
      {"task", {{"state", "queued"}, {"kind", "video"}, {"queueSeconds", 900}, {"pollIntervalSeconds", 30}, {"cost", 490}}}};
  const json r = step({{"jobs", {a}}}, {{"type", "submitted"}, {"submitId", "a"}, {"result", task}});
  const json set = r["jobs"][0]["set"];
  EXPECT_EQ(set["queueSeconds"], 900);
  EXPECT_EQ(set["queueSeenAt"], kNow);
  EXPECT_EQ(set["cost"], 490) << "the service's forecast, which the views show only as \"up to\"";
  EXPECT_FALSE(polls(r)) << "the answer said where it stands: no look at once: " << r;
  EXPECT_EQ(wait_ms(r), 225'000 - 100) << "a quarter of 15 minutes from its send (100 ms ago)";
}

}  // namespace
}  // namespace jimeng::test::engine_video
