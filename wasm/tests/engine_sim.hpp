// A simulated Jimeng account and a simulated extension shell around the engine's step function, in
// simulated time. The shell does what the service worker does: keeps the open jobs and batches, applies
// each step's changes, performs its actions and feeds the answers back as events. The service answers like
// Jimeng does (queue limit 5001, rate limits, credits, moderation, 1015, 3018, 502s) with faults injected
// from a seeded generator, and records every submit that reaches it, so tests can check what was sent.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <queue>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace jimeng::sim {

using nlohmann::json;

struct Faults {
  double lost_before = 0;            // a submit that never reaches the service (its answer never comes)
  double lost_after = 0;             // a submit that reaches the service but whose answer is lost
  double rate_limit = 0;             // 1010 on a submit
  double poll_502 = 0;               // a gateway error on a poll
  double worker_death = 0;           // after a step: every answer on its way is lost, an alarm wakes a new worker
  int queue_cap = 0;                 // the account's queued-task limit (5001 beyond it); 0: none
  int moderated_every = 0;           // every Nth row's prompt is rejected by moderation (2038)
  std::int64_t credits = -1;         // the balance, one credit per task; -1: unlimited (1006 when out)
  std::int64_t top_up_after_ms = 0;  // after a pause for credits, the user tops up and resumes this much later
  std::int64_t logged_out_from = -1, logged_out_until = -1;  // 1015 on everything in between; then a login event
  std::int64_t outdated_at = -1;                             // from then, submits answer 3018 until versions are refreshed
  double slow = 0;  // a submit held up to slow_max_ms, before or after its task is created
  std::int64_t slow_max_ms = 90'000;
  std::int64_t history_lag_max_ms = 1'500;  // a new task is missing from history answers for up to this
  double unknown_code = 0;                  // a submit answered with a code the protocol does not list
};

struct Service {
  struct Task {
    std::int64_t arrived, starts, ends, listed;
    bool failed = false;
  };
  std::map<std::string, Task> tasks;
  std::map<std::string, int> arrivals;       // submits that reached the service, per submit_id
  int duplicates = 0;                        // submits for a submit_id the service already had
  std::map<std::string, int> open_requests;  // submits sent and not yet answered by the service, per submit_id
  int resent_while_open = 0;                 // a submit sent while an earlier one for its id was still open
  std::int64_t busy_until = 0;               // one task at a time per account, then the next in the queue
  int max_batch_in_service = 0;
};

struct Outcome {
  std::map<std::string, json> jobs;  // every job, as last written
  std::map<std::string, json> batches;
  Service service;
  int steps = 0, polls = 0, max_poll_actions_per_step = 0, notifications = 0, deaths = 0;
  std::map<std::string, int> notified;  // per batch
  std::int64_t end_time = 0;
  bool stalled = false;                      // work was left but nothing would ever wake the engine
  std::vector<std::string> unbatched_polls;  // polls that left out a job the engine had in flight
};

struct Plan {
  int singles = 0;
  std::vector<int> batch_rows;  // one batch per entry
  int concurrency = 2;
  std::int64_t gap_ms = 1'000, spread_ms = 500;
  std::int64_t task_ms_min = 4'000, task_ms_max = 12'000;
  std::int64_t deadline_ms = 48LL * 3'600'000;
  std::uint64_t seed = 1;
  Faults faults;
  // Called after each step with the simulated time and the shell's open jobs (for extra checks).
  std::function<void(std::int64_t, const json&)> on_step;
  // Commands the user gives during the run: {at_ms, event}.
  std::vector<std::pair<std::int64_t, json>> commands;
};

Outcome run(const Plan& plan);

}  // namespace jimeng::sim
