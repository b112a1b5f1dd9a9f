#include "engine/engine_model.hpp"

namespace jimeng::engine {

std::int64_t int_at(const json& o, const char* key, std::int64_t fallback, std::int64_t lo, std::int64_t hi) {
  const auto it = o.find(key);
  if (it == o.end() || !it->is_number()) return fallback;
  const double v = it->get<double>();
  if (!(v > static_cast<double>(lo))) return lo;  // also NaN
  if (v >= static_cast<double>(hi)) return hi;
  return it->is_number_integer() ? std::clamp(it->get<std::int64_t>(), lo, hi) : static_cast<std::int64_t>(v);
}

bool flag_at(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_boolean() && it->get<bool>();
}

namespace {
constexpr const char* kPhaseNames[] = {"submitting", "queued", "generating", "done", "failed"};
constexpr const char* kBatchStateNames[] = {"running", "paused", "cancelled", "ended"};

template <class Enum, std::size_t N>
std::optional<Enum> enum_from(std::string_view text, const char* const (&names)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    if (text == names[i]) return static_cast<Enum>(i);
  return std::nullopt;
}
}  // namespace

std::optional<Phase> phase_from(std::string_view text) { return enum_from<Phase>(text, kPhaseNames); }
std::optional<BatchState> batch_state_from(std::string_view text) { return enum_from<BatchState>(text, kBatchStateNames); }
const char* to_string(Phase phase) { return kPhaseNames[static_cast<int>(phase)]; }
const char* to_string(BatchState state) { return kBatchStateNames[static_cast<int>(state)]; }

bool healable_error(const json& error) {
  const std::string code = error.is_object() ? text_at(error, "code") : "";
  return code == "outcome_unknown" || code == "timeout" || code == "too_many_attempts";
}

Result<Job> read_job(const json& j) {
  const auto phase = j.is_object() ? phase_from(text_at(j, "phase")) : std::nullopt;
  if (!phase || text_at(j, "submitId").empty())
    return Error{ErrorKind::invalid_input, Retry::never, "job_invalid",
                 "every job needs a submitId and a phase (submitting, queued, generating, done or failed)", "jobs"};
  Job job;
  job.id = text_at(j, "submitId");
  job.phase = *phase;
  job.batch = text_at(j, "batchId");
  job.model = text_at(j, "model");
  job.history_id = text_at(j, "historyId");
  job.by_history = flag_at(j, "pollByHistory") && !job.history_id.empty();
  job.video = text_at(j, "kind") == "video";
  job.queue_s = int_at(j, "queueSeconds", 0, 0, 30 * kTaskLifetimeS);
  job.queue_seen_at = int_at(j, "queueSeenAt");
  job.look_every_s = int_at(j, "pollIntervalSeconds", 0, 0, 3'600);
  job.created = int_at(j, "createdAt");
  job.row = int_at(j, "row", 0, 0, 1'000'000);
  job.attempt_at = int_at(j, "attemptAt");
  job.next_attempt_at = int_at(j, "nextAttemptAt");
  job.sent_at = int_at(j, "sentAt");
  job.timeout_s = int_at(j, "timeoutSeconds", 0, 0, 30 * kTaskLifetimeS);
  job.service_created_s = int_at(j, "createdTime", 0, 0, kMaxTime / 1000);
  job.missing_polls = static_cast<int>(int_at(j, "missingPolls", 0, 0, 1'000));
  job.attempts = static_cast<int>(int_at(j, "attempts", 0, 0, 1'000));
  job.resends = static_cast<int>(int_at(j, "resends", 0, 0, 1'000));
  job.version_retried = flag_at(j, "versionRetried");
  job.needs_login = flag_at(j, "needsLogin");
  job.unknown_retried = flag_at(j, "unknownRetried");
  job.healable = job.phase == Phase::failed && healable_error(j.value("error", json()));
  const auto lost = j.find("submitLost");
  if (lost != j.end() && lost->is_object()) job.lost_at = int_at(*lost, "at");
  if (!job.attempt_at) job.lost_at = 0;  // a loss belongs to a send
  return job;
}

Result<Batch> read_batch(const json& b) {
  if (!b.is_object() || text_at(b, "id").empty())
    return Error{ErrorKind::invalid_input, Retry::never, "batch_invalid", "every batch needs an id", "batches"};
  Batch batch;
  batch.id = text_at(b, "id");
  const std::string state = text_at(b, "state");
  const auto known = batch_state_from(state);
  if (!state.empty() && !known)
    return Error{ErrorKind::invalid_input, Retry::never, "batch_invalid",
                 "a batch's state is running, paused, cancelled or ended", "batches"};
  batch.state = known.value_or(BatchState::running);
  batch.concurrency = static_cast<int>(int_at(b, "concurrency", 2, 1, kMaxConcurrency));
  batch.gap_ms = int_at(b, "gapMs", 0, 0, 3'600'000);
  batch.spread_ms = int_at(b, "spreadMs", 0, 0, 600'000);
  batch.next_submit_at = int_at(b, "nextSubmitAt");
  batch.start_at = int_at(b, "startAt");
  batch.started_at = int_at(b, "startedAt");
  batch.announced = flag_at(b, "announced");
  batch.timed = int_at(b, "timed", 0, 0, 1'000'000);
  batch.done_ms = int_at(b, "doneMs", 0, 0, kMaxTime / 2);
  batch.fastest_ms = int_at(b, "fastestMs", 0, 0, kMaxTime / 2);
  batch.pending_ms = int_at(b, "pendingMs", 0, 0, kMaxTime / 2);
  batch.notifying_at = int_at(b, "notifyingAt");
  return batch;
}

EngineState read_engine(const json& e) {
  EngineState s;
  if (!e.is_object()) return s;
  s.backoff = static_cast<int>(int_at(e, "backoff", 1, 1, kMaxBackoff));
  s.hold_until = int_at(e, "holdUntil");
  s.hold_ms = int_at(e, "holdMs", 0, 0, kMaxLaterMs);
  s.next_poll_at = int_at(e, "nextPollAt");
  s.refreshing_since = int_at(e, "refreshingSince");
  s.watched = flag_at(e, "watched");
  s.queue_cap = static_cast<int>(int_at(e, "queueCap", 0, 0, 1'000));
  s.queue_cap_at = int_at(e, "queueCapAt");
  s.last_poll_at = int_at(e, "lastPollAt");
  if (const auto models = e.find("models"); models != e.end() && models->is_object()) {
    for (const auto& entry : models->items()) {
      const json& m = entry.value();
      if (!m.is_object() || s.models.size() >= 64) continue;  // a handful of models: anything more is not ours
      s.models[entry.key()] = ModelHold{int_at(m, "holdUntil"), int_at(m, "holdMs", 0, 0, kMaxLaterMs),
                                        static_cast<int>(int_at(m, "lane", 0, 0, 1'000)), int_at(m, "laneAt")};
    }
  }
  return s;
}

json write_engine(const EngineState& e) {
  json models = json::object();
  for (const auto& [key, m] : e.models) {
    json one = json::object();
    one["holdUntil"] = m.until;
    one["holdMs"] = m.ms;
    one["lane"] = m.lane;
    one["laneAt"] = m.lane_at;
    models[key] = std::move(one);
  }
  return {{"models", std::move(models)}, {"backoff", e.backoff},         {"holdUntil", e.hold_until},
          {"holdMs", e.hold_ms},         {"nextPollAt", e.next_poll_at}, {"refreshingSince", e.refreshing_since},
          {"watched", e.watched},        {"queueCap", e.queue_cap},      {"queueCapAt", e.queue_cap_at},
          {"lastPollAt", e.last_poll_at}};
}

}  // namespace jimeng::engine
