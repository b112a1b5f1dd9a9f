#include "engine/engine.hpp"

#include <algorithm>
#include <set>

#include "engine/engine_step.hpp"

namespace jimeng {
namespace engine {

namespace {
// state[key] as a list, not copied (it holds every open job): absent is empty; anything but an array is
// refused, naming the key.
Result<const json*> list_at(const json& state, const char* key) {
  static const json kEmpty = json::array();
  const auto it = state.find(key);
  if (it == state.end()) return &kEmpty;
  if (!it->is_array())
    return Error{ErrorKind::invalid_input, Retry::never, "state_invalid", std::string("state.") + key + " must be an array", key};
  return &*it;
}
}  // namespace

std::optional<Error> Step::load(const json& state) {
  if (!state.is_object())
    return Error{ErrorKind::invalid_input, Retry::never, "state_invalid", "state must be an object", "state"};
  const auto jobs = list_at(state, "jobs");
  if (const Error* e = error_of(jobs)) return *e;
  for (const auto& j : *std::get<const json*>(jobs)) {
    auto job = read_job(j);
    if (const Error* e = error_of(job)) return *e;
    Job& read = std::get<Job>(job);
    if (index_.count(read.id)) continue;  // a duplicate is the same job
    index_[read.id] = jobs_.size();
    jobs_.push_back(std::move(read));
  }
  const auto batches = list_at(state, "batches");
  if (const Error* e = error_of(batches)) return *e;
  for (const auto& b : *std::get<const json*>(batches)) {
    auto batch = read_batch(b);
    if (const Error* e = error_of(batch)) return *e;
    batches_[std::get<Batch>(batch).id] = std::get<Batch>(batch);
  }
  engine_ = read_engine(state.contains("engine") ? state["engine"] : json::object());
  return std::nullopt;
}

std::optional<Error> Step::apply(const json& event) {
  if (!event.is_object() || text_at(event, "type").empty())
    return Error{ErrorKind::invalid_input, Retry::never, "event_invalid", "the event must be an object with a type", "type"};
  const std::string type = text_at(event, "type");
  if (event.contains("watched") && event["watched"].is_boolean()) {
    const bool watched = event["watched"].get<bool>();
    if (watched && !engine_.watched) engine_.next_poll_at = now_;  // someone looks: answer them now
    engine_.watched = watched;
  }
  if (type == "tick" || type == "submit") return std::nullopt;  // decide() does the rest
  if (type == "workerStarted") {
    // The worker that sent these submits is gone, and their answers with it: nobody will deliver them. Each is
    // looked up from now on (and resent only once the service has not listed it for the look-up's time), rather
    // than waited for until kOrphanedSubmitMs.
    for (Job& job : jobs_)
      if (job.awaiting_answer()) set_lost(job, "worker_restarted");
    return std::nullopt;
  }
  if (type == "submitted") return submitted(text_at(event, "submitId"), event.value("result", json::object()));
  if (type == "submitLost") return lost(text_at(event, "submitId"), text_at(event, "why"), event.value("error", json()));
  if (type == "polled")  // `sentAt`: when that poll's request left (its action's), so a loss after it is not counted
    return polled(event.value("submitIds", json::array()), event.value("result", json::object()),
                  int_at(event, "sentAt", engine_.last_poll_at));
  if (type == "seen") return seen(event.value("tasks", json::object()));
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

json Step::decide() {
  for (Job& job : jobs_)
    if (job.awaiting_answer() && now_ >= later(job.attempt_at, kOrphanedSubmitMs)) set_lost(job, "no_answer");
  if (engine_.refreshing_since && now_ - engine_.refreshing_since >= kRefreshWaitMs) engine_.refreshing_since = 0;
  if (engine_.queue_cap && now_ - engine_.queue_cap_at >= kQueueCapForgetMs) engine_.queue_cap = 0;
  for (auto it = engine_.models.begin(); it != engine_.models.end();) {  // a lane limit is tried again later, too
    if (it->second.lane && now_ - it->second.lane_at >= kQueueCapForgetMs) it->second.lane = 0;
    it = !it->second.lane && now_ >= it->second.until ? engine_.models.erase(it) : std::next(it);
  }
  poll();
  admit();
  end_batches();
  wait();
  return answer();
}

Job* Step::find(const std::string& id) {
  const auto it = index_.find(id);
  return it == index_.end() ? nullptr : &jobs_[it->second];
}

Patch& Step::patch(const Job& job) {
  if (!job_patches_.count(job.id)) patch_order_.push_back(job.id);
  return job_patches_[job.id];
}

Patch& Step::patch(const Batch& batch) {
  if (!batch_patches_.count(batch.id)) batch_order_.push_back(batch.id);
  return batch_patches_[batch.id];
}

// A new send, or a send settled: either way no loss is left to look up.
void Step::set_attempt(Job& job, std::int64_t at) {
  job.attempt_at = at;
  if (at) patch(job).put("attemptAt", at);
  else patch(job).drop("attemptAt");
  if (job.lost_at) patch(job).drop("submitLost");
  job.lost_at = 0;
}

// The answer to the job's send will not come (why: timeout, network, tab_gone, no_answer, unreadable, http_5xx).
// From now on, and only now, polls that do not find the id count towards a resend.
void Step::set_lost(Job& job, const std::string& why) {
  job.lost_at = now_;
  job.missing_polls = 0;
  patch(job).put("submitLost", {{"at", now_}, {"why", why.empty() ? "unknown" : why}});
  patch(job).put("missingPolls", 0);
}

void Step::set_next_attempt(Job& job, std::int64_t at) {
  job.next_attempt_at = at;
  if (at) patch(job).put("nextAttemptAt", at);
  else patch(job).drop("nextAttemptAt");
}

void Step::set_needs_login(Job& job, bool needs) {
  if (job.needs_login == needs) return;
  job.needs_login = needs;
  patch(job).put("needsLogin", needs);
}

void Step::fail(Job& job, json error) {
  job.phase = Phase::failed;
  patch(job).put("phase", to_string(job.phase));
  patch(job).put("error", std::move(error));
  set_attempt(job, 0);
  ended_ = true;
}

Batch* Step::batch_of(const Job& job) {
  const auto it = batches_.find(job.batch);
  return job.batch.empty() || it == batches_.end() ? nullptr : &it->second;
}

void Step::pause_batch(Batch& batch, const json& reason) {
  batch.state = BatchState::paused;
  patch(batch).put("state", to_string(batch.state));
  patch(batch).put("pause", reason);
}

// Tasks in flight per batch id, and in all under "": counted once per decision, not once per row.
std::map<std::string, int> Step::flights() const {
  std::map<std::string, int> n;
  for (const Job& j : jobs_)
    if (j.in_flight()) {
      n[""]++;
      if (!j.batch.empty()) n[j.batch]++;
      if (!j.model.empty()) n[model_key(j.model)]++;
    }
  return n;
}

// Held by its model's lane (1310): while the model's wait runs, or while as many of it are in flight as the
// lane was seen to take.
bool Step::model_waits(const Job& job, std::map<std::string, int>& n) const {
  const auto it = engine_.models.find(job.model);
  if (job.model.empty() || it == engine_.models.end()) return false;
  return now_ < it->second.until || (it->second.lane && n[model_key(job.model)] >= it->second.lane);
}

bool Step::at_capacity(const Batch& batch, std::map<std::string, int>& n) const {
  return n[batch.id] >= batch.concurrency || (engine_.queue_cap && n[""] >= engine_.queue_cap);
}

// An error the engine itself decides, never retried (one writer: an initializer list each cost far more code).
static json final_error(const char* kind, const char* code, std::string message) {
  json e = json::object();
  e["kind"] = kind;
  e["code"] = code;
  e["message"] = std::move(message);
  e["retry"] = "never";
  return e;
}

json Step::cancelled() { return final_error("cancelled", "cancelled", "cancelled before it was sent"); }

json Step::timed_out() { return final_error("server_error", "timeout", "Jimeng did not finish this task within its time limit"); }

json Step::outcome_unknown() {
  return final_error("server_error", "outcome_unknown",
                     "Jimeng did not answer this submit, even when sent again, and does not list it: it may or may not "
                     "have been charged. Check Jimeng's own history before trying again");
}

json Step::too_many_attempts() {
  return final_error("server_error", "too_many_attempts",
                     "Jimeng refused this job " + std::to_string(kMaxAttempts) + " times; it was given up, uncharged");
}

std::optional<Error> Step::login() {
  for (Job& job : jobs_)
    if (job.needs_login) {
      set_needs_login(job, false);
      if (job.unsent()) set_next_attempt(job, 0);
    }
  engine_.next_poll_at = now_;
  return std::nullopt;
}

std::optional<Error> Step::batch_command(const std::string& type, const std::string& id) {
  const auto it = batches_.find(id);
  // A second "shown" for a batch already announced (it has left the open batches) is nothing to do.
  if (it == batches_.end() && type == "notified") return std::nullopt;
  if (it == batches_.end())
    return Error{ErrorKind::invalid_input, Retry::never, "batch_unknown", "no such batch: " + id, "batchId"};
  Batch& batch = it->second;
  if (type == "notified") {
    batch.announced = true;
    patch(batch).put("announced", true);
  } else if (batch.state == BatchState::ended || batch.state == BatchState::cancelled) {
    // Nothing left to pause, resume or cancel.
  } else if (type == "pause") {
    pause_batch(batch, final_error("paused", "user", "paused by the user"));
  } else if (type == "resume") {
    batch.state = BatchState::running;
    patch(batch).put("state", to_string(batch.state));
    patch(batch).drop("pause");
  } else {  // cancel: rows not sent are failed as cancelled; sent ones cannot be taken back on Jimeng
    batch.state = BatchState::cancelled;
    patch(batch).put("state", to_string(batch.state));
    for (Job& job : jobs_)
      if (job.batch == id && job.unsent()) fail(job, cancelled());
  }
  return std::nullopt;
}

void Step::end_batches() {
  std::set<std::string> open_batches;
  for (const Job& j : jobs_)
    if (j.active() && !j.batch.empty()) open_batches.insert(j.batch);
  for (auto& [id, batch] : batches_) {
    const bool open = open_batches.count(id) > 0;
    if (batch.state != BatchState::ended && !open) {
      batch.state = BatchState::ended;
      patch(batch).put("state", to_string(batch.state));
      patch(batch).put("endedAt", now_);
    }
    // Said once per batch (not per job); said again (after kNotifyAgainMs) until the caller confirms it,
    // as a worker may die between showing it and saying so.
    if (batch.state == BatchState::ended && !batch.announced &&
        (!batch.notifying_at || now_ - batch.notifying_at >= kNotifyAgainMs || now_ < batch.notifying_at)) {
      action({{"type", "notify"}, {"batchId", id}});
      batch.notifying_at = now_;
      patch(batch).put("notifyingAt", now_);
    }
  }
  if (ended_) action({{"type", "refreshCredits"}});
}

void Step::wait() {
  std::optional<std::int64_t> at;
  auto flight = flights();
  const std::int64_t due = poll_due();
  const auto soonest = [&](std::int64_t t) { at = std::min(at.value_or(t), t); };
  for (const Job& job : jobs_) {
    if (!job.active()) continue;
    if (job.in_flight()) soonest(due);
    if (!job.unsent()) continue;
    const Batch* batch = batch_of(job);
    if (batch && batch->state != BatchState::running) continue;
    std::int64_t t = std::max(job.next_attempt_at, engine_.refreshing_since ? engine_.refreshing_since + kRefreshWaitMs : 0);
    if (const auto m = engine_.models.find(job.model); !job.model.empty() && m != engine_.models.end()) {
      // A model at its lane's limit waits for a poll to free a place; a model's wait ends at its time.
      if (m->second.lane && flight[model_key(job.model)] >= m->second.lane) continue;
      t = std::max(t, m->second.until);
    }
    if (batch) {
      // A row held back by the batch's concurrency (or the account's queue) waits for a poll to free a place.
      if (at_capacity(*batch, flight)) continue;
      t = std::max({t, batch->next_submit_at, batch->start_at, engine_.hold_until});
    }
    soonest(std::max(t, now_));
  }
  for (const auto& [id, batch] : batches_)
    if (batch.state == BatchState::ended && !batch.announced && batch.notifying_at)
      soonest(later(batch.notifying_at, kNotifyAgainMs));
  if (at) action({{"type", "wait"}, {"ms", std::max<std::int64_t>(*at - now_, 0)}});
}

json Step::answer() {
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

}  // namespace engine

using engine::kMaxTime;
using engine::Step;

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
