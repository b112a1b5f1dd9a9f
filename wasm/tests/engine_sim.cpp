#include "engine_sim.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "jimeng/api.hpp"

namespace jimeng::sim {
namespace {

constexpr std::int64_t kStart = 1'771'893'826'123;
constexpr std::int64_t kAlarmMs = 30'000;  // chrome.alarms wakes a stopped worker
constexpr int kServiceSlots = 2;           // tasks the service runs at once for one account

json error(const char* kind, const char* code, const char* retry) {
  return {{"ok", false}, {"error", {{"kind", kind}, {"code", code}, {"message", code}, {"retry", retry}}}};
}

struct Event {
  std::int64_t at;
  std::uint64_t seq;
  int generation;  // answers meant for a worker that died are never delivered
  json body;
  bool operator>(const Event& o) const { return std::tie(at, seq) > std::tie(o.at, o.seq); }
};

class Shell {
 public:
  explicit Shell(const Plan& plan) : plan_(plan), rng_(plan.seed), now_(kStart) {
    for (int i = 0; i < plan.singles; ++i) add_job("s" + std::to_string(i), "", i);
    for (std::size_t b = 0; b < plan.batch_rows.size(); ++b) {
      const std::string id = "b" + std::to_string(b);
      out_.batches[id] = {{"id", id},
                          {"state", "running"},
                          {"concurrency", plan.concurrency},
                          {"gapMs", plan.gap_ms},
                          {"spreadMs", plan.spread_ms}};
      for (int r = 1; r <= plan.batch_rows[b]; ++r) add_job(id + "-" + std::to_string(r), id, r);
    }
    schedule(now_, {{"type", "submit"}});
    for (const auto& [at, event] : plan.commands) schedule(kStart + at, event, -1);
    if (plan.faults.logged_out_until > 0) schedule(kStart + plan.faults.logged_out_until, {{"type", "login"}}, -1);
    credits_ = plan.faults.credits;
  }

  Outcome run() {
    while (!open_.empty() || pending_announcements()) {
      std::int64_t next = wake_at_.value_or(INT64_MAX);
      if (!events_.empty()) next = std::min(next, events_.top().at);
      if (next == INT64_MAX) {
        out_.stalled = true;
        break;
      }
      if (next - kStart > plan_.deadline_ms) break;
      now_ = std::max(now_, next);
      if (!events_.empty() && events_.top().at <= next) {
        Event e = events_.top();
        events_.pop();
        if (e.generation >= 0 && e.generation != generation_) continue;  // lost with its worker
        if (e.body.value("topUp", false)) credits_ = -1;
        if (e.body.contains("arrive")) {
          arrive(e.body);
          continue;
        }
        if (e.body.contains("close")) {  // the service answers: the request is closed, its answer delivered if awaited
          service_.open_requests[e.body["close"]]--;
          if (e.body["generation"] != generation_ || e.body["drop"].get<bool>()) continue;
          step(e.body["answer"]);
          continue;
        }
        step(e.body);
      } else {
        wake_at_.reset();
        step({{"type", "tick"}, {"entropy", rng_() & 0xffffffff}});
      }
    }
    out_.end_time = now_ - kStart;
    for (auto& [id, job] : open_) out_.jobs[id] = job;
    return std::move(out_);
  }

