#include "engine.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace jimeng {
namespace {

constexpr std::int64_t kLaterMs = 15'000;      // first wait after a "later" refusal (rate limit, queue full)
constexpr std::int64_t kMaxLaterMs = 240'000;  // consecutive refusals double the wait up to this
constexpr std::int64_t kLostGraceMs = 8'000;   // a just-submitted id can be missing from answers for a moment
constexpr int kLostPolls = 3;                  // …and must be missing this many polls before a resend
constexpr std::int64_t kLoginRetryMs = 15'000;
constexpr std::int64_t kRefreshWaitMs = 60'000;  // submits wait this long at most for fresh versions
constexpr std::int64_t kWatchedPollMs = 1'500;   // a popup, tracker or workspace is on screen
constexpr std::int64_t kUnwatchedPollMs = 10'000;
constexpr std::int64_t kNotifyAgainMs = 10'000;      // a batch's end not confirmed as shown is shown again after this
constexpr std::int64_t kMinPollMs = 200;             // the soonest a poll follows another
constexpr std::int64_t kQueueCapForgetMs = 600'000;  // a learned queue limit is tried again after this
constexpr int kMaxBackoff = 8;
constexpr int kMaxConcurrency = 5;

// The job fields the engine reads; everything else in a job record is the extension's and passes untouched.
struct Job {
  std::string id, phase, batch;
  std::int64_t created = 0, row = 0, attempt_at = 0, next_attempt_at = 0;
  int missing_polls = 0;
  bool version_retried = false, needs_login = false;
  std::int64_t sent_at = 0;  // when the service took it (set after the aggregate's fields above)
  bool active() const { return phase != "done" && phase != "failed"; }
  bool unsent() const { return phase == "submitting" && attempt_at == 0; }
  // Holds a place in the service's queue, or may (a submit whose answer is not in).
  bool in_flight() const { return phase == "queued" || phase == "generating" || (phase == "submitting" && attempt_at != 0); }
};

struct Batch {
  std::string id, state = "running";
  int concurrency = 2;
  std::int64_t gap_ms = 0, spread_ms = 0, next_submit_at = 0;
  bool announced = false;
  std::int64_t timed = 0, done_ms = 0;  // rows done, and their time from submit to done: the views' ETA
  // What polls have shown of how long a row takes on the service: done by `fastest_ms` after its send (the
  // quickest seen done), not done yet `pending_ms` after it (the longest seen still running). A row in
  // flight is looked at between the two, which narrows them.
  std::int64_t fastest_ms = 0, pending_ms = 0;
  std::int64_t notifying_at = 0;  // its end was handed to the shell to show; again only if not confirmed
};

struct Engine {
  int backoff = 1, queue_cap = 0;
  std::int64_t hold_until = 0, hold_ms = 0, next_poll_at = 0, refreshing_since = 0, queue_cap_at = 0, last_poll_at = 0;
  bool watched = false;
};

constexpr std::int64_t kMaxTime = 9'000'000'000'000'000;  // ms; far past any clock, far from overflow

// A number from the caller's state, within [lo, hi]: stored state can hold anything (a float of 1e120, a
// negative time), and the rules below add and multiply these values.
std::int64_t int_at(const json& o, const char* key, std::int64_t fallback = 0, std::int64_t lo = 0, std::int64_t hi = kMaxTime) {
  const auto it = o.find(key);
  if (it == o.end() || !it->is_number()) return fallback;
  const double v = it->get<double>();
  if (!(v > static_cast<double>(lo))) return lo;  // also NaN
  if (v >= static_cast<double>(hi)) return hi;
  return it->is_number_integer() ? std::clamp(it->get<std::int64_t>(), lo, hi) : static_cast<std::int64_t>(v);
}
// t + d, held at kMaxTime: times from stored state may be anywhere up to it (d >= 0).
constexpr std::int64_t later(std::int64_t t, std::int64_t d) { return t > kMaxTime - d ? kMaxTime : t + d; }
bool flag_at(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_boolean() && it->get<bool>();
}

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

class Step {
 public:
  Step(std::int64_t now) : now_(now) {}

