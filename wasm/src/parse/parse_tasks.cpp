// Submit and poll answers: one task node shape (protocol §5) read from either.
#include <algorithm>

#include "base/text.hpp"
#include "parse/parsers.hpp"
#include "protocol/task_state.hpp"

namespace jimeng {

std::string_view to_string(TaskState s) {
  switch (s) {
    case TaskState::queued: return "queued";
    case TaskState::generating: return "generating";
    case TaskState::done: return "done";
    case TaskState::failed: return "failed";
  }
  return "queued";
}

bool is_failure_status(std::int64_t status) { return status == 10 || status == 30 || status == 40 || status == 100; }

TaskState task_state(std::int64_t status, std::int64_t total, std::int64_t finished, std::int64_t images) {
  if (is_failure_status(status)) return TaskState::failed;
  const bool succeeded = status == 50 || (status == 45 && total > 0 && finished >= total);
  if (succeeded) return images > 0 && images >= total ? TaskState::done : TaskState::generating;
  if (status == 0 || status == 20) return TaskState::queued;
  if (status == 42 || status == 45) return TaskState::generating;
  return finished > 0 || images > 0 ? TaskState::generating : TaskState::queued;  // a status we do not know yet
}

// Signed URLs carry their expiry as x-expires=<unix seconds>.
std::int64_t url_expiry(const std::string& url) {
  const auto at = url.find("x-expires=");
  if (at == std::string::npos) return 0;
  std::int64_t v = 0;
  for (std::size_t i = at + 10; i < url.size() && i < at + 28 && url[i] >= '0' && url[i] <= '9'; ++i) v = v * 10 + (url[i] - '0');
  return v;
}

std::string preview_url(const rj::Value* common) {
  if (const rj::Value* map = member(common, "cover_url_map"); map && map->IsObject()) {
    for (const char* size : {"720", "1080", "480", "360", "2400"})
      if (auto url = string_of(member(map, size)); !url.empty()) return url;
    for (auto it = map->MemberBegin(); it != map->MemberEnd(); ++it)
      if (auto url = string_of(&it->value); !url.empty()) return url;
  }
  return string_of(member(common, "cover_url"));
}

namespace {

std::optional<json> read_image(const rj::Value& item) {
  const rj::Value* common = member(&item, "common_attr");
  const rj::Value* large = nullptr;
  if (const rj::Value* list = member_at(&item, {"image", "large_images"}); list && list->IsArray() && !list->Empty())
    large = &(*list)[0];
  std::string url = string_of(member(large, "image_url"));
  if (url.empty()) url = string_of(member(common, "cover_url"));
  if (url.empty()) return std::nullopt;  // not finished yet
  // An address off Jimeng's media hosts is kept from every view and download: the image is listed (so the
  // task can finish) with no link to open, and `refused` says why.
  const bool refused = !is_media_url(url);
  if (refused) url.clear();
  std::string preview = preview_url(common);
  if (!is_media_url(preview)) preview.clear();
  json image = json::object();  // key by key: an initializer list costs far more code
  image["url"] = url;
  image["width"] = int_of(member(large, "width")).value_or(0);
  image["height"] = int_of(member(large, "height")).value_or(0);
  image["format"] = string_of(member(large, "format"));
  image["uri"] = string_of(member(large, "image_uri"));
  image["preview"] = preview;
  image["expiresAt"] = url_expiry(url);
  if (image["uri"].get_ref<const std::string&>().empty()) image["uri"] = string_of(member(common, "cover_uri"));
  if (image["preview"].get_ref<const std::string&>().empty()) image["preview"] = url;
  if (refused) image["refused"] = "url_not_media_host";
  return image;
}

Error task_failure(std::int64_t status, const rj::Value& node) {
  const std::string code = string_of(member(&node, "fail_code"));
  std::string message = string_of(member(&node, "fail_starling_message"));
  if (message.empty()) message = string_of(member(&node, "fail_msg"));
  Error e;
  if (!code.empty() && code != "0") e = classify_code(code, message);
  else if (status == 10 || status == 40)
    e = {ErrorKind::content_rejected, Retry::never, std::to_string(status), "rejected by content moderation", ""};
  else if (status == 100) e = {ErrorKind::server_error, Retry::never, "100", "the task was deleted", ""};
  else
    e = {ErrorKind::server_error, Retry::never, std::to_string(status),
         message.empty() ? "generation failed" : "generation failed: " + message, ""};
  // A finished task is never re-sent by itself: a failed generation may already have cost credits.
  e.retry = Retry::never;
  return e;
}

}  // namespace

json read_task(const rj::Value& node) {
  const rj::Value* task = member(&node, "task");
  const std::int64_t status = int_of(member(&node, "status")).value_or(int_of(member(task, "status")).value_or(0));
  const std::int64_t total = std::max<std::int64_t>(0, int_of(member(&node, "total_image_count")).value_or(0));
  const std::int64_t finished = std::max<std::int64_t>(0, int_of(member(&node, "finished_image_count")).value_or(0));

  json images = json::array(), videos = json::array();
  bool video_items = false;
  if (const rj::Value* items = member(&node, "item_list"); items && items->IsArray())
    for (const auto& item : items->GetArray()) {
      if (is_video_item(item)) {
        video_items = true;
        if (auto video = read_video(item)) videos.push_back(std::move(*video));
      } else if (auto image = read_image(item)) {
        images.push_back(std::move(*image));
      }
    }
  // A video task is known by its items once finished, and by its generate type (10) while it waits.
  const bool is_video =
      video_items || int_of(member(&node, "generate_type")) == 10 || int_of(member(&node, "first_generate_type")) == 10;

  TaskState state = task_state(status, total, finished, std::int64_t(images.size() + videos.size()));
  // A video is done at 50 with its file listed; 45 is not an end for it (protocol §7.3).
  if (is_video && state == TaskState::done && status != 50) state = TaskState::generating;
  std::string submit_id = string_of(member(&node, "submit_id"));
  if (submit_id.empty()) submit_id = string_of(member(task, "submit_id"));
  std::string history_id = string_of(member(&node, "history_record_id"));
  if (history_id.empty()) history_id = string_of(member(task, "history_id"));

  const rj::Value* queue = member(&node, "queue_info");
  // Key by key: an initializer list of mixed values costs several KB of wasm each.
  json out = json::object();
  out["state"] = to_string(state);
  out["status"] = status;
  out["submitId"] = std::move(submit_id);
  out["historyId"] = std::move(history_id);
  out["total"] = total;
  out["finished"] = finished;
  out["images"] = std::move(images);
  if (queue) {
    json& q = out["queue"];
    q["position"] = int_of(member(queue, "queue_idx")).value_or(0);
    q["length"] = int_of(member(queue, "queue_length")).value_or(0);
    if (auto s = int_of(member_at(queue, {"polling_config", "interval_seconds"}))) out["pollIntervalSeconds"] = *s;
    if (auto s = int_of(member_at(queue, {"polling_config", "timeout_seconds"}))) out["timeoutSeconds"] = *s;
  }
  if (is_video) {
    out["kind"] = "video";
    out["videos"] = std::move(videos);
  }
  if (auto cost = int_of(member(&node, "forecast_generate_cost"))) out["cost"] = *cost;
  // The service's estimate of the wait in its queue (seconds; video queues can be hours long).
  if (auto wait = int_of(member(&node, "forecast_queue_cost")); wait && *wait >= 0) out["queueSeconds"] = *wait;
  // When the service made it, on the service's clock (seconds): its lifetime is counted on that clock alone.
  if (auto created = number_of(member(&node, "created_time")); created && *created > 0 && *created < 1e13)
    out["createdTime"] = static_cast<std::int64_t>(*created);
  if (state == TaskState::failed) out["error"] = error_to_json(task_failure(status, node));
  return out;
}

Result<json> parse_generate_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  auto data = open_envelope(body, ctx, doc);
  if (auto e = error_of(data)) return *e;
  const rj::Value* d = std::get<const rj::Value*>(data);
  // Real captures nest the task under aigc_data; the 2025 notes show it directly under data.
  const rj::Value* node = member(d, "aigc_data");
  if (!node && (member(d, "submit_id") || member(d, "task") || member(d, "history_record_id"))) node = d;
  if (!node || !node->IsObject()) return malformed("no_task", "the submit answer holds no task");
  json task = read_task(*node);
  if (task["submitId"].get_ref<const std::string&>().empty() && ctx.ids.size() == 1) task["submitId"] = ctx.ids[0];
  // A submit answer may not say when the task was made: the answer's own time does (it was made just now).
  const double systime = number_of(member(&doc, "systime")).value_or(0);
  if (!task.contains("createdTime") && systime > 0 && systime < 1e13) task["createdTime"] = static_cast<std::int64_t>(systime);
  return json{{"task", std::move(task)}};
}

