// Internal to the engine: what it reads of a job, a batch and its own state, the timing rules' constants, and
// the per-record change set it returns. engine.cpp makes the decisions; engine_model.cpp reads the caller's
// state into these (stored state can hold anything, so every number is clamped on the way in).
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <optional>
#include <string_view>

#include "base/input.hpp"

namespace jimeng::engine {

constexpr std::int64_t kLaterMs = 15'000;      // first wait after a "later" refusal (rate limit, queue full)
constexpr std::int64_t kMaxLaterMs = 240'000;  // consecutive refusals double the wait up to this
// How long the shell waits for a submit's answer before it calls the answer lost (handed to it in every submit
// action, so the two can never disagree). Jimeng holds some answers for over a minute: the fault suite holds
// them up to 90 s, before or after the task is created.
constexpr std::int64_t kSubmitAnswerMs = 120'000;
// A submit neither answered nor reported lost this long after it left was sent by a worker that has since
// stopped: no answer will ever come for it, so it is looked up as a lost one.
constexpr std::int64_t kOrphanedSubmitMs = kSubmitAnswerMs + 30'000;
// After a loss the id is looked up before the one resend allowed, until all of these hold:
// - kLostPolls polls sent after the loss found it missing;
// - kLookupMs have passed since the loss: three times the longest lag seen between a task's creation and
//   its listing by get_history_by_ids (10 s);
// - the first send is kResendAfterSendMs old: past the web app's own last look at a new task (+54 s, §5.1),
//   by which the service has created any task it was going to create.
constexpr int kLostPolls = 3;
constexpr std::int64_t kLookupMs = 30'000;
constexpr std::int64_t kResendAfterSendMs = 60'000;
constexpr int kMaxResends = 1;    // then the job fails as outcome_unknown: nothing is charged blindly
constexpr int kMaxAttempts = 20;  // sends of one job, refusals included (20 "later" waits are over an hour)
constexpr std::int64_t kLoginRetryMs = 15'000;
constexpr std::int64_t kRefreshWaitMs = 60'000;  // submits wait this long at most for fresh versions
constexpr std::int64_t kWatchedPollMs = 1'500;   // a popup, tracker or workspace is on screen
constexpr std::int64_t kUnwatchedPollMs = 10'000;
constexpr std::int64_t kLateStartMs = 300'000;       // a scheduled batch starting later than this says so
constexpr std::int64_t kNotifyAgainMs = 10'000;      // a batch's end not confirmed as shown is shown again after this
constexpr std::int64_t kMinPollMs = 200;             // the soonest a poll follows another
constexpr std::int64_t kQueueCapForgetMs = 600'000;  // a learned queue limit is tried again after this
constexpr std::int64_t kTaskLifetimeS = 86'400;      // protocol §5.1: a task is queryable for 24 h after its submit
constexpr int kMaxBackoff = 8;
constexpr int kMaxConcurrency = 5;
// A video in the service's queue is looked at on its own cadence, not every 1.5 s: the task's polling
// interval (the web app's, 30 s) and, while the queue estimate (forecast_queue_cost) runs, a quarter of
// what is left of it, up to kMaxVideoLookMs. Past the estimate, every interval (kWatchedVideoLookMs when
// someone looks), so a finished video is seen within that.
constexpr std::int64_t kVideoLookMs = 30'000;
constexpr std::int64_t kWatchedVideoLookMs = 10'000;
constexpr std::int64_t kMaxVideoLookMs = 300'000;
constexpr std::int64_t kMaxTime = 9'000'000'000'000'000;  // ms; far past any clock, far from overflow

// A job's phase and a batch's state, as the extension stores them (the same words in its records).
enum class Phase { submitting, queued, generating, done, failed };
enum class BatchState { running, paused, cancelled, ended };
std::optional<Phase> phase_from(std::string_view text);
std::optional<BatchState> batch_state_from(std::string_view text);
const char* to_string(Phase phase);
const char* to_string(BatchState state);

// The job fields the engine reads; everything else in a job record is the extension's and passes untouched.
struct Job {
  std::string id, batch;
  std::string model;  // its model key: 1310 holds that model's lane only
  // Listed by Jimeng without a submit_id (an import): polled by its history id instead (pollByHistory).
  std::string history_id;
  bool by_history = false;
  bool video = false;
  std::int64_t queue_s = 0, queue_seen_at = 0, look_every_s = 0;  // queueSeconds, read at queueSeenAt; pollIntervalSeconds
  Phase phase = Phase::submitting;
  std::int64_t created = 0, row = 0;
  std::int64_t attempt_at = 0;                    // a submit left then and is not settled: its answer is awaited, or it was lost
  std::int64_t lost_at = 0;                       // the shell reported its answer lost (submitLost.at), or the core judged it so
  std::int64_t next_attempt_at = 0, sent_at = 0;  // sent_at: when the service took it (a batch's ETA counts from it)
  std::int64_t timeout_s = 0;                     // the service's own lifetime for it (timeoutSeconds)
  std::int64_t service_created_s = 0;             // when the service made it, on the service's clock (createdTime)
  int missing_polls = 0;                          // polls sent after the loss that did not find it
  int attempts = 0, resends = 0;                  // sends in all, and resends after a loss
  bool version_retried = false, needs_login = false, unknown_retried = false;
  bool healable = false;  // failed by the engine without knowing the outcome: a listing by Jimeng heals it
  bool active() const { return phase != Phase::done && phase != Phase::failed; }
  bool unsent() const { return phase == Phase::submitting && attempt_at == 0; }
  // Its submit is on its way or its answer is: it may not be sent again, whatever polls say.
  bool awaiting_answer() const { return phase == Phase::submitting && attempt_at != 0 && lost_at == 0; }
  // Holds a place in the service's queue, or may (a submit that is not settled).
  bool in_flight() const {
    return phase == Phase::queued || phase == Phase::generating || (phase == Phase::submitting && attempt_at != 0);
  }
};

struct Batch {
  std::string id;
  BatchState state = BatchState::running;
  int concurrency = 2;
  std::int64_t gap_ms = 0, spread_ms = 0, next_submit_at = 0;
  // A scheduled batch: no row goes before `start_at` (the caller's clock); `started_at` is when its first did.
  std::int64_t start_at = 0, started_at = 0;
  bool announced = false;
  std::int64_t timed = 0, done_ms = 0;  // rows done, and their time from submit to done: the views' ETA
  // What polls have shown of how long a row takes on the service: done by `fastest_ms` after its send (the
  // quickest seen done), not done yet `pending_ms` after it (the longest seen still running). A row in
  // flight is looked at between the two, which narrows them.
  std::int64_t fastest_ms = 0, pending_ms = 0;
  std::int64_t notifying_at = 0;  // its end was handed to the shell to show; again only if not confirmed
};

// A model whose lane is full (1310): its submits wait, and what was in flight of it is its learned limit.
struct ModelHold {
  std::int64_t until = 0, ms = 0;
  int lane = 0;
  std::int64_t lane_at = 0;
};

struct EngineState {
  std::map<std::string, ModelHold> models;
  int backoff = 1, queue_cap = 0;
  std::int64_t hold_until = 0, hold_ms = 0, next_poll_at = 0, refreshing_since = 0, queue_cap_at = 0, last_poll_at = 0;
  bool watched = false;
};

// A number from the caller's state, within [lo, hi]: stored state can hold anything (a float of 1e120, a
// negative time), and the rules add and multiply these values.
std::int64_t int_at(const json& o, const char* key, std::int64_t fallback = 0, std::int64_t lo = 0, std::int64_t hi = kMaxTime);
bool flag_at(const json& o, const char* key);
// t + d, held at kMaxTime: times from stored state may be anywhere up to it (d >= 0).
constexpr std::int64_t later(std::int64_t t, std::int64_t d) { return t > kMaxTime - d ? kMaxTime : t + d; }

// The engine's own endings that say "we do not know": the service never answered (outcome_unknown), the task was
// not seen finished within its lifetime (timeout), or it was refused so often that we stopped (too_many_attempts).
// A listing by Jimeng itself proves otherwise, so these, and only these, are healed by one.
bool healable_error(const json& error);

// Readers of the caller's records; an error names the field that is wrong.
Result<Job> read_job(const json& j);
Result<Batch> read_batch(const json& b);
EngineState read_engine(const json& e);
json write_engine(const EngineState& e);

// Changes are gathered per record, in the order first touched, and applied to the engine's view at once.
struct Patch {
  json set = json::object();
  std::vector<std::string> unset;
  void put(const std::string& key, json value) {
    unset.erase(std::remove(unset.begin(), unset.end(), key), unset.end());
    set[key] = std::move(value);
  }
  void drop(const std::string& key) {
    set.erase(key);
    if (std::find(unset.begin(), unset.end(), key) == unset.end()) unset.push_back(key);
  }
};

}  // namespace jimeng::engine
