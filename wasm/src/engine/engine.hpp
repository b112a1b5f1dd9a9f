// Internal: the job engine's decisions as one pure function ("sans I/O", like h11 or quinn-proto). The
// extension performs; this decides. `step` takes what the engine knows (the unfinished jobs, the batches and
// the engine's own small state), one event and the caller's clock, and returns the changes to store and the
// actions to perform. It has no clock, no randomness it was not handed, and no memory between calls.
//
// State   {"jobs":[{submitId, phase, createdAt, batchId?, row?, attemptAt?, nextAttemptAt?, missingPolls?,
//                   versionRetried?, needsLogin?}],
//          "batches":[{id, state: running|paused|cancelled|ended, concurrency 1-5, gapMs, spreadMs,
//                      nextSubmitAt?, startAt?, startedAt?, pause?, announced?}],
//          "engine":{backoff, holdUntil, holdMs, nextPollAt, refreshingSince, watched, queueCap, queueCapAt}}
// Events  tick{watched?, entropy?} · submit · submitted{submitId, result} · submitLost{submitId}
//         polled{submitIds, result} · pollLost · login · versionsRefreshed · credit{total} · notified{batchId}
//         pause{batchId} · resume{batchId} · cancel{batchId}
//         (`result` is the core's own parseGenerate / parseHistory answer.)
// Answer  {"ok":true, "jobs":[{submitId, set{…}, unset[…]}], "batches":[{id, set{…}, unset[…]}],
//          (a batch's first row sets startedAt, and startedLateMs when a scheduled batch starts over 5 min late)
//          "engine":{…whole…}, "actions":[submit{submitId} · poll{submitIds, context} · refreshVersions ·
//          refreshCredits · notify{batchId} · wait{ms}]}
#pragma once
#include <cstdint>
#include <string>

#include "base/input.hpp"

namespace jimeng {

// The largest state or event taken: a full batch (1,000 rows) with its jobs' engine fields is far below.
inline constexpr std::size_t kMaxEngineInputBytes = std::size_t{8} << 20;

Result<json> engine_step(const json& state, const json& event, std::int64_t now);

}  // namespace jimeng
