// The engine over whole runs of simulated jobs (engine_sim.cpp) with faults injected: lost answers, worker
// deaths, 502s, queue limits, credits and expired sessions.
#include "engine_sim.hpp"
#include "helpers.hpp"

namespace jimeng::test {
namespace {

// Whole runs: every job ends, none is sent twice, polls stay batched, batches respect their concurrency.
void expect_sound(const sim::Outcome& o, std::size_t jobs) {
  EXPECT_FALSE(o.stalled) << "work was left with nothing to wake the engine";
  EXPECT_EQ(o.jobs.size(), jobs);
  int unfinished = 0;
  for (const auto& [id, j] : o.jobs) unfinished += j["phase"] != "done" && j["phase"] != "failed";
  EXPECT_EQ(unfinished, 0) << "after " << o.end_time / 1000 << " s simulated";
  EXPECT_EQ(o.service.duplicates, 0) << "a submit_id reached the service twice";
  EXPECT_EQ(o.service.resent_while_open, 0) << "a submit_id was sent again while its first request was open";
  EXPECT_LE(o.max_poll_actions_per_step, 1);
  EXPECT_TRUE(o.unbatched_polls.empty()) << o.unbatched_polls.size() << " in-flight jobs left out of a poll";
  // Once per batch; a worker that dies between showing it and recording that shows it again, under the same
  // notification id (the shell uses the batch id), so the user still sees one.
  for (const auto& [id, b] : o.batches) {
    const int shown = o.notified.count(id) ? o.notified.at(id) : 0;
    EXPECT_GE(shown, 1) << "batch " << id << " never notified";
    EXPECT_LE(shown, 1 + o.deaths) << "batch " << id;
  }
}

TEST(EngineSimulation, AThousandJobsInBatchesAndAloneEndWithEachSentOnce) {
  sim::Plan plan;
  plan.singles = 40;
  plan.batch_rows = {400, 300, 260};
  plan.concurrency = 3;
  plan.gap_ms = 500;
  plan.faults.moderated_every = 37;
  const auto o = sim::run(plan);
  expect_sound(o, 1000);
  EXPECT_LE(o.service.max_batch_in_service, 3);
  int moderated = 0;
  for (const auto& [id, j] : o.jobs) moderated += j.value("/error/code"_json_pointer, "") == "2038";
  EXPECT_EQ(moderated, 400 / 37 + 300 / 37 + 260 / 37);
  EXPECT_EQ(o.service.tasks.size(), 1000u - moderated);
}

TEST(EngineSimulation, LostAnswersWorkerDeathsAndGatewayErrorsLoseNothingAndSendNothingTwice) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    sim::Plan plan;
    plan.seed = seed;
    plan.singles = 10;
    plan.batch_rows = {150, 90};
    plan.faults.lost_before = 0.05;
    plan.faults.lost_after = 0.05;
    plan.faults.poll_502 = 0.1;
    plan.faults.rate_limit = 0.05;
    plan.faults.worker_death = 0.02;
    const auto o = sim::run(plan);
    SCOPED_TRACE("seed " + std::to_string(seed));
    expect_sound(o, 250);
    EXPECT_GT(o.deaths, 0);
    int resent = 0;
    for (const auto& [id, n] : o.service.arrivals) resent += n > 1;
    EXPECT_EQ(resent, 0);
  }
}

TEST(EngineSimulation, SlowAnswersHistoryLagAndUnknownCodesNeverSendAnIdTwiceWhileItsRequestIsOpen) {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    sim::Plan plan;
    plan.seed = seed;
    plan.singles = 20;
    plan.batch_rows = {120, 60};
    plan.faults.slow = 0.3;  // up to 90 s, before or after the task is created
    plan.faults.history_lag_max_ms = 10'000;
    plan.faults.unknown_code = 0.03;
    plan.faults.lost_before = 0.03;
    plan.faults.lost_after = 0.03;
    plan.faults.worker_death = 0.01;
    const auto o = sim::run(plan);
    SCOPED_TRACE("seed " + std::to_string(seed));
    expect_sound(o, 200);
    int unknown = 0;
    for (const auto& [id, j] : o.jobs) {
      const std::string code = j.value("/error/code"_json_pointer, "");
      unknown += code == "9999";
      if (code == "outcome_unknown") EXPECT_EQ(o.service.arrivals.count(id), 0u) << id << " was charged, yet called unknown";
      if (j["phase"] == "done") EXPECT_EQ(o.service.arrivals.at(id), 1) << id;
    }
    EXPECT_LT(unknown, 10) << "an unknown code fails a job only when it comes twice in a row";
  }
}

TEST(EngineSimulation, TheQueueLimitTheDailyCreditsAndAnExpiredSessionMidBatchAllRecover) {
  sim::Plan plan;
  plan.batch_rows = {300};
  plan.concurrency = 5;
  plan.gap_ms = 0;
  plan.spread_ms = 0;
  plan.faults.queue_cap = 3;  // 5001 beyond three queued
  plan.faults.credits = 120;  // 1006 after 120 tasks, topped up ten minutes later
  plan.faults.top_up_after_ms = 600'000;
  plan.faults.logged_out_from = 1'200'000;  // twenty minutes in, logged out for five
  plan.faults.logged_out_until = 1'500'000;
  plan.faults.outdated_at = 300'000;  // a new web version after five minutes
  const auto o = sim::run(plan);
  expect_sound(o, 300);
  EXPECT_LE(o.service.max_batch_in_service, 3) << "the learned queue limit keeps 5001s rare";
  EXPECT_EQ(o.service.tasks.size(), 300u);
}

TEST(EngineSimulation, APausedBatchSendsNothingUntilResumedAndCancelStopsTheRest) {
  sim::Plan plan;
  plan.batch_rows = {200};
  plan.commands = {{60'000, {{"type", "pause"}, {"batchId", "b0"}}},
                   {600'000, {{"type", "resume"}, {"batchId", "b0"}}},
                   {900'000, {{"type", "cancel"}, {"batchId", "b0"}}}};
  const auto o = sim::run(plan);
  expect_sound(o, 200);
  // Nothing reached the service from shortly after the pause (a submit already on its way may land) until
  // the resume. (An idle engine may not step at all in that time: the service's arrivals are the record.)
  int sent_while_paused = 0;
  for (const auto& [id, task] : o.service.tasks) sent_while_paused += task.arrived >= 70'000 && task.arrived < 600'000;
  EXPECT_EQ(sent_while_paused, 0);
  EXPECT_GT(o.service.tasks.size(), 0u);
  int cancelled = 0;
  for (const auto& [id, j] : o.jobs) cancelled += j.value("/error/code"_json_pointer, "") == "cancelled";
  EXPECT_GT(cancelled, 0);
  EXPECT_EQ(o.service.tasks.size() + cancelled, 200u);
}

}  // namespace
}  // namespace jimeng::test
