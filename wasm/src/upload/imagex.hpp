// Internal: the ImageX upload (protocol §4.4). The temporary credentials come from Jimeng
// (get_upload_token, a page request like any other); ApplyImageUpload and CommitImageUpload are ImageX API
// calls signed with AWS SigV4; the upload itself carries the store's own Auth and the bytes' CRC-32.
#pragma once
#include <cstdint>
#include <string>

#include "base/input.hpp"
#include "protocol/response.hpp"

namespace jimeng {

struct UploadCredentials {
  std::string access_key_id, secret_access_key, session_token, service_id;
  std::string upload_domain;  // the ImageX host the token names (used on Dreamina, where it follows the cluster)
};
Result<UploadCredentials> read_credentials(const json& in);

// `now` in ms → 20260101T000000Z, as x-amz-date.
std::string amz_date(std::int64_t now_ms);

// ImageX is the site's, on the session's cluster (§4.4, §9.6): `session` as for every builder.
Result<ojson> build_apply_upload_request(const json& in);  // {credentials, fileSize, now, entropy, session?}
// {upload, session?, userId (Dreamina: its x-storage-u)}
Result<ojson> build_upload_put_request(const json& in, const std::uint8_t* bytes, std::size_t size);
Result<ojson> build_commit_upload_request(const json& in);  // {credentials, sessionKey, now, session?}

Result<json> parse_upload_token_body(std::string& body, const Context& ctx);
Result<json> parse_apply_upload_body(std::string& body, const Context& ctx);
Result<json> parse_upload_put_body(std::string& body, const Context& ctx);
Result<json> parse_commit_upload_body(std::string& body, const Context& ctx);

}  // namespace jimeng
