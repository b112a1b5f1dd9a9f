// The engine's decisions, one rule at a time (whole simulated runs: engine_sim_test.cpp).
#include "engine_sim.hpp"
#include "helpers.hpp"

namespace jimeng::test {
namespace {

json step(const json& state, const json& event, std::int64_t now = kNow) {
  return answer(api::engine_step(state.dump(), event.dump(), now));
}
json job(const std::string& id, const std::string& phase = "submitting") {
  return {{"submitId", id}, {"phase", phase}, {"createdAt", kNow - 1000}};
}
std::vector<json> actions_of(const json& a, const std::string& type) {
  std::vector<json> out;
  for (const auto& x : a["actions"])
    if (x["type"] == type) out.push_back(x);
  return out;
}
json patch_of(const json& a, const std::string& id) {
  for (const auto& p : a["jobs"])
    if (p["submitId"] == id) return p;
  return nullptr;
}
json ok_task(const std::string& state) {
  return {{"ok", true}, {"task", {{"state", state}, {"historyId", "h1"}, {"total", 4}, {"finished", 0}}}};
}
json refusal(const char* kind, const char* code, const char* retry) {
  return {{"ok", false}, {"error", {{"kind", kind}, {"code", code}, {"message", "m"}, {"retry", retry}}}};
}

json missing_task(const std::string& id) { return {{"ok", true}, {"tasks", {{id, {{"state", "queued"}, {"missing", true}}}}}}; }
json polled_missing(const std::string& id, std::int64_t sent_at) {
  return {{"type", "polled"}, {"submitIds", {id}}, {"sentAt", sent_at}, {"result", missing_task(id)}};
}

TEST(Engine, AUserSubmitIsSentAtOnceAndMarkedAsAwaitingItsAnswer) {
  const json a = step({{"jobs", {job("a")}}}, {{"type", "submit"}});
  ASSERT_TRUE(a["ok"]) << a;
  ASSERT_EQ(actions_of(a, "submit").size(), 1u);
  EXPECT_EQ(patch_of(a, "a")["set"]["attemptAt"], kNow);
  EXPECT_TRUE(actions_of(a, "poll").empty()) << "a job whose submit just left is not polled in the same step";
  ASSERT_EQ(actions_of(a, "wait").size(), 1u);
}

TEST(Engine, ASubmitAwaitingItsAnswerIsNeverSentAgainButLookedUp) {
  json j = job("a");
  j["attemptAt"] = kNow - 500;
  const json a = step({{"jobs", {j}}}, {{"type", "tick"}});
  EXPECT_TRUE(actions_of(a, "submit").empty());
  ASSERT_EQ(actions_of(a, "poll").size(), 1u);
  EXPECT_EQ(actions_of(a, "poll")[0]["submitIds"], json({"a"}));
}

TEST(Engine, ATasksLifetimeRunsFromWhenTheServiceMadeItOnTheServicesClock) {
  json row = job("r", "queued");
  row["createdAt"] = kNow - 25 * 3'600'000LL;  // its batch was made a day ago
  row["sentAt"] = kNow - 3'600'000;
  row["batchId"] = "b";
  row["createdTime"] = 1'900'000'000;  // the service's clock, whatever ours says
  const json state = {{"jobs", {row}}, {"batches", {{{"id", "b"}}}}};
  const json poll = actions_of(step(state, {{"type", "tick"}}), "poll").at(0);
  EXPECT_EQ(poll["context"]["createdAt"]["r"], 1'900'000'000'000LL) << "the parser weighs it against the answer's time";
  EXPECT_TRUE(patch_of(step(state, polled_missing("r", kNow - 500)), "r").is_null()) << "a day-old batch is no reason";
  // The submit answer's task brings its creation time, and it is kept.
  json sent = job("s");
  sent["attemptAt"] = kNow - 300;
  const json answered =
      step({{"jobs", {sent}}}, {{"type", "submitted"},
                                {"submitId", "s"},
                                {"result", {{"ok", true}, {"task", {{"state", "queued"}, {"createdTime", 1'900'000'123}}}}}});
  EXPECT_EQ(patch_of(answered, "s")["set"]["createdTime"], 1'900'000'123);
  // Never told when (no creation time): given up a task lifetime after its send, on our clock.
  row.erase("createdTime");
  EXPECT_TRUE(patch_of(step({{"jobs", {row}}, {"batches", {{{"id", "b"}}}}}, polled_missing("r", kNow - 500)), "r").is_null());
  row["sentAt"] = kNow - 24 * 3'600'000LL - 1;
  const json gone = step({{"jobs", {row}}, {"batches", {{{"id", "b"}}}}}, polled_missing("r", kNow - 500));
  EXPECT_EQ(patch_of(gone, "r")["set"]["error"]["code"], "timeout");
}

TEST(Engine, ASlowAnswerIsAwaitedWhateverPollsSayAndTheShellIsToldHowLongToWait) {
  const json sent = step({{"jobs", {job("a")}}}, {{"type", "submit"}});
  EXPECT_EQ(actions_of(sent, "submit")[0]["timeoutMs"], 120'000) << "the shell waits as long as the core says";
  json j = job("a");
  j["attemptAt"] = kNow - 89'000;  // Jimeng holds the answer; the task may not exist yet
  json state = {{"jobs", {j}}, {"engine", {{"nextPollAt", kNow + 99'999}}}};
  for (int i = 0; i < 10; ++i) {
    const json a = step(state, polled_missing("a", kNow - 1000));
    EXPECT_TRUE(actions_of(a, "submit").empty()) << "resent while its answer was awaited";
    EXPECT_TRUE(patch_of(a, "a").is_null()) << "a missing poll counted while the answer was awaited: " << a;
  }
}

TEST(Engine, ALostSubmitIsLookedUpThenResentOnceWithTheSameIdThenFailsAsOutcomeUnknown) {
  json j = job("a");
  j["attemptAt"] = kNow - 70'000;
  json state = {{"jobs", {j}}, {"engine", {{"nextPollAt", kNow + 99'999}}}};
  json a = step(state, {{"type", "submitLost"}, {"submitId", "a"}, {"why", "tab_gone"}}, kNow - 40'000);
  EXPECT_EQ(patch_of(a, "a")["set"]["submitLost"], json({{"at", kNow - 40'000}, {"why", "tab_gone"}}));
  state["jobs"][0]["submitLost"] = {{"at", kNow - 40'000}, {"why", "tab_gone"}};
  // A poll that left before the loss says nothing about it.
  EXPECT_TRUE(patch_of(step(state, polled_missing("a", kNow - 41'000)), "a").is_null());
  for (int i = 1; i <= 2; ++i) {
    a = step(state, polled_missing("a", kNow - 1000));
    EXPECT_TRUE(actions_of(a, "submit").empty()) << "resent after " << i << " polls";
    state["jobs"][0]["missingPolls"] = i;
  }
  // Three polls after the loss, but too soon after it: no resend yet.
  EXPECT_TRUE(actions_of(step(state, polled_missing("a", kNow - 1000), kNow - 15'000), "submit").empty());
  a = step(state, polled_missing("a", kNow - 1000));
  ASSERT_EQ(actions_of(a, "submit").size(), 1u) << a;
  EXPECT_EQ(actions_of(a, "submit")[0]["submitId"], "a");
  EXPECT_EQ(patch_of(a, "a")["set"]["resends"], 1);
  EXPECT_EQ(patch_of(a, "a")["set"]["attempts"], 1);
  const json unset = patch_of(a, "a")["unset"];
  EXPECT_NE(std::find(unset.begin(), unset.end(), "submitLost"), unset.end()) << "the loss is settled by the resend";
  // The resend's answer is lost too: after the same look-up the job fails; nothing is sent a third time.
  state["jobs"][0] = job("a");
  state["jobs"][0]["resends"] = 1;
  state["jobs"][0]["attemptAt"] = kNow - 61'000;
  state["jobs"][0]["submitLost"] = {{"at", kNow - 31'000}, {"why", "timeout"}};
  state["jobs"][0]["missingPolls"] = 2;
  a = step(state, polled_missing("a", kNow - 1000));
  EXPECT_TRUE(actions_of(a, "submit").empty());
  EXPECT_EQ(patch_of(a, "a")["set"]["phase"], "failed");
  EXPECT_EQ(patch_of(a, "a")["set"]["error"]["code"], "outcome_unknown");
  EXPECT_NE(patch_of(a, "a")["set"]["error"]["message"].get<std::string>().find("history"), std::string::npos);
}

TEST(Engine, ASubmitWhoseAnswerNeverCameBecauseItsWorkerStoppedIsTreatedAsLost) {
  json j = job("a");
  j["attemptAt"] = kNow - 149'000;
  EXPECT_TRUE(patch_of(step({{"jobs", {j}}}, {{"type", "tick"}}), "a").is_null()) << "the shell's wait is not over";
  j["attemptAt"] = kNow - 150'000;
  const json a = step({{"jobs", {j}}}, {{"type", "tick"}});
  EXPECT_EQ(patch_of(a, "a")["set"]["submitLost"]["why"], "no_answer") << a;
  EXPECT_TRUE(actions_of(a, "submit").empty());
}

TEST(Engine, ASubmitThatNeverLeftTheExtensionWaitsAndGoesAgainWithoutALookup) {
  json j = job("a");
  j["attemptAt"] = kNow - 30'000;
  const json error = {{"kind", "server_error"}, {"code", "no_bridge"}, {"message", "no Jimeng page"}, {"retry", "later"}};
  const json a = step({{"jobs", {j}}}, {{"type", "submitLost"}, {"submitId", "a"}, {"why", "not_sent"}, {"error", error}});
  EXPECT_EQ(patch_of(a, "a")["set"]["nextAttemptAt"], kNow + 15'000);
  EXPECT_EQ(patch_of(a, "a")["set"]["lastError"]["code"], "no_bridge");
  EXPECT_FALSE(patch_of(a, "a")["set"].contains("resends"));
}

TEST(Engine, AnAnswerThatMayHideACreatedTaskIsLookedUpAsALostOne) {
  json j = job("a");
  j["attemptAt"] = kNow - 100;
  for (const json& r : {refusal("malformed_response", "not_json", "never"), refusal("server_error", "http_502", "later")}) {
    const json a = step({{"jobs", {j}}, {"engine", {{"nextPollAt", kNow + 5000}}}},
                        {{"type", "submitted"}, {"submitId", "a"}, {"result", r}});
    EXPECT_EQ(patch_of(a, "a")["set"]["submitLost"]["at"], kNow) << a;
    EXPECT_TRUE(actions_of(a, "submit").empty());
  }
}

TEST(Engine, AnUnknownCodeIsTriedOnceMoreThenFailsWithTheServicesMessageAndPausesItsBatch) {
  json j = job("a");
  j["attemptAt"] = kNow - 100;
  j["batchId"] = "b";
  const json batch = {{"id", "b"}, {"state", "running"}};
  const json unknown = {
      {"ok", false},
      {"error",
       {{"kind", "server_error"}, {"code", "7777"}, {"message", "unexpected error from Jimeng: 系统繁忙"}, {"retry", "once"}}}};
  json a = step({{"jobs", {j}}, {"batches", {batch}}}, {{"type", "submitted"}, {"submitId", "a"}, {"result", unknown}});
  EXPECT_EQ(patch_of(a, "a")["set"]["unknownRetried"], true);
  EXPECT_EQ(patch_of(a, "a")["set"]["nextAttemptAt"], kNow + 15'000);
  EXPECT_EQ(a["engine"]["holdUntil"], 0) << "an unknown code holds only its own job";
  j["unknownRetried"] = true;
  json next_row = job("b");
  next_row["batchId"] = "b";
  a = step({{"jobs", {j, next_row}}, {"batches", {batch}}}, {{"type", "submitted"}, {"submitId", "a"}, {"result", unknown}});
  EXPECT_TRUE(actions_of(a, "submit").empty()) << "the paused batch sends no other row";
  EXPECT_EQ(patch_of(a, "a")["set"]["phase"], "failed");
  EXPECT_EQ(patch_of(a, "a")["set"]["error"]["message"], "unexpected error from Jimeng: 系统繁忙");
  EXPECT_EQ(patch_of(a, "a")["set"]["error"]["retry"], "never");
  ASSERT_EQ(a["batches"].size(), 1u);
  EXPECT_EQ(a["batches"][0]["set"]["state"], "paused");
  EXPECT_EQ(a["batches"][0]["set"]["pause"]["code"], "7777");
}

TEST(Engine, AJobRefusedTwentyTimesIsGivenUpUncharged) {
  json j = job("a");
  j["attempts"] = 19;
  EXPECT_EQ(actions_of(step({{"jobs", {j}}}, {{"type", "tick"}}), "submit").size(), 1u);
  j["attempts"] = 20;
  const json a = step({{"jobs", {j}}}, {{"type", "tick"}});
  EXPECT_TRUE(actions_of(a, "submit").empty());
  EXPECT_EQ(patch_of(a, "a")["set"]["error"]["code"], "too_many_attempts");
}

TEST(Engine, TheAccountsLaterAnswersHoldEverySubmitLongerEachTime) {
  json j = job("a");
  j["attemptAt"] = kNow - 100;
  json a =
      step({{"jobs", {j}}}, {{"type", "submitted"}, {"submitId", "a"}, {"result", refusal("rate_limited", "1010", "later")}});
  EXPECT_EQ(a["engine"]["holdMs"], 15'000);
  EXPECT_EQ(patch_of(a, "a")["set"]["nextAttemptAt"], kNow + 15'000);
  EXPECT_EQ(patch_of(a, "a")["set"]["lastError"]["code"], "1010");
  j["engine"] = nullptr;
  a = step({{"jobs", {j}}, {"engine", a["engine"]}},
           {{"type", "submitted"}, {"submitId", "a"}, {"result", refusal("rate_limited", "5001", "later")}}, kNow + 15'000);
  EXPECT_EQ(a["engine"]["holdMs"], 30'000);
  EXPECT_EQ(a["engine"]["queueCap"], 1) << "5001: what was in flight is the account's queue limit";
}

TEST(Engine, ASubmitWhoseWorkerDiedIsLookedUpByTheNextWorkerAtOnceAndNotResentBeforeTheLookUp) {
  json j = job("a");
  j["attemptAt"] = kNow - 2'000;
  json a = step({{"jobs", {j}}}, {{"type", "workerStarted"}});
  EXPECT_EQ(patch_of(a, "a")["set"]["submitLost"]["why"], "worker_restarted") << a.dump();
  EXPECT_TRUE(actions_of(a, "submit").empty()) << "maybe sent is sent: no resend before a look-up";
  const json unsent = step({{"jobs", {job("b")}}}, {{"type", "workerStarted"}});
  EXPECT_FALSE(patch_of(unsent, "b")["set"].contains("submitLost")) << "a job never sent is not lost";
}

TEST(Engine, SubmitsRefusedTogetherShareOneWaitInsteadOfEachWaitingLonger) {
  json a = job("a"), b = job("b"), c = job("c");
  for (json* j : {&a, &b, &c}) (*j)["attemptAt"] = kNow - 100;
  json state = {{"jobs", {a, b, c}}};
  json r = step(state, {{"type", "submitted"}, {"submitId", "a"}, {"result", refusal("rate_limited", "5001", "later")}});
  state["engine"] = r["engine"];
  r = step(state, {{"type", "submitted"}, {"submitId", "b"}, {"result", refusal("rate_limited", "5001", "later")}}, kNow + 200);
  state["engine"] = r["engine"];
  r = step(state, {{"type", "submitted"}, {"submitId", "c"}, {"result", refusal("rate_limited", "5001", "later")}}, kNow + 400);
  EXPECT_EQ(r["engine"]["holdMs"], 15'000) << "one burst of refusals is one refusal in a row";
  EXPECT_EQ(patch_of(r, "c")["set"]["nextAttemptAt"], kNow + 15'000) << "the last refused waits no longer than the first";
}

TEST(Engine, AFailedPollWaitsTwiceAsLongFromItsAnswerAndASuccessfulOneResetsTheWait) {
  json j = job("a", "queued");
  json state = {{"jobs", {j}}, {"engine", {{"watched", true}, {"nextPollAt", kNow + 1500}}}};
  json a = step(state, {{"type", "polled"}, {"submitIds", {"a"}}, {"result", refusal("server_error", "http_502", "later")}});
  EXPECT_EQ(a["engine"]["backoff"], 2);
  EXPECT_EQ(a["engine"]["nextPollAt"], kNow + 3000);
  EXPECT_EQ(actions_of(a, "wait")[0]["ms"], 3000);
  state["engine"] = a["engine"];
  a = step(state, {{"type", "polled"}, {"submitIds", {"a"}}, {"result", refusal("rate_limited", "1010", "later")}}, kNow + 3000);
  EXPECT_EQ(a["engine"]["nextPollAt"], kNow + 3000 + 6000);
  state["engine"] = a["engine"];
  const json fine = {{"ok", true}, {"tasks", {{"a", {{"state", "queued"}}}}}};
  EXPECT_EQ(step(state, {{"type", "polled"}, {"submitIds", {"a"}}, {"result", fine}}, kNow + 9000)["engine"]["backoff"], 1);
}

TEST(Engine, VersionOutdatedRefreshesOnceAndHoldsSubmitsUntilFresh) {
  json j = job("a"), k = job("b");
  j["attemptAt"] = kNow - 100;
  const json a =
      step({{"jobs", {j, k}}},
           {{"type", "submitted"}, {"submitId", "a"}, {"result", refusal("version_outdated", "3018", "after_refresh")}});
  EXPECT_EQ(actions_of(a, "refreshVersions").size(), 1u);
  EXPECT_TRUE(actions_of(a, "submit").empty()) << "nothing is sent while versions are refreshed: " << a;
  json retried = j;
  retried.erase("attemptAt");
  retried["versionRetried"] = true;
  const json b = step({{"jobs", {retried, k}}, {"engine", a["engine"]}}, {{"type", "versionsRefreshed"}});
  EXPECT_EQ(actions_of(b, "submit").size(), 2u);
  // A second 3018 for the same job is not retried again: it fails.
  retried["attemptAt"] = kNow;
  const json c =
      step({{"jobs", {retried}}},
           {{"type", "submitted"}, {"submitId", "a"}, {"result", refusal("version_outdated", "3018", "after_refresh")}});
  EXPECT_EQ(patch_of(c, "a")["set"]["phase"], "failed");
}

TEST(Engine, LoginRequiredWaitsAndALoginSendsAtOnce) {
  json j = job("a");
  j["attemptAt"] = kNow - 100;
  const json a = step({{"jobs", {j}}},
                      {{"type", "submitted"}, {"submitId", "a"}, {"result", refusal("login_required", "1015", "after_login")}});
  EXPECT_EQ(patch_of(a, "a")["set"]["needsLogin"], true);
  EXPECT_TRUE(actions_of(a, "submit").empty());
  json waiting = {{"submitId", "a"}, {"phase", "submitting"}, {"needsLogin", true}, {"nextAttemptAt", kNow + 15'000}};
  const json b = step({{"jobs", {waiting}}}, {{"type", "login"}}, kNow + 100);
  EXPECT_EQ(actions_of(b, "submit").size(), 1u) << b;
}

TEST(Engine, ABatchKeepsItsConcurrencyAndItsPauseBetweenSubmits) {
  json state = {{"batches", {{{"id", "b"}, {"concurrency", 2}, {"gapMs", 3000}, {"spreadMs", 0}}}}};
  for (int r = 1; r <= 5; ++r)
    state["jobs"].push_back({{"submitId", "r" + std::to_string(r)}, {"phase", "submitting"}, {"batchId", "b"}, {"row", r}});
  const json a = step(state, {{"type", "submit"}});
  ASSERT_EQ(actions_of(a, "submit").size(), 1u) << "one submit, then the pause";
  EXPECT_EQ(actions_of(a, "submit")[0]["submitId"], "r1");
  EXPECT_EQ(actions_of(a, "wait")[0]["ms"], 3000);
  state["jobs"][0]["phase"] = "queued";
  state["batches"][0]["nextSubmitAt"] = kNow + 3000;
  const json b = step(state, {{"type", "tick"}}, kNow + 3000);
  ASSERT_EQ(actions_of(b, "submit").size(), 1u);
  EXPECT_EQ(actions_of(b, "submit")[0]["submitId"], "r2");
  state["jobs"][1]["phase"] = "generating";
  const json c = step(state, {{"type", "tick"}}, kNow + 9000);
  EXPECT_TRUE(actions_of(c, "submit").empty()) << "two in flight: the third waits for a place";
}

TEST(Engine, CreditsOrRiskControlPauseTheWholeBatchAndTheRowStaysUnsent) {
  json state = {{"batches", {{{"id", "b"}, {"concurrency", 2}}}}};
  state["jobs"] = {{{"submitId", "r1"}, {"phase", "submitting"}, {"batchId", "b"}, {"row", 1}, {"attemptAt", kNow - 100}},
                   {{"submitId", "r2"}, {"phase", "submitting"}, {"batchId", "b"}, {"row", 2}}};
  for (const json& r : {refusal("insufficient_credits", "1006", "never"), refusal("risk_control", "4013", "never"),
                        refusal("rate_limited", "121101", "never")}) {
    const json a = step(state, {{"type", "submitted"}, {"submitId", "r1"}, {"result", r}});
    EXPECT_EQ(a["batches"][0]["set"]["state"], "paused") << a;
    EXPECT_EQ(a["batches"][0]["set"]["pause"]["code"], r["error"]["code"]);
    EXPECT_FALSE(patch_of(a, "r1")["set"].contains("phase")) << "the row is not failed";
    EXPECT_TRUE(actions_of(a, "submit").empty());
  }
}

TEST(Engine, AModeratedRowFailsAloneAndTheBatchGoesOn) {
  json state = {{"batches", {{{"id", "b"}, {"concurrency", 1}}}}};
  state["jobs"] = {{{"submitId", "r1"}, {"phase", "submitting"}, {"batchId", "b"}, {"row", 1}, {"attemptAt", kNow - 100}},
                   {{"submitId", "r2"}, {"phase", "submitting"}, {"batchId", "b"}, {"row", 2}}};
  const json a =
      step(state, {{"type", "submitted"}, {"submitId", "r1"}, {"result", refusal("content_rejected", "2038", "never")}});
  EXPECT_EQ(patch_of(a, "r1")["set"]["phase"], "failed");
  ASSERT_EQ(actions_of(a, "submit").size(), 1u);
  EXPECT_EQ(actions_of(a, "submit")[0]["submitId"], "r2");
}

TEST(Engine, ABatchCountsTheTimeEachRowTookFromItsSubmitToDoneForTheEta) {
  json state = {{"batches", {{{"id", "b"}, {"concurrency", 2}, {"timed", 1}, {"doneMs", 30'000}}}}};
  state["jobs"] = {{{"submitId", "r1"}, {"phase", "submitting"}, {"batchId", "b"}, {"row", 1}, {"attemptAt", kNow - 100}},
                   {{"submitId", "r2"}, {"phase", "generating"}, {"batchId", "b"}, {"row", 2}, {"sentAt", kNow - 20'000}}};
  const json sent = step(state, {{"type", "submitted"}, {"submitId", "r1"}, {"result", ok_task("queued")}});
  EXPECT_EQ(patch_of(sent, "r1")["set"]["sentAt"], kNow - 100) << "sent when its submit went out";
  const json done = {{"ok", true}, {"tasks", {{"r2", {{"state", "done"}, {"total", 4}, {"finished", 4}}}}}};
  const json a = step(state, {{"type", "polled"}, {"submitIds", {"r2"}}, {"result", done}});
  EXPECT_EQ(a["batches"][0]["set"]["timed"], 2) << a;
  EXPECT_EQ(a["batches"][0]["set"]["doneMs"], 50'000);
  EXPECT_FALSE(patch_of(a, "r2")["set"].contains("sentAt")) << "kept from its first answer";
}

TEST(Engine, ABatchRowIsLookedAtWhenPollsHaveShownItShouldBeDoneNotAWholeIntervalLater) {
  // Rows of this batch were seen done 2 s after their send, and still running 1 s after it.
  json state = {
      {"batches",
       {{{"id", "b"}, {"concurrency", 2}, {"timed", 3}, {"doneMs", 9'000}, {"fastestMs", 2'000}, {"pendingMs", 1'000}}}},
      {"engine", {{"nextPollAt", kNow + 8'000}, {"lastPollAt", kNow - 900}}}};
  state["jobs"] = {{{"submitId", "r1"}, {"phase", "generating"}, {"batchId", "b"}, {"row", 1}, {"sentAt", kNow - 1'000}}};
  const json early = step(state, {{"type", "tick"}});
  EXPECT_TRUE(actions_of(early, "poll").empty());
  ASSERT_EQ(actions_of(early, "wait").size(), 1u);
  EXPECT_EQ(actions_of(early, "wait")[0]["ms"], 500) << "halfway between 1 and 2 s after its send, not in 8 s";
  const json due = step(state, {{"type", "tick"}}, kNow + 500);
  ASSERT_EQ(actions_of(due, "poll").size(), 1u) << due;
  EXPECT_EQ(due["engine"]["lastPollAt"], kNow + 500);

  // Still running at 1.5 s: the batch learns it, and the row is looked at again halfway to 2 s.
  state["engine"] = due["engine"];
  const json running = {{"ok", true}, {"tasks", {{"r1", {{"state", "generating"}, {"total", 4}, {"finished", 1}}}}}};
  const json seen = step(state, {{"type", "polled"}, {"submitIds", {"r1"}}, {"result", running}}, kNow + 700);
  EXPECT_EQ(seen["batches"][0]["set"]["pendingMs"], 1'500) << seen;
  EXPECT_EQ(actions_of(seen, "wait")[0]["ms"], 50) << "at 1.75 s";
  // Once the two are close (here 1.9 and 2 s), the one look is at 2 s.
  json close = state;
  close["batches"][0]["pendingMs"] = 1'900;
  EXPECT_EQ(actions_of(step(close, {{"type", "tick"}}, kNow + 700), "wait")[0]["ms"], 300);

  // Done when looked at 2 s after its send (its answer came later): 2 s is what the batch keeps.
  state["engine"]["lastPollAt"] = kNow + 1'000;
  const json done = {{"ok", true}, {"tasks", {{"r1", {{"state", "done"}, {"total", 4}, {"finished", 4}}}}}};
  const json a = step(state, {{"type", "polled"}, {"submitIds", {"r1"}}, {"result", done}}, kNow + 1'400);
  EXPECT_FALSE(a["batches"][0]["set"].contains("fastestMs")) << "not quicker than 2 s";
  EXPECT_EQ(a["batches"][0]["set"]["doneMs"], 9'000 + 2'400) << "the ETA counts until the answer";

  // Late (running past 2 s): looked at every quarter of it; and never sooner while polls fail.
  state["engine"]["lastPollAt"] = kNow + 1'100;
  EXPECT_EQ(actions_of(step(state, {{"type", "tick"}}, kNow + 1'200), "wait")[0]["ms"], 400);
  state["engine"]["backoff"] = 2;
  EXPECT_TRUE(actions_of(step(state, {{"type", "tick"}}, kNow + 1'700), "poll").empty());
}

TEST(Engine, CancelFailsOnlyTheUnsentRowsAndAnEndedBatchIsAnnouncedOnce) {
  json state = {{"batches", {{{"id", "b"}, {"concurrency", 1}}}}};
  state["jobs"] = {{{"submitId", "r1"}, {"phase", "queued"}, {"batchId", "b"}, {"row", 1}},
                   {{"submitId", "r2"}, {"phase", "submitting"}, {"batchId", "b"}, {"row", 2}}};
  const json a = step(state, {{"type", "cancel"}, {"batchId", "b"}});
  EXPECT_EQ(patch_of(a, "r2")["set"]["error"]["code"], "cancelled");
  EXPECT_TRUE(patch_of(a, "r1").is_null()) << "a sent task cannot be cancelled on Jimeng";
  EXPECT_TRUE(actions_of(a, "notify").empty()) << "r1 still runs";
  state["jobs"] = json::array();
  state["batches"][0]["state"] = "cancelled";
  const json b = step(state, {{"type", "tick"}});
  EXPECT_EQ(b["batches"][0]["set"]["state"], "ended");
  EXPECT_EQ(actions_of(b, "notify").size(), 1u);
  state["batches"][0]["state"] = "ended";
  state["batches"][0]["announced"] = true;
  EXPECT_TRUE(actions_of(step(state, {{"type", "tick"}}), "notify").empty());
}

TEST(Engine, NothingOpenMeansNoWaitAndBadInputGetsAClearError) {
  const json idle = step({{"jobs", json::array()}}, {{"type", "tick"}});
  EXPECT_TRUE(idle["actions"].empty()) << idle;
  EXPECT_EQ(error_kind(answer(api::engine_step("[", "{}", kNow))), "invalid_input");
  EXPECT_EQ(error_field(step({{"jobs", {{{"phase", "queued"}}}}}, {{"type", "tick"}})), "jobs");
  EXPECT_EQ(error_field(step(json::object(), {{"type", "explode"}})), "type");
  // Phases and batch states are the engine's enums: a word it does not know is refused, not guessed at.
  EXPECT_EQ(error_field(step({{"jobs", {{{"submitId", "a"}, {"phase", "sending"}}}}}, {{"type", "tick"}})), "jobs");
  EXPECT_EQ(error_field(step({{"batches", {{{"id", "b"}, {"state", "paused?"}}}}}, {{"type", "tick"}})), "batches");
  EXPECT_EQ(error_field(step({{"batches", json::array()}}, {{"type", "pause"}, {"batchId", "x"}})), "batchId");
  EXPECT_EQ(answer(api::engine_step("", "{\"type\":\"tick\"}", -5))["error"]["field"], "now");
}

json seen(const std::string& id, const json& task) { return {{"type", "seen"}, {"tasks", {{id, task}}}}; }
json listed_done() {
  return {{"state", "done"},
          {"submitId", "a"},
          {"historyId", "h9"},
          {"total", 1},
          {"finished", 1},
          {"createdTime", 1'900'000'000},
          {"images", {{{"url", "https://p3-dreamina-sign.byteimg.com/x"}, {"uri", "u"}, {"width", 2048}, {"height", 2048}}}}};
}

TEST(EngineSeen, AJobGivenUpWithoutKnowingHealsWhenJimengListsItWithItsImages) {
  for (const char* code : {"outcome_unknown", "timeout", "too_many_attempts"}) {
    json j = job("a", "failed");
    j["error"] = {{"kind", "server_error"}, {"code", code}, {"message", "m"}, {"retry", "never"}};
    const json a = step({{"jobs", {j}}}, seen("a", listed_done()));
    ASSERT_TRUE(a["ok"]) << a;
    const json p = patch_of(a, "a");
    ASSERT_FALSE(p.is_null()) << code;
    EXPECT_EQ(p["set"]["phase"], "done") << code;
    EXPECT_EQ(p["set"]["images"].size(), 1u);
    EXPECT_EQ(p["set"]["historyId"], "h9");
    EXPECT_EQ(p["set"]["healedAt"], kNow);
    EXPECT_NE(std::find(p["unset"].begin(), p["unset"].end(), "error"), p["unset"].end()) << "our 'unknown' is gone";
    EXPECT_FALSE(p["set"].contains("input")) << "our input and origin are not the engine's to touch";
  }
}

TEST(EngineSeen, AFailureWithTheServicesOwnReasonOrADoneJobIsNotRewrittenByAListing) {
  json refused = job("a", "failed");
  refused["error"] = {{"kind", "content_rejected"}, {"code", "2038"}, {"message", "m"}, {"retry", "never"}};
  EXPECT_TRUE(patch_of(step({{"jobs", {refused}}}, seen("a", listed_done())), "a").is_null());
  json done = job("a", "done");
  EXPECT_TRUE(patch_of(step({{"jobs", {done}}}, seen("a", listed_done())), "a").is_null());
  json cancelled = job("a", "failed");
  cancelled["error"] = {{"kind", "cancelled"}, {"code", "cancelled"}};
  EXPECT_TRUE(patch_of(step({{"jobs", {cancelled}}}, seen("a", listed_done())), "a").is_null());
}

TEST(EngineSeen, AHealedJobStillRunningOnJimengIsPolledToItsEnd) {
  json j = job("a", "failed");
  j["error"] = {{"kind", "server_error"}, {"code", "outcome_unknown"}};
  json running = listed_done();
  running["state"] = "generating";
  running["images"] = json::array();
  const json a = step({{"jobs", {j}}}, seen("a", running));
  EXPECT_EQ(patch_of(a, "a")["set"]["phase"], "generating");
  ASSERT_EQ(actions_of(a, "wait").size(), 1u) << "open again: the engine looks at it";
}

TEST(EngineSeen, AnImportedUnfinishedTaskKeepsTheServicesCreationTimeAndIsPolledByItsId) {
  json imported = job("w", "queued");  // made in the web app, listed still queued
  json task = {{"state", "queued"}, {"submitId", "w"}, {"createdTime", 1'900'000'000}, {"total", 4}, {"finished", 0}};
  const json a = step({{"jobs", {imported}}}, seen("w", task));
  const json p = patch_of(a, "w");
  EXPECT_EQ(p["set"]["createdTime"], 1'900'000'000);
  EXPECT_EQ(p["set"]["sentAt"], kNow);
  imported.update(p["set"]);
  const json later = step({{"jobs", {imported}}}, {{"type", "tick"}}, kNow + 15'000);
  ASSERT_EQ(actions_of(later, "poll").size(), 1u);
  EXPECT_EQ(actions_of(later, "poll")[0]["submitIds"], json({"w"}));
  EXPECT_EQ(actions_of(later, "poll")[0]["context"]["createdAt"]["w"], 1'900'000'000'000LL)
      << "its 24 h run from the service's creation time";
}

TEST(EngineSeen, AJobListedWithoutASubmitIdIsPolledByItsHistoryIdInTheSamePoll) {
  json ours = job("a", "queued");
  ours["sentAt"] = kNow - 20'000;
  json listed = job("history-77", "queued");
  listed["sentAt"] = kNow - 20'000;
  listed["historyId"] = "77";
  listed["pollByHistory"] = true;
  listed["createdTime"] = 1'900'000'000;
  const json a = step({{"jobs", {ours, listed}}}, {{"type", "tick"}});
  ASSERT_EQ(actions_of(a, "poll").size(), 1u) << a;
  const json poll = actions_of(a, "poll")[0];
  EXPECT_EQ(poll["submitIds"], json({"a"}));
  EXPECT_EQ(poll["historyIds"], json({{"77", "history-77"}}));
  EXPECT_EQ(poll["historyContext"]["historyIds"], json({"77"}));
  EXPECT_EQ(poll["historyContext"]["createdAt"]["77"], 1'900'000'000'000LL);
  listed["pollByHistory"] = false;  // a job with a submit_id of its own is asked for by it
  EXPECT_EQ(actions_of(step({{"jobs", {listed}}}, {{"type", "tick"}}), "poll")[0]["submitIds"], json({"history-77"}));
}

TEST(EngineSeen, ASeenEventWithoutAnObjectOfTasksIsRefused) {
  const json a = step({{"jobs", json::array()}}, {{"type", "seen"}, {"tasks", json::array()}});
  EXPECT_EQ(a["error"]["code"], "event_invalid");
}

}  // namespace
}  // namespace jimeng::test
