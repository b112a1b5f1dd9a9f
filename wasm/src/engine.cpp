#include "engine.hpp"

#include "engine_model.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace jimeng {
namespace {

using namespace engine;  // NOLINT: the engine's own vocabulary (engine_model.hpp)

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
        auto job = read_job(j);
        if (const Error* e = error_of(job)) return *e;
        Job& read = std::get<Job>(job);
        if (index_.count(read.id)) continue;  // a duplicate is the same job
        index_[read.id] = jobs_.size();
        jobs_.push_back(std::move(read));
      }
    const auto batches = state.find("batches");
    if (batches != state.end() && !batches->is_array())
      return Error{ErrorKind::invalid_input, Retry::never, "state_invalid", "state.batches must be an array", "batches"};
    if (batches != state.end())
      for (const auto& b : *batches) {
        auto batch = read_batch(b);
        if (const Error* e = error_of(batch)) return *e;
        batches_[std::get<Batch>(batch).id] = std::get<Batch>(batch);
      }
    engine_ = read_engine(state.contains("engine") ? state["engine"] : json::object());
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
    if (type == "tick" || type == "submit") return std::nullopt;  // decide() does the rest
    if (type == "submitted") return submitted(text_at(event, "submitId"), event.value("result", json::object()));
    if (type == "submitLost") return lost(text_at(event, "submitId"), text_at(event, "why"), event.value("error", json()));
    if (type == "polled")  // `sentAt`: when that poll's request left (its action's), so a loss after it is not counted
      return polled(event.value("submitIds", json::array()), event.value("result", json::object()),
                    int_at(event, "sentAt", engine_.last_poll_at));
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
    for (Job& job : jobs_)
      if (job.awaiting_answer() && now_ >= later(job.attempt_at, kOrphanedSubmitMs)) set_lost(job, "no_answer");
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

  // A new send, or a send settled: either way no loss is left to look up.
  void set_attempt(Job& job, std::int64_t at) {
    job.attempt_at = at;
    if (at) patch(job).put("attemptAt", at);
    else patch(job).drop("attemptAt");
    if (job.lost_at) patch(job).drop("submitLost");
    job.lost_at = 0;
  }
  // The answer to the job's send will not come (why: timeout, network, tab_gone, no_answer, unreadable, http_5xx).
  // From now on, and only now, polls that do not find the id count towards a resend.
  void set_lost(Job& job, const std::string& why) {
    job.lost_at = now_;
    job.missing_polls = 0;
    patch(job).put("submitLost", {{"at", now_}, {"why", why.empty() ? "unknown" : why}});
    patch(job).put("missingPolls", 0);
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
  static json timed_out() {
    return json{{"kind", "server_error"},
                {"code", "timeout"},
                {"message", "Jimeng did not finish this task within its time limit"},
                {"retry", "never"}};
  }
  static json outcome_unknown() {
    return json{{"kind", "server_error"},
                {"code", "outcome_unknown"},
                {"message",
                 "Jimeng did not answer this submit, even when sent again, and does not list it: it may or may not "
                 "have been charged. Check Jimeng's own history before trying again"},
                {"retry", "never"}};
  }
  static json too_many_attempts() {
    return json{{"kind", "server_error"},
                {"code", "too_many_attempts"},
                {"message", "Jimeng refused this job " + std::to_string(kMaxAttempts) + " times; it was given up, uncharged"},
                {"retry", "never"}};
  }

  std::optional<Error> lost(const std::string& id, const std::string& why, const json& error) {
    Job* job = find(id);
    if (!job || !job->awaiting_answer()) return std::nullopt;  // settled already, or its loss is known
    if (why == "not_sent") {  // the request never left the extension (no Jimeng page): nothing reached the service
      set_attempt(*job, 0);
      set_next_attempt(*job, now_ + kLaterMs);
      if (error.is_object()) patch(*job).put("lastError", error);
      return std::nullopt;
    }
    set_lost(*job, why);
    return std::nullopt;
  }

  // A lost submit that the service still does not list. After the look-up it is sent once more with the same
  // submit_id; after that one resend it fails, as only Jimeng's own history can say whether it was charged.
  void look_up_lost(Job& job) {
    job.missing_polls++;
    patch(job).put("missingPolls", job.missing_polls);
    if (job.missing_polls < kLostPolls || now_ < later(job.lost_at, kLookupMs) ||
        now_ < later(job.attempt_at, kResendAfterSendMs))
      return;
    Batch* batch = batch_of(job);
    if (batch && batch->state == "cancelled") return fail(job, cancelled());
    if (job.resends >= kMaxResends) return fail(job, outcome_unknown());
    job.resends++;
    patch(job).put("resends", job.resends);
    set_attempt(job, 0);
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
    if (kind == "malformed_response" || code.rfind("http_", 0) == 0) {
      if (!job->lost_at) set_lost(*job, kind == "malformed_response" ? "unreadable" : code);
      return std::nullopt;
    }
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
    if (retry == "once") {  // a code the protocol does not list: tried once more, then the service's words stand
      if (!job->unknown_retried) {
        job->unknown_retried = true;
        patch(*job).put("unknownRetried", true);
        set_attempt(*job, 0);
        set_next_attempt(*job, now_ + kLaterMs);
        patch(*job).put("lastError", error);
        return std::nullopt;
      }
      json final_error = error;
      final_error["retry"] = "never";
      fail(*job, final_error);
      if (batch) pause_batch(*batch, final_error);
      return std::nullopt;
    }
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

  std::optional<Error> polled(const json& ids, const json& result, std::int64_t polled_at) {
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
        // Unknown to the service (yet). While the submit's answer is awaited that says nothing: the service
        // may still be creating the task. Only polls sent after a loss count.
        if (job->phase == "submitting" && job->lost_at && polled_at >= job->lost_at) look_up_lost(*job);
        // A task the service took and no longer lists, a task lifetime after it was sent (not after the job
        // was made: a batch row may go a day after its batch was created, and is then tracked and charged).
        else if (job->phase != "submitting" && job->sent_at &&
                 now_ - job->sent_at > std::max<std::int64_t>(job->timeout_s, kTaskLifetimeS) * 1000)
          fail(*job, timed_out());
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
      if (job->attempts >= kMaxAttempts) {
        fail(*job, too_many_attempts());
        continue;
      }
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
      job->attempts++;
      patch(*job).put("attempts", job->attempts);
      // The shell waits this long for the answer, and never less: a slow answer is not a lost one.
      action({{"type", "submit"}, {"submitId", job->id}, {"timeoutMs", kSubmitAnswerMs}});
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
    json ids = json::array();
    for (const Job& job : jobs_)
      if (job.active() && job.in_flight()) ids.push_back(job.id);
    if (ids.empty() || now_ < poll_due()) return;
    engine_.last_poll_at = now_;
    engine_.next_poll_at = now_ + poll_interval();
    // No createdAt in the context: the parser would weigh it against the service's clock. A missing id's
    // lifetime is the engine's rule, on the caller's clock alone (polled()).
    action({{"type", "poll"}, {"submitIds", ids}, {"sentAt", now_}, {"context", {{"submitIds", ids}}}});
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
    json engine = write_engine(engine_);
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
  EngineState engine_;
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