 private:
  void add_job(const std::string& id, const std::string& batch, int row) {
    json job = {{"submitId", id}, {"phase", "submitting"}, {"createdAt", kStart + (batch.empty() ? 0 : 1)}, {"row", row}};
    if (!batch.empty()) job["batchId"] = batch;
    open_[id] = job;
  }
  void schedule(std::int64_t at, json body, int generation = -2) {
    events_.push({at, seq_++, generation == -2 ? generation_ : generation, std::move(body)});
  }
  bool pending_announcements() const {
    return std::any_of(out_.batches.begin(), out_.batches.end(),
                       [](const auto& b) { return !b.second.value("announced", false); });
  }
  std::int64_t latency() { return 100 + static_cast<std::int64_t>(rng_() % 900); }
  bool chance(double p) { return p > 0 && std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  bool logged_out() const {
    return plan_.faults.logged_out_from >= 0 && now_ - kStart >= plan_.faults.logged_out_from &&
           now_ - kStart < plan_.faults.logged_out_until;
  }

  void step(const json& event) {
    json state = {{"jobs", json::array()}, {"batches", json::array()}, {"engine", engine_}};
    for (const auto& [id, job] : open_) state["jobs"].push_back(job);
    for (const auto& [id, batch] : out_.batches)
      if (!(batch.value("state", "") == "ended" && batch.value("announced", false))) state["batches"].push_back(batch);
    const json answer = json::parse(api::engine_step(state.dump(), event.dump(), now_));
    if (!answer.value("ok", false)) throw std::runtime_error("engine refused a step: " + answer.dump() + " for " + event.dump());
    out_.steps++;
    for (const auto& p : answer["jobs"]) apply(p, open_.count(p["submitId"]) ? open_[p["submitId"]] : out_.jobs[p["submitId"]]);
    for (const auto& p : answer["batches"]) {
      json& batch = out_.batches[p["id"]];
      apply(p, batch);
      // Out of credits: the user tops up and resumes a while later.
      if (p["set"].value("state", "") == "paused" && batch.value("/pause/kind"_json_pointer, "") == "insufficient_credits" &&
          plan_.faults.top_up_after_ms)
        schedule(now_ + plan_.faults.top_up_after_ms, {{"type", "resume"}, {"batchId", p["id"]}, {"topUp", true}}, -1);
      // Paused by a code the protocol does not list: the user reads it and resumes a minute later.
      if (p["set"].value("state", "") == "paused" && batch.value("/pause/retry"_json_pointer, "") == "never" &&
          batch.value("/pause/kind"_json_pointer, "") == "server_error")
        schedule(now_ + 60'000, {{"type", "resume"}, {"batchId", p["id"]}}, -1);
    }
    for (auto it = open_.begin(); it != open_.end();) {
      const std::string phase = it->second["phase"];
      if (phase == "done" || phase == "failed") {
        out_.jobs[it->first] = it->second;
        it = open_.erase(it);
      } else {
        ++it;
      }
    }
    engine_ = answer["engine"];
    int polls = 0;
    for (const auto& a : answer["actions"]) polls += a["type"] == "poll";
    out_.max_poll_actions_per_step = std::max(out_.max_poll_actions_per_step, polls);
    for (const auto& a : answer["actions"]) perform(a);
    if (plan_.on_step) plan_.on_step(now_ - kStart, json(open_));
    if (chance(plan_.faults.worker_death)) {
      out_.deaths++;
      generation_++;
      wake_at_ = now_ + kAlarmMs;  // only the alarm is left
    }
  }

  static void apply(const json& patch, json& record) {
    for (const auto& [k, v] : patch["set"].items()) record[k] = v;
    for (const auto& k : patch["unset"]) record.erase(k.get<std::string>());
  }

  void perform(const json& a) {
    const std::string type = a["type"];
    if (type == "submit") {
      const std::string id = a["submitId"];
      if (service_.open_requests[id] > 0) service_.resent_while_open++;
      if (chance(plan_.faults.lost_before))
        return schedule(now_ + latency(), {{"type", "submitLost"}, {"submitId", id}, {"why", "network"}});
      // The request reaches the service a moment later, whatever becomes of the worker that sent it; the
      // answer comes back to that worker only, unless the shell stopped waiting for it (timeoutMs).
      std::int64_t before = latency(), after = latency();
      if (chance(plan_.faults.slow))
        (rng_() % 2 ? before : after) += static_cast<std::int64_t>(rng_() % plan_.faults.slow_max_ms);
      const std::int64_t timeout = a.value("timeoutMs", std::int64_t{0});
      const bool timed_out = timeout > 0 && before + after > timeout;
      if (timed_out) schedule(now_ + timeout, {{"type", "submitLost"}, {"submitId", id}, {"why", "timeout"}});
      service_.open_requests[id]++;
      schedule(now_ + before,
               {{"arrive", id},
                {"generation", generation_},
                {"after", after},
                {"timedOut", timed_out},
                {"lost", chance(plan_.faults.lost_after)}},
               -1);
    } else if (type == "poll") {
      out_.polls++;
      check_batched(a["submitIds"]);
      json result = logged_out()                    ? error("login_required", "1015", "after_login")
                    : chance(plan_.faults.poll_502) ? error("server_error", "http_502", "later")
                                                    : serve_poll(a["submitIds"]);
      schedule(now_ + latency(),
               {{"type", "polled"}, {"submitIds", a["submitIds"]}, {"sentAt", a.value("sentAt", now_)}, {"result", result}});
    } else if (type == "refreshVersions") {
      refreshed_ = true;
      schedule(now_ + 2'000, {{"type", "versionsRefreshed"}});
    } else if (type == "notify") {
      out_.notifications++;
      out_.notified[a["batchId"]]++;
      schedule(now_, {{"type", "notified"}, {"batchId", a["batchId"]}});
    } else if (type == "wait") {
      wake_at_ = now_ + a["ms"].get<std::int64_t>();
    }
    // refreshCredits: the balance is shown, nothing else.
  }

  // Every job the engine has in flight must be in its one poll.
  void check_batched(const json& ids) {
    std::set<std::string> asked;
    for (const auto& id : ids) asked.insert(id.get<std::string>());
    for (const auto& [id, job] : open_) {
      const std::string phase = job["phase"];
      if ((phase == "queued" || phase == "generating") && !asked.count(id)) out_.unbatched_polls.push_back(id);
    }
  }

  void arrive(const json& request) {
    const std::string id = request["arrive"];
    json result = serve_submit(id);
    // A lost answer is reported as lost to the worker that waits for it; one it stopped waiting for is dropped.
    const bool lost = request["lost"].get<bool>();
    schedule(now_ + request["after"].get<std::int64_t>(),
             {{"close", id},
              {"generation", request["generation"]},
              {"drop", request["timedOut"].get<bool>()},
              {"answer", lost ? json{{"type", "submitLost"}, {"submitId", id}, {"why", "network"}}
                              : json{{"type", "submitted"}, {"submitId", id}, {"result", result}}}},
             -1);
  }

  json serve_submit(const std::string& id) {
    const Faults& f = plan_.faults;
    const json& job = open_.count(id) ? open_[id] : out_.jobs[id];
    if (logged_out()) return error("login_required", "1015", "after_login");
    if (f.outdated_at >= 0 && now_ - kStart >= f.outdated_at && !refreshed_)
      return error("version_outdated", "3018", "after_refresh");
    if (chance(f.rate_limit)) return error("rate_limited", "1010", "later");
    if (chance(f.unknown_code)) return error("server_error", "9999", "once");
    int queued = 0;
    for (const auto& [tid, task] : service_.tasks) queued += task.ends > now_;
    if (f.queue_cap && queued >= f.queue_cap) return error("rate_limited", "5001", "later");
    if (credits_ == 0) return error("insufficient_credits", "1006", "never");
    if (f.moderated_every && job.contains("batchId") && job["row"].get<int>() % f.moderated_every == 0)
      return error("content_rejected", "2038", "never");
    service_.arrivals[id]++;
    if (service_.tasks.count(id)) service_.duplicates++;
    if (credits_ > 0) credits_--;
    // The service runs a few tasks at once per account; the rest wait in its queue.
    std::vector<std::int64_t> ends;
    for (const auto& [tid, task] : service_.tasks)
      if (task.ends > now_) ends.push_back(task.ends);
    std::sort(ends.begin(), ends.end());
    const std::int64_t starts = ends.size() < kServiceSlots ? now_ : ends[ends.size() - kServiceSlots];
    const std::int64_t span = plan_.task_ms_max - plan_.task_ms_min;
    const std::int64_t lag =
        500 +
        static_cast<std::int64_t>(rng_() % static_cast<std::uint64_t>(std::max<std::int64_t>(f.history_lag_max_ms - 500, 1)));
    service_.tasks[id] = {now_, starts, starts + plan_.task_ms_min + static_cast<std::int64_t>(rng_() % (span + 1)), now_ + lag};
    count_batch_in_service(job.value("batchId", ""));
    return {{"ok", true},
            {"task",
             {{"state", "queued"},
              {"submitId", id},
              {"historyId", "h" + id},
              {"total", 0},
              {"finished", 0},
              {"images", json::array()}}}};
  }

  void count_batch_in_service(const std::string& batch) {
    if (batch.empty()) return;
    int n = 0;
    for (const auto& [tid, task] : service_.tasks)
      if (task.ends > now_ && tid.rfind(batch + "-", 0) == 0) n++;
    service_.max_batch_in_service = std::max(service_.max_batch_in_service, n);
  }

  json serve_poll(const json& ids) {
    json tasks = json::object();
    for (const auto& v : ids) {
      const std::string id = v;
      const auto it = service_.tasks.find(id);
      // A task shows in the history a moment after it was created.
      if (it == service_.tasks.end() || now_ < it->second.listed) {
        tasks[id] = {{"state", "queued"}, {"submitId", id}, {"missing", true},
                     {"total", 0},        {"finished", 0},  {"images", json::array()}};
        continue;
      }
      const auto& task = it->second;
      json images = json::array();
      if (now_ >= task.ends)
        for (int k = 0; k < 4; ++k) images.push_back({{"uri", id + "/" + std::to_string(k)}});
      const char* state = now_ >= task.ends ? "done" : now_ >= task.starts ? "generating" : "queued";
      tasks[id] = {{"state", state},  {"submitId", id}, {"historyId", "h" + id}, {"total", 4}, {"finished", images.size()},
                   {"images", images}};
    }
    return {{"ok", true}, {"tasks", tasks}};
  }

  const Plan& plan_;
  std::mt19937_64 rng_;
  std::int64_t now_;
  std::optional<std::int64_t> wake_at_;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> events_;
  std::uint64_t seq_ = 0;
  int generation_ = 0;
  std::map<std::string, json> open_;
  json engine_ = json::object();
  Outcome out_;
  Service& service_ = out_.service;
  std::int64_t credits_ = -1;
  bool refreshed_ = false;
};

}  // namespace

Outcome run(const Plan& plan) { return Shell(plan).run(); }

}  // namespace jimeng::sim
