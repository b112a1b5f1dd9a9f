// Admission of unsent jobs, a submit's answer, and the look-up of a lost one (engine_step.hpp).
#include <algorithm>
#include <set>

#include "engine/engine_step.hpp"

namespace jimeng::engine {

std::optional<Error> Step::lost(const std::string& id, const std::string& why, const json& error) {
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
void Step::look_up_lost(Job& job) {
  job.missing_polls++;
  patch(job).put("missingPolls", job.missing_polls);
  if (job.missing_polls < kLostPolls || now_ < later(job.lost_at, kLookupMs) || now_ < later(job.attempt_at, kResendAfterSendMs))
    return;
  Batch* batch = batch_of(job);
  if (batch && batch->state == BatchState::cancelled) return fail(job, cancelled());
  if (job.resends >= kMaxResends) return fail(job, outcome_unknown());
  job.resends++;
  patch(job).put("resends", job.resends);
  set_attempt(job, 0);
}

std::optional<Error> Step::submitted(const std::string& id, const json& result) {
  Job* job = find(id);
  // An answer for a job that is no longer waiting for one (a late duplicate) changes nothing.
  if (!job || job->phase != Phase::submitting || !job->attempt_at) return std::nullopt;
  if (flag_at(result, "ok") && result.contains("task") && result["task"].is_object()) {
    take_task(*job, result["task"]);
    set_needs_login(*job, false);
    patch(*job).drop("lastError");
    engine_.hold_ms = 0;
    if (const auto it = engine_.models.find(job->model); it != engine_.models.end()) it->second.ms = 0;
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
  if (retry == "later" && code == "1310" && !job->model.empty()) {
    // This model's lane is full (exceed_model_parallel_max), not the account's: only its submits wait, and
    // what is in flight of it now is its limit. Refusals of one burst share the wait, as below.
    ModelHold& hold = engine_.models[job->model];
    set_attempt(*job, 0);
    const bool same_burst = now_ < hold.until;
    if (!same_burst) {
      hold.ms = std::min(hold.ms ? hold.ms * 2 : kLaterMs, kMaxLaterMs);
      hold.until = now_ + hold.ms;
    }
    // Within a burst the answers come in any order: the fewest in flight at a refusal is the limit.
    const int in_flight = std::max(1, flights()[model_key(job->model)]);
    hold.lane = same_burst && hold.lane ? std::min(hold.lane, in_flight) : in_flight;
    hold.lane_at = now_;
    set_next_attempt(*job, hold.until);
    patch(*job).put("lastError", error);
    return std::nullopt;
  }
  if (retry == "later") {
    // The account is being limited, not this job: every submit waits, longer after each refusal in a row.
    // Refusals that come while a wait is on are answers to the same burst of submits, not new refusals in
    // a row: they share the wait (twenty submits refused at once would otherwise hold the last for 4 min).
    set_attempt(*job, 0);
    if (now_ >= engine_.hold_until) {
      engine_.hold_ms = std::min(engine_.hold_ms ? engine_.hold_ms * 2 : kLaterMs, kMaxLaterMs);
      engine_.hold_until = now_ + engine_.hold_ms;
    }
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

void Step::admit() {
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
    if (model_waits(*job, flight)) continue;
    Batch* batch = batch_of(*job);
    if (batch) {
      if (batch->state != BatchState::running || now_ < engine_.hold_until || now_ < batch->next_submit_at ||
          now_ < batch->start_at)
        continue;
      if (at_capacity(*batch, flight)) continue;
      flight[batch->id]++;
      if (!batch->started_at) {
        batch->started_at = now_;
        patch(*batch).put("startedAt", now_);
        // A scheduled batch whose time passed while nothing ran (the browser was closed): it starts now, and says
        // by how much it is late.
        if (batch->start_at && now_ - batch->start_at > kLateStartMs) patch(*batch).put("startedLateMs", now_ - batch->start_at);
      }
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
    if (!job->model.empty()) flight[model_key(job->model)]++;
    // Its first look-up comes one interval later (sooner would only find it missing).
    if (engine_.next_poll_at <= now_) engine_.next_poll_at = now_ + poll_interval();
  }
}
}  // namespace jimeng::engine
