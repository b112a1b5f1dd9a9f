// Internal: a batch's rows from pasted lines, a CSV or a JSON list.
#pragma once
#include "base/input.hpp"

namespace jimeng {

// Not a request: a batch's rows from lines, CSV or JSON, variables expanded, each checked like one job.
Result<ojson> expand_batch_request(const json& in);

}  // namespace jimeng