namespace {

constexpr std::int64_t kDefaultTimeoutSeconds = 86400;  // protocol §5.1: queryable for 24 h

json timed_out() {
  return error_to_json(
      {ErrorKind::server_error, Retry::never, "timeout", "Jimeng did not finish this task within its time limit", ""});
}

// A task still running when the service's own clock says its time limit has passed will never finish:
// give it up instead of polling forever. Both times are the service's, so the browser's clock cannot skew it.
void give_up_if_overdue(json& task, const rj::Value& node, double systime) {
  if (systime <= 0 || task["state"] == "done" || task["state"] == "failed") return;
  const double created = number_of(member(&node, "created_time")).value_or(0);
  const std::int64_t limit = task.value("timeoutSeconds", kDefaultTimeoutSeconds);
  if (created <= 0 || systime - created <= double(limit)) return;
  task["state"] = "failed";
  task["error"] = timed_out();
}

}  // namespace

Result<json> parse_history_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  auto data = open_envelope(body, ctx, doc);
  if (auto e = error_of(data)) return *e;
  const rj::Value* d = std::get<const rj::Value*>(data);
  const double systime = number_of(member(&doc, "systime")).value_or(0);
  json tasks = json::object();
  for (auto it = d->MemberBegin(); it != d->MemberEnd(); ++it) {
    if (!it->value.IsObject()) continue;
    json task = read_task(it->value);
    give_up_if_overdue(task, it->value, systime);
    const std::string id(it->name.GetString(), it->name.GetStringLength());
    if (task["submitId"].get_ref<const std::string&>().empty()) task["submitId"] = id;
    tasks[id] = std::move(task);
  }
  // An id the service does not list yet was just submitted: it is queued, not lost. Once the service's
  // clock is past the task lifetime since the caller created it, it is gone for good.
  for (const auto& id : ctx.ids) {
    if (tasks.contains(id)) continue;
    json task = json::object();
    task["state"] = "queued";
    task["status"] = 0;
    task["submitId"] = id;
    task["historyId"] = "";
    task["total"] = 0;
    task["finished"] = 0;
    task["images"] = json::array();
    task["missing"] = true;
    const auto created = ctx.created_at.find(id);
    if (systime > 0 && created != ctx.created_at.end() &&
        systime * 1000 - double(created->second) > kDefaultTimeoutSeconds * 1000.0) {
      task["state"] = "failed";
      task["error"] = timed_out();
    }
    tasks[id] = std::move(task);
  }
  return json{{"tasks", std::move(tasks)}};
}

}  // namespace jimeng
