// Internal: download file names for a finished job's images, from the user's template.
#pragma once
#include "base/input.hpp"

namespace jimeng {

// Not a request: file names for a finished job's images and which URLs need re-signing first.
Result<ojson> plan_downloads_request(const json& in);

}  // namespace jimeng
