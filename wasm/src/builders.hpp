// Internal: the request builders. Each returns {"request":{…}, …} or an invalid_input error.
#pragma once
#include "input.hpp"

namespace jimeng {

Result<ojson> build_generate_request(const json& in);
Result<ojson> build_history_request(const json& in);
Result<ojson> build_credit_request(const json& in);
Result<ojson> build_credit_history_request(const json& in);
Result<ojson> build_model_config_request(const json& in);
Result<ojson> build_image_resign_request(const json& in);
Result<ojson> build_upload_token_request(const json& in);  // ImageX credentials (protocol §4.4)
// Not a request: file names for a finished job's images and which URLs need re-signing first.
Result<ojson> plan_downloads_request(const json& in);
// Not a request: a batch's rows from lines, CSV or JSON, variables expanded, each checked like one job.
Result<ojson> expand_batch_request(const json& in);

}  // namespace jimeng
