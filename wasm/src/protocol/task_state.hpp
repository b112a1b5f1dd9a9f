// Turning the service's task status (protocol §5.1) into the four states the extension shows.
#pragma once
#include <cstdint>
#include <string_view>

namespace jimeng {

enum class TaskState { queued, generating, done, failed };

std::string_view to_string(TaskState s);

// A task is done only when the service says it succeeded *and* every image is listed: images stream in one
// at a time, and stopping at the first non-empty list is how other clients lose three images of four.
TaskState task_state(std::int64_t status, std::int64_t total, std::int64_t finished, std::int64_t images);

bool is_failure_status(std::int64_t status);

}  // namespace jimeng
