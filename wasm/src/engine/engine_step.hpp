// Internal to the engine: one step's working state (the caller's jobs, batches and engine state, read once)
// and the rules that change it. The rules are spread by concern: engine.cpp (reading the state and events,
// the shared helpers, batches, waits, the answer), engine_submit.cpp (admission, submit answers and lost
// submits), engine_poll.cpp (polls: when, what, and what their answers change).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/engine_model.hpp"

namespace jimeng::engine {

class Step {
 public:
  Step(std::int64_t now) : now_(now) {}

  std::optional<Error> load(const json& state);

  std::optional<Error> apply(const json& event);

  json decide();

 private:
  Job* find(const std::string& id);
  Patch& patch(const Job& job);
  Patch& patch(const Batch& batch);
  void action(json a) { actions_.push_back(std::move(a)); }

  // A new send, or a send settled: either way no loss is left to look up.
  void set_attempt(Job& job, std::int64_t at);
  // The answer to the job's send will not come (why: timeout, network, tab_gone, no_answer, unreadable, http_5xx).
  // From now on, and only now, polls that do not find the id count towards a resend.
  void set_lost(Job& job, const std::string& why);
  void set_next_attempt(Job& job, std::int64_t at);
  void set_needs_login(Job& job, bool needs);
  void fail(Job& job, json error);
  // The fields a task state sets: what the service says, and nothing left over from an earlier state.
  // `looked_at`: when the answer's request left (a poll's), or 0 for now.
  void take_task(Job& job, const json& task, std::int64_t looked_at = 0);
  Batch* batch_of(const Job& job);
  void pause_batch(Batch& batch, const json& reason);
  // Tasks in flight per batch id, and in all under "": counted once per decision, not once per row.
  std::map<std::string, int> flights() const;
  bool at_capacity(const Batch& batch, std::map<std::string, int>& n) const;
  bool model_waits(const Job& job, std::map<std::string, int>& n) const;
  // The key under which flights() counts a model's tasks (apart from batch ids and the account's "").
  static std::string model_key(const std::string& model) { return "\x1fmodel:" + model; }
  // When a video in flight is next looked at (kVideoLookMs), or 0 when it is polled as images are.
  std::int64_t video_look_at(const Job& job) const;
  static json cancelled();
  static json timed_out();
  static json outcome_unknown();
  static json too_many_attempts();

  std::optional<Error> lost(const std::string& id, const std::string& why, const json& error);

  // A lost submit that the service still does not list. After the look-up it is sent once more with the same
  // submit_id; after that one resend it fails, as only Jimeng's own history can say whether it was charged.
  void look_up_lost(Job& job);

  std::optional<Error> submitted(const std::string& id, const json& result);

  std::optional<Error> polled(const json& ids, const json& result, std::int64_t polled_at);

  // Evidence from Jimeng's own list of past work (an import page): what it lists wins. A job still open takes
  // the listed task as a poll's answer would; a job we ended without knowing (healable) takes it too, keeping
  // our input and origin. Other ended jobs stay as they are.
  std::optional<Error> seen(const json& tasks);

  std::optional<Error> login();

  std::optional<Error> batch_command(const std::string& type, const std::string& id);

  void admit();
  std::int64_t poll_interval() const { return (engine_.watched ? kWatchedPollMs : kUnwatchedPollMs) * engine_.backoff; }

  // When the next poll is due: the usual interval, or sooner for a batch row in flight. Polls have shown
  // how long its batch's rows take (done by `fastest`, still running at `pending`): the row is looked at
  // halfway between the two, then at `fastest`, then every quarter of `fastest`, so a slot is not left
  // idle for a whole interval and the estimate narrows. Before any row is seen done, the looks double from
  // 1.5 s. Never sooner than kMinPollMs after the last poll, never while polls fail; the rate grows with
  // the rows in flight (at most 5 a batch), not with the batch's size.
  std::int64_t poll_due() const;

  void poll();

  void end_batches();

  void wait();

  json answer();

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

}  // namespace jimeng::engine
