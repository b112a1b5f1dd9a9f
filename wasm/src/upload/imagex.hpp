// Internal: the ImageX upload (protocol §4.4). The temporary credentials come from Jimeng
// (get_upload_token, a page request like any other); ApplyImageUpload and CommitImageUpload are ImageX API
// calls signed with AWS SigV4; the upload itself carries the store's own Auth and the bytes' CRC-32.
#pragma once
#include <cstdint>
#include <string>

#include "base/input.hpp"
#include "protocol/response.hpp"

namespace jimeng {

inline constexpr std::string_view kImageXHost = "imagex.bytedanceapi.com";

struct UploadCredentials {
  std::string access_key_id, secret_access_key, session_token, service_id;
};
Result<UploadCredentials> read_credentials(const json& in);

// `now` in ms → 20260101T000000Z, as x-amz-date.
std::string amz_date(std::int64_t now_ms);

Result<ojson> build_apply_upload_request(const json& in);  // {credentials, fileSize, now, entropy}
Result<ojson> build_upload_put_request(const json& in, const std::uint8_t* bytes, std::size_t size);  // {upload}
Result<ojson> build_commit_upload_request(const json& in);  // {credentials, sessionKey, now}

Result<json> parse_upload_token_body(std::string& body, const Context& ctx);
Result<json> parse_apply_upload_body(std::string& body, const Context& ctx);
Result<json> parse_upload_put_body(std::string& body, const Context& ctx);
Result<json> parse_commit_upload_body(std::string& body, const Context& ctx);

}  // namespace jimeng