  std::optional<Error> load(const json& state) {
    if (!state.is_object())
      return Error{ErrorKind::invalid_input, Retry::never, "state_invalid", "state must be an object", "state"};
    const auto jobs = state.find("jobs");
    if (jobs != state.end() && !jobs->is_array())
      return Error{ErrorKind::invalid_input, Retry::never, "state_invalid", "state.jobs must be an array", "jobs"};
    if (jobs != state.end())
      for (const auto& j : *jobs) {
        if (!j.is_object() || text_at(j, "submitId").empty() || text_at(j, "phase").empty())
          return Error{ErrorKind::invalid_input, Retry::never, "job_invalid", "every job needs a submitId and a phase", "jobs"};
        Job job{text_at(j, "submitId"),
                text_at(j, "phase"),
                text_at(j, "batchId"),
                int_at(j, "createdAt"),
                int_at(j, "row", 0, 0, 1'000'000),
                int_at(j, "attemptAt"),
                int_at(j, "nextAttemptAt"),
                static_cast<int>(int_at(j, "missingPolls", 0, 0, 1'000)),
                flag_at(j, "versionRetried"),
                flag_at(j, "needsLogin")};
        job.sent_at = int_at(j, "sentAt");
        if (index_.count(job.id)) continue;  // a duplicate is the same job
        index_[job.id] = jobs_.size();
        jobs_.push_back(std::move(job));
      }
    const auto batches = state.find("batches");
    if (batches != state.end() && !batches->is_array())
      return Error{ErrorKind::invalid_input, Retry::never, "state_invalid", "state.batches must be an array", "batches"};
    if (batches != state.end())
      for (const auto& b : *batches) {
        if (!b.is_object() || text_at(b, "id").empty())
          return Error{ErrorKind::invalid_input, Retry::never, "batch_invalid", "every batch needs an id", "batches"};
        Batch batch{
            text_at(b, "id"),       text_at(b, "state"),   static_cast<int>(int_at(b, "concurrency", 2, 1, kMaxConcurrency)),
            int_at(b, "gapMs"),     int_at(b, "spreadMs"), int_at(b, "nextSubmitAt"),
            flag_at(b, "announced")};
        batch.timed = int_at(b, "timed", 0, 0, 1'000'000);
        batch.done_ms = int_at(b, "doneMs", 0, 0, kMaxTime / 2);
        batch.fastest_ms = int_at(b, "fastestMs", 0, 0, kMaxTime / 2);
        batch.pending_ms = int_at(b, "pendingMs", 0, 0, kMaxTime / 2);
        batch.notifying_at = int_at(b, "notifyingAt");
        if (batch.state.empty()) batch.state = "running";
        batch.concurrency = std::clamp(batch.concurrency, 1, kMaxConcurrency);
        batch.gap_ms = std::clamp<std::int64_t>(batch.gap_ms, 0, 3'600'000);
        batch.spread_ms = std::clamp<std::int64_t>(batch.spread_ms, 0, 600'000);
        batches_[batch.id] = batch;
      }
    const json e = state.contains("engine") && state["engine"].is_object() ? state["engine"] : json::object();
    engine_.backoff = static_cast<int>(std::clamp<std::int64_t>(int_at(e, "backoff", 1), 1, kMaxBackoff));
    engine_.hold_until = int_at(e, "holdUntil");
    engine_.hold_ms = std::clamp<std::int64_t>(int_at(e, "holdMs"), 0, kMaxLaterMs);
    engine_.next_poll_at = int_at(e, "nextPollAt");
    engine_.refreshing_since = int_at(e, "refreshingSince");
    engine_.watched = flag_at(e, "watched");
    engine_.queue_cap = static_cast<int>(std::clamp<std::int64_t>(int_at(e, "queueCap"), 0, 1'000));
    engine_.queue_cap_at = int_at(e, "queueCapAt");
    engine_.last_poll_at = int_at(e, "lastPollAt");
    return std::nullopt;
  }

  std::optional<Error> apply(const json& event) {
    if (!event.is_object() || text_at(event, "type").empty())
      return Error{ErrorKind::invalid_input, Retry::never, "event_invalid", "the event must be an object with a type", "type"};
    const std::string type = text_at(event, "type");
    if (event.contains("watched") && event["watched"].is_boolean()) {
      const bool watched = event["watched"].get<bool>();
      if (watched && !engine_.watched) engine_.next_poll_at = now_;  // someone looks: answer them now
      engine_.watched = watched;
    }
    if (type == "tick" || type == "submit" || type == "submitLost") return std::nullopt;  // decide() does the rest
    if (type == "submitted") return submitted(text_at(event, "submitId"), event.value("result", json::object()));
    if (type == "polled") return polled(event.value("submitIds", json::array()), event.value("result", json::object()));
    if (type == "pollLost") {
      engine_.backoff = std::min(engine_.backoff * 2, kMaxBackoff / 2);
      engine_.next_poll_at = now_ + poll_interval();
      return std::nullopt;
    }
    if (type == "login") return login();
    if (type == "versionsRefreshed") {
      engine_.refreshing_since = 0;
      return std::nullopt;
    }
    if (type == "credit") return std::nullopt;  // shown by the views; a paused batch is resumed by the user only
    if (type == "notified" || type == "pause" || type == "resume" || type == "cancel")
      return batch_command(type, text_at(event, "batchId"));
    return Error{ErrorKind::invalid_input, Retry::never, "event_unknown", "unknown event type: " + type, "type"};
  }

  json decide() {
    if (engine_.refreshing_since && now_ - engine_.refreshing_since >= kRefreshWaitMs) engine_.refreshing_since = 0;
    if (engine_.queue_cap && now_ - engine_.queue_cap_at >= kQueueCapForgetMs) engine_.queue_cap = 0;
    poll();
    admit();
    end_batches();
    wait();
    return answer();
  }

 private:
  Job* find(const std::string& id) {
    const auto it = index_.find(id);
    return it == index_.end() ? nullptr : &jobs_[it->second];
  }
  Patch& patch(const Job& job) {
    if (!job_patches_.count(job.id)) patch_order_.push_back(job.id);
    return job_patches_[job.id];
  }
  Patch& patch(const Batch& batch) {
    if (!batch_patches_.count(batch.id)) batch_order_.push_back(batch.id);
    return batch_patches_[batch.id];
  }
  void action(json a) { actions_.push_back(std::move(a)); }

  void set_attempt(Job& job, std::int64_t at) {
    job.attempt_at = at;
    if (at) patch(job).put("attemptAt", at);
    else patch(job).drop("attemptAt");
  }
  void set_next_attempt(Job& job, std::int64_t at) {
    job.next_attempt_at = at;
    if (at) patch(job).put("nextAttemptAt", at);
    else patch(job).drop("nextAttemptAt");
  }
  void set_needs_login(Job& job, bool needs) {
    if (job.needs_login == needs) return;
    job.needs_login = needs;
    patch(job).put("needsLogin", needs);
  }
  void fail(Job& job, json error) {
    job.phase = "failed";
    patch(job).put("phase", "failed");
    patch(job).put("error", std::move(error));
    set_attempt(job, 0);
    ended_ = true;
  }
  // The fields a task state sets: what the service says, and nothing left over from an earlier state.
  // `looked_at`: when the answer's request left (a poll's), or 0 for now.
  void take_task(Job& job, const json& task, std::int64_t looked_at = 0) {
    Patch& p = patch(job);
    const bool was_done = job.phase == "done";
    job.phase = text_at(task, "state");
    p.put("phase", job.phase);
    if (!job.sent_at) {  // the service has it: since when (the submit's time when known)
      job.sent_at = job.attempt_at ? job.attempt_at : now_;
      p.put("sentAt", job.sent_at);
    }
    if (Batch* batch = batch_of(job); batch && job.phase == "done" && !was_done) {
      const std::int64_t took = std::clamp<std::int64_t>(now_ - job.sent_at, 0, kMaxTime / 4);
      const std::int64_t seen = looked_at >= job.sent_at ? std::min(looked_at - job.sent_at, took) : took;
      batch->timed += 1;
      batch->done_ms = std::min(batch->done_ms + took, kMaxTime / 2);
      patch(*batch).put("timed", batch->timed);
      patch(*batch).put("doneMs", batch->done_ms);
      if (!batch->fastest_ms || seen < batch->fastest_ms) {
        batch->fastest_ms = std::max<std::int64_t>(seen, 1);
        patch(*batch).put("fastestMs", batch->fastest_ms);
      }
    }
    for (const char* key : {"total", "finished", "queue", "images", "error", "historyId", "timeoutSeconds"}) {
      if (task.contains(key) && !task[key].is_null()) p.put(key, task[key]);
      else p.drop(key);
    }
    set_attempt(job, 0);
    if (!job.active()) ended_ = true;
  }
  Batch* batch_of(const Job& job) {
    const auto it = batches_.find(job.batch);
    return job.batch.empty() || it == batches_.end() ? nullptr : &it->second;
  }
  void pause_batch(Batch& batch, const json& reason) {
    batch.state = "paused";
    patch(batch).put("state", "paused");
    patch(batch).put("pause", reason);
  }
  // Tasks in flight per batch id, and in all under "": counted once per decision, not once per row.
  std::map<std::string, int> flights() const {
    std::map<std::string, int> n;
    for (const Job& j : jobs_)
      if (j.in_flight()) {
        n[""]++;
        if (!j.batch.empty()) n[j.batch]++;
      }
    return n;
  }
  bool at_capacity(const Batch& batch, std::map<std::string, int>& n) const {
    return n[batch.id] >= batch.concurrency || (engine_.queue_cap && n[""] >= engine_.queue_cap);
  }
  static json cancelled() {
    return json{{"kind", "cancelled"}, {"code", "cancelled"}, {"message", "cancelled before it was sent"}, {"retry", "never"}};
  }

  std::optional<Error> submitted(const std::string& id, const json& result) {
    Job* job = find(id);
    // An answer for a job that is no longer waiting for one (a late duplicate) changes nothing.
    if (!job || job->phase != "submitting" || !job->attempt_at) return std::nullopt;
    if (flag_at(result, "ok") && result.contains("task") && result["task"].is_object()) {
      take_task(*job, result["task"]);
      set_needs_login(*job, false);
      patch(*job).drop("lastError");
      engine_.hold_ms = 0;
      return std::nullopt;
    }
    const json error = result.value("error", json::object());
    const std::string kind = text_at(error, "kind"), code = text_at(error, "code"), retry = text_at(error, "retry");
    // An unreadable answer or a gateway failure may hide a created task: the polls look the id up first.
    if (kind == "malformed_response" || code.rfind("http_", 0) == 0) return std::nullopt;
    if (kind == "login_required") {
      set_attempt(*job, 0);
      set_needs_login(*job, true);
      set_next_attempt(*job, now_ + kLoginRetryMs);
      return std::nullopt;
    }
    if (kind == "version_outdated" && !job->version_retried) {
      set_attempt(*job, 0);
      job->version_retried = true;
      patch(*job).put("versionRetried", true);
      if (!engine_.refreshing_since) action({{"type", "refreshVersions"}});
      engine_.refreshing_since = now_;
      return std::nullopt;
    }
    if (retry == "later") {
      // The account is being limited, not this job: every submit waits, longer after each refusal in a row.
      set_attempt(*job, 0);
      engine_.hold_ms = std::min(engine_.hold_ms ? engine_.hold_ms * 2 : kLaterMs, kMaxLaterMs);
      engine_.hold_until = now_ + engine_.hold_ms;
      set_next_attempt(*job, engine_.hold_until);
      patch(*job).put("lastError", error);
      if (code == "5001") {  // too many queued: what is in flight now is this account's limit
        engine_.queue_cap = std::max(1, flights()[""]);
        engine_.queue_cap_at = now_;
      }
      return std::nullopt;
    }
    Batch* batch = batch_of(*job);
    // Credits, risk control and the daily limit stop every row alike: the batch pauses with the reason and
    // this row stays unsent (the service refused it, so the same submit_id can go again after resume).
    const bool stops_all = kind == "insufficient_credits" || kind == "risk_control" || code == "121101";
    if (batch && stops_all) {
      set_attempt(*job, 0);
      pause_batch(*batch, error);
      return std::nullopt;
    }
    fail(*job, error);
    return std::nullopt;
  }

  std::optional<Error> polled(const json& ids, const json& result) {
    if (!ids.is_array())
      return Error{ErrorKind::invalid_input, Retry::never, "event_invalid", "submitIds must be an array", "submitIds"};
    if (!flag_at(result, "ok")) {
      const json error = result.value("error", json::object());
      const std::string kind = text_at(error, "kind");
      if (kind == "login_required")
        for (const auto& id : ids)
          if (Job* job = id.is_string() ? find(id.get<std::string>()) : nullptr) set_needs_login(*job, true);
      // A refused or failed poll waits longer each time; a rate limit longest. The wait runs from this answer.
      engine_.backoff = std::min(engine_.backoff * 2, kind == "rate_limited" ? kMaxBackoff : kMaxBackoff / 2);
      engine_.next_poll_at = now_ + poll_interval();
      return std::nullopt;
    }
    engine_.backoff = 1;
    const json tasks = result.value("tasks", json::object());
    for (const auto& id : ids) {
      Job* job = id.is_string() ? find(id.get<std::string>()) : nullptr;
      if (!job || !job->active() || !tasks.contains(job->id) || !tasks[job->id].is_object()) continue;
      const json& task = tasks[job->id];
      set_needs_login(*job, false);
      if (flag_at(task, "missing") && text_at(task, "state") != "failed") {
        // Unknown to the service. For a submit whose answer was lost, that means it never arrived: after a
        // grace period (and only then) it is sent again with the same submit_id.
        if (job->phase == "submitting" && job->attempt_at) {
          job->missing_polls++;
          patch(*job).put("missingPolls", job->missing_polls);
          if (job->missing_polls >= kLostPolls && now_ - job->attempt_at > kLostGraceMs) {
            Batch* batch = batch_of(*job);
            if (batch && batch->state == "cancelled") fail(*job, cancelled());
            else set_attempt(*job, 0);
          }
        }
        continue;
      }
      take_task(*job, task, engine_.last_poll_at);
      Batch* batch = batch_of(*job);
      if (batch && job->active() && job->sent_at && engine_.last_poll_at > job->sent_at &&
          engine_.last_poll_at - job->sent_at > batch->pending_ms) {
        batch->pending_ms = engine_.last_poll_at - job->sent_at;
        patch(*batch).put("pendingMs", batch->pending_ms);
      }
    }
    return std::nullopt;
  }

  std::optional<Error> login() {
    for (Job& job : jobs_)
      if (job.needs_login) {
        set_needs_login(job, false);
        if (job.unsent()) set_next_attempt(job, 0);
      }
    engine_.next_poll_at = now_;
    return std::nullopt;
  }

  std::optional<Error> batch_command(const std::string& type, const std::string& id) {
    const auto it = batches_.find(id);
    // A second "shown" for a batch already announced (it has left the open batches) is nothing to do.
    if (it == batches_.end() && type == "notified") return std::nullopt;
    if (it == batches_.end())
      return Error{ErrorKind::invalid_input, Retry::never, "batch_unknown", "no such batch: " + id, "batchId"};
    Batch& batch = it->second;
    if (type == "notified") {
      batch.announced = true;
      patch(batch).put("announced", true);
    } else if (batch.state == "ended" || batch.state == "cancelled") {
      // Nothing left to pause, resume or cancel.
    } else if (type == "pause") {
      pause_batch(batch, json{{"kind", "paused"}, {"code", "user"}, {"message", "paused by the user"}, {"retry", "never"}});
    } else if (type == "resume") {
      batch.state = "running";
      patch(batch).put("state", "running");
      patch(batch).drop("pause");
    } else {  // cancel: rows not sent are failed as cancelled; sent ones cannot be taken back on Jimeng
      batch.state = "cancelled";
      patch(batch).put("state", "cancelled");
      for (Job& job : jobs_)
        if (job.batch == id && job.unsent()) fail(job, cancelled());
    }
    return std::nullopt;
  }

  void admit() {
    if (engine_.refreshing_since) return;  // submits wait for fresh versions (3018)
    std::vector<Job*> waiting;
    for (Job& job : jobs_)
      if (job.unsent() && job.next_attempt_at <= now_) waiting.push_back(&job);
    // One job of the user's first, then batches in creation order, rows in order.
    std::stable_sort(waiting.begin(), waiting.end(), [](const Job* a, const Job* b) {
      // References, not copies: thousands of waiting rows make this comparison run a hundred thousand times.
      return std::forward_as_tuple(!a->batch.empty(), a->created, a->batch, a->row) <
             std::forward_as_tuple(!b->batch.empty(), b->created, b->batch, b->row);
    });
    auto flight = flights();
    for (Job* job : waiting) {
      Batch* batch = batch_of(*job);
      if (batch) {
        if (batch->state != "running" || now_ < engine_.hold_until || now_ < batch->next_submit_at) continue;
        if (at_capacity(*batch, flight)) continue;
        flight[batch->id]++;
        // The pause between submits, with a spread from the caller's entropy: no fixed rhythm.
        const std::int64_t spread =
            batch->spread_ms ? static_cast<std::int64_t>((entropy_ ^ (static_cast<std::uint64_t>(job->row) * 2654435761u)) %
                                                         static_cast<std::uint64_t>(batch->spread_ms))
                             : 0;
        batch->next_submit_at = now_ + batch->gap_ms + spread;
        patch(*batch).put("nextSubmitAt", batch->next_submit_at);
      }
      set_attempt(*job, now_);
      set_next_attempt(*job, 0);
      job->missing_polls = 0;
      patch(*job).put("missingPolls", 0);
      action({{"type", "submit"}, {"submitId", job->id}});
      flight[""]++;
      // Its first look-up comes one interval later (sooner would only find it missing).
      if (engine_.next_poll_at <= now_) engine_.next_poll_at = now_ + poll_interval();
    }
  }
  std::int64_t poll_interval() const { return (engine_.watched ? kWatchedPollMs : kUnwatchedPollMs) * engine_.backoff; }

  // When the next poll is due: the usual interval, or sooner for a batch row in flight. Polls have shown
  // how long its batch's rows take (done by `fastest`, still running at `pending`): the row is looked at
  // halfway between the two, then at `fastest`, then every quarter of `fastest`, so a slot is not left
  // idle for a whole interval and the estimate narrows. Before any row is seen done, the looks double from
  // 1.5 s. Never sooner than kMinPollMs after the last poll, never while polls fail; the rate grows with
  // the rows in flight (at most 5 a batch), not with the batch's size.
  std::int64_t poll_due() const {
    std::int64_t at = engine_.next_poll_at;
    if (engine_.backoff > 1) return at;
    const std::int64_t last = engine_.last_poll_at;
    for (const Job& job : jobs_) {
      if (!job.active() || !job.in_flight() || !job.sent_at || job.batch.empty()) continue;
      const auto it = batches_.find(job.batch);
      if (it == batches_.end()) continue;
      const std::int64_t looked = std::clamp<std::int64_t>(last - job.sent_at, 0, kMaxTime / 2);  // run at the last look
      if (!it->second.fastest_ms) {  // nothing seen done yet: look at 1.5 s, then each time it has run twice as long
        at = std::min(at, std::max(later(job.sent_at, std::max(kWatchedPollMs, 2 * looked)), later(last, kMinPollMs)));
        continue;
      }
      const std::int64_t fastest = it->second.fastest_ms, low = std::min(it->second.pending_ms, fastest);
      // Once the two are closer than two polls may follow each other, one look at `fastest` does.
      const std::int64_t mid = fastest - low < 2 * kMinPollMs ? fastest : low + (fastest - low) / 2;
      const std::int64_t next = looked < mid       ? later(job.sent_at, mid)
                                : looked < fastest ? later(job.sent_at, fastest)
                                                   : later(last, std::max(kMinPollMs, fastest / 4));
      at = std::min(at, std::max(next, later(last, kMinPollMs)));
    }
    return at;
  }

  void poll() {
    json ids = json::array(), created = json::object();
    for (const Job& job : jobs_) {
      if (!job.active() || !job.in_flight()) continue;
      ids.push_back(job.id);
      created[job.id] = job.created;
    }
    if (ids.empty() || now_ < poll_due()) return;
    engine_.last_poll_at = now_;
    engine_.next_poll_at = now_ + poll_interval();
    action({{"type", "poll"}, {"submitIds", ids}, {"context", {{"submitIds", ids}, {"createdAt", created}}}});
  }

  void end_batches() {
    std::set<std::string> open_batches;
    for (const Job& j : jobs_)
      if (j.active() && !j.batch.empty()) open_batches.insert(j.batch);
    for (auto& [id, batch] : batches_) {
      const bool open = open_batches.count(id) > 0;
      if (batch.state != "ended" && !open) {
        batch.state = "ended";
        patch(batch).put("state", "ended");
        patch(batch).put("endedAt", now_);
      }
      // Said once per batch (not per job); said again (after kNotifyAgainMs) until the caller confirms it,
      // as a worker may die between showing it and saying so.
      if (batch.state == "ended" && !batch.announced &&
          (!batch.notifying_at || now_ - batch.notifying_at >= kNotifyAgainMs || now_ < batch.notifying_at)) {
        action({{"type", "notify"}, {"batchId", id}});
        batch.notifying_at = now_;
        patch(batch).put("notifyingAt", now_);
      }
    }
    if (ended_) action({{"type", "refreshCredits"}});
  }

  void wait() {
    std::optional<std::int64_t> at;
    auto flight = flights();
    const std::int64_t due = poll_due();
    const auto soonest = [&](std::int64_t t) { at = std::min(at.value_or(t), t); };
    for (const Job& job : jobs_) {
      if (!job.active()) continue;
      if (job.in_flight()) soonest(due);
      if (!job.unsent()) continue;
      const Batch* batch = batch_of(job);
      if (batch && batch->state != "running") continue;
      std::int64_t t = std::max(job.next_attempt_at, engine_.refreshing_since ? engine_.refreshing_since + kRefreshWaitMs : 0);
      if (batch) {
        // A row held back by the batch's concurrency (or the account's queue) waits for a poll to free a place.
        if (at_capacity(*batch, flight)) continue;
        t = std::max({t, batch->next_submit_at, engine_.hold_until});
      }
      soonest(std::max(t, now_));
    }
    for (const auto& [id, batch] : batches_)
      if (batch.state == "ended" && !batch.announced && batch.notifying_at) soonest(later(batch.notifying_at, kNotifyAgainMs));
    if (at) action({{"type", "wait"}, {"ms", std::max<std::int64_t>(*at - now_, 0)}});
  }

  json answer() {
    json jobs = json::array(), batches = json::array();
    const auto out = [](json& list, const char* key, const std::string& id, Patch& p) {
      list.push_back({{key, id}, {"set", std::move(p.set)}, {"unset", p.unset}});
    };
    for (const auto& id : patch_order_) {
      job_patches_[id].put("updatedAt", now_);
      out(jobs, "submitId", id, job_patches_[id]);
    }
    for (const auto& id : batch_order_) out(batches, "id", id, batch_patches_[id]);
    json engine = {{"backoff", engine_.backoff},
                   {"holdUntil", engine_.hold_until},
                   {"holdMs", engine_.hold_ms},
                   {"nextPollAt", engine_.next_poll_at},
                   {"refreshingSince", engine_.refreshing_since},
                   {"watched", engine_.watched},
                   {"queueCap", engine_.queue_cap},
                   {"queueCapAt", engine_.queue_cap_at},
                   {"lastPollAt", engine_.last_poll_at}};
    return json{{"jobs", std::move(jobs)},
                {"batches", std::move(batches)},
                {"engine", std::move(engine)},
                {"actions", std::move(actions_)}};
  }

 public:
  std::uint64_t entropy_ = 0;

 private:
  std::int64_t now_;
  std::vector<Job> jobs_;
  std::map<std::string, std::size_t> index_;
  std::map<std::string, Batch> batches_;
  Engine engine_;
  std::map<std::string, Patch> job_patches_, batch_patches_;
  std::vector<std::string> patch_order_, batch_order_;
  json actions_ = json::array();
  bool ended_ = false;
};

}  // namespace

Result<json> engine_step(const json& state, const json& event, std::int64_t now) {
  if (now < 0 || now > kMaxTime)
    return Error{ErrorKind::invalid_input, Retry::never, "now_invalid", "now is out of range", "now"};
  Step step(now);
  if (auto e = step.load(state)) return *e;
  if (event.is_object() && event.contains("entropy") && event["entropy"].is_number_unsigned())
    step.entropy_ = event["entropy"].get<std::uint64_t>();
  if (auto e = step.apply(event)) return *e;
  return step.decide();
}

}  // namespace jimeng
