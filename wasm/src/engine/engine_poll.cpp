// Polls: when the next one is due, what it asks, and what its answer changes (engine_step.hpp).
#include <algorithm>
#include <set>

#include "engine/engine_step.hpp"

namespace jimeng::engine {

// The fields a task state sets: what the service says, and nothing left over from an earlier state.
// `looked_at`: when the answer's request left (a poll's), or 0 for now.
void Step::take_task(Job& job, const json& task, std::int64_t looked_at) {
  Patch& p = patch(job);
  const bool was_open = job.active();  // a healed job's time says nothing of how long its batch's rows take
  // parseHistory's task states are the phases past submitting; anything else is still being made.
  job.phase = phase_from(text_at(task, "state")).value_or(Phase::generating);
  p.put("phase", to_string(job.phase));
  if (!job.sent_at) {  // the service has it: since when (the submit's time when known)
    job.sent_at = job.attempt_at ? job.attempt_at : now_;
    p.put("sentAt", job.sent_at);
  }
  if (Batch* batch = batch_of(job); batch && job.phase == Phase::done && was_open) {
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
  if (const std::int64_t created = int_at(task, "createdTime"); created > 0) {  // kept once known: polls may not say
    job.service_created_s = created;
    p.put("createdTime", created);
  }
  for (const char* key : {"total", "finished", "queue", "images", "videos", "error", "historyId", "timeoutSeconds",
                          "queueSeconds", "pollIntervalSeconds", "cost"}) {
    if (task.contains(key) && !task[key].is_null()) p.put(key, task[key]);
    else p.drop(key);
  }
  job.queue_s = int_at(task, "queueSeconds", 0, 0, 30 * kTaskLifetimeS);
  job.look_every_s = int_at(task, "pollIntervalSeconds", 0, 0, 3'600);
  job.queue_seen_at = job.queue_s ? now_ : 0;
  if (job.queue_s) p.put("queueSeenAt", now_);
  else p.drop("queueSeenAt");
  if (text_at(task, "kind") == "video" && !job.video) {
    job.video = true;
    p.put("kind", "video");
  }
  set_attempt(job, 0);
  if (!job.active()) ended_ = true;
}

std::optional<Error> Step::polled(const json& ids, const json& result, std::int64_t polled_at) {
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
    if (flag_at(task, "missing") && phase_from(text_at(task, "state")) != Phase::failed) {
      // Unknown to the service (yet). While the submit's answer is awaited that says nothing: the service
      // may still be creating the task. Only polls sent after a loss count.
      if (job->phase == Phase::submitting && job->lost_at && polled_at >= job->lost_at) look_up_lost(*job);
      // A task the service took, never said when, and no longer lists a task lifetime after its send (on our
      // clock: with the service's creation time the parser decides, on the service's clock).
      else if (job->phase != Phase::submitting && !job->service_created_s && job->sent_at &&
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

std::optional<Error> Step::seen(const json& tasks) {
  if (!tasks.is_object())
    return Error{ErrorKind::invalid_input, Retry::never, "event_invalid", "tasks must be an object of submit_id to task",
                 "tasks"};
  for (const auto& [id, task] : tasks.items()) {
    Job* job = find(id);
    if (!job || !task.is_object() || flag_at(task, "missing") || !phase_from(text_at(task, "state"))) continue;
    if (job->active()) {
      set_needs_login(*job, false);
      take_task(*job, task);
      continue;
    }
    if (job->phase != Phase::failed || !job->healable) continue;
    // A listed failure of the service's own (its words, its code) replaces our "unknown"; so does success.
    take_task(*job, task);
    job->healable = false;
    patch(*job).put("healedAt", now_);
    patch(*job).drop("nextAttemptAt");
  }
  return std::nullopt;
}

// When the next poll is due: the usual interval, or sooner for a batch row in flight. Polls have shown
// how long its batch's rows take (done by `fastest`, still running at `pending`): the row is looked at
// halfway between the two, then at `fastest`, then every quarter of `fastest`, so a slot is not left
// idle for a whole interval and the estimate narrows. Before any row is seen done, the looks double from
// 1.5 s. Never sooner than kMinPollMs after the last poll, never while polls fail; the rate grows with
// the rows in flight (at most 5 a batch), not with the batch's size.
std::int64_t Step::video_look_at(const Job& job) const {
  if (!job.video || !job.sent_at || (job.phase != Phase::queued && job.phase != Phase::generating)) return 0;
  const std::int64_t every =
      job.look_every_s ? std::clamp<std::int64_t>(job.look_every_s * 1000, kMinPollMs, kMaxVideoLookMs) : kVideoLookMs;
  const std::int64_t left = job.queue_s && job.queue_seen_at ? job.queue_s * 1000 - (now_ - job.queue_seen_at) : 0;
  const std::int64_t gap = left > 0          ? std::clamp<std::int64_t>(left / 4, every, kMaxVideoLookMs)
                           : engine_.watched ? std::min(every, kWatchedVideoLookMs)
                                             : every;
  // From the last look, or from its send when nothing was looked at since (the submit's answer said where it stands).
  return later(std::max(engine_.last_poll_at, job.sent_at), gap);
}

// Videos in the service's queue set their own time (video_look_at); everything else is polled as before, and
// one request asks for all of them together whenever any is due.
std::int64_t Step::poll_due() const {
  bool any_usual = false;
  std::int64_t videos_at = kMaxTime;
  for (const Job& job : jobs_) {
    if (!job.active() || !job.in_flight()) continue;
    if (const std::int64_t t = video_look_at(job)) videos_at = std::min(videos_at, t);
    else any_usual = true;
  }
  std::int64_t at = any_usual ? engine_.next_poll_at : std::max(engine_.next_poll_at, videos_at);
  if (engine_.backoff > 1) return at;
  at = std::min(at, videos_at);
  const std::int64_t last = engine_.last_poll_at;
  for (const Job& job : jobs_) {
    if (!job.active() || !job.in_flight() || !job.sent_at || job.batch.empty() || video_look_at(job)) continue;
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

void Step::poll() {
  json ids = json::array(), created = json::object();
  // Jobs Jimeng listed without a submit_id are asked for by history id, in the same poll: {historyId: submitId}.
  json by_history = json::object(), history_created = json::object();
  for (const Job& job : jobs_) {
    if (!job.active() || !job.in_flight()) continue;
    (job.by_history ? by_history[job.history_id] : ids.emplace_back()) = job.id;
    // A task's lifetime runs from when the service made it, on the service's clock (the parser weighs it
    // against the answer's own time): never from when the job was made, nor on the caller's clock.
    if (job.service_created_s)
      (job.by_history ? history_created[job.history_id] : created[job.id]) = job.service_created_s * 1000;
  }
  if ((ids.empty() && by_history.empty()) || now_ < poll_due()) return;
  engine_.last_poll_at = now_;
  engine_.next_poll_at = now_ + poll_interval();
  json a = json::object();
  a["type"] = "poll";
  a["submitIds"] = ids;
  a["sentAt"] = now_;
  a["context"]["submitIds"] = std::move(ids);
  a["context"]["createdAt"] = std::move(created);
  if (!by_history.empty()) {
    json& context = a["historyContext"];
    for (const auto& item : by_history.items()) context["historyIds"].push_back(item.key());
    context["createdAt"] = std::move(history_created);
    a["historyIds"] = std::move(by_history);
  }
  action(std::move(a));
}
}  // namespace jimeng::engine
