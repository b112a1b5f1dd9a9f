// Internal: AWS Signature Version 4, as ImageX takes it (protocol §4.4): the canonical request, the string
// to sign, the signing key and the Authorization header. Checked against AWS's published test suite.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jimeng {

struct SigV4Request {
  std::string method;                                        // GET, POST
  std::string path;                                          // as sent, before normalisation and encoding ("/", "/a b/../c")
  std::string query;                                         // after '?', as sent (keys and values percent-encoded or not)
  std::vector<std::pair<std::string, std::string>> headers;  // in order; a repeated name is joined with ','
  std::string_view body;
};

struct SigV4Scope {
  std::string access_key_id, secret_access_key, region, service;
  std::string amz_date;  // 20150830T123600Z; its first 8 characters are the scope's date
};

struct SigV4Signature {
  std::string canonical_request, string_to_sign, signed_headers, signature, authorization;
};

// `signed_headers`: lowercase names to sign (each must be in the request); empty: every header.
// `payload_hash`: hex SHA-256 of the body, computed from `body` when empty.
SigV4Signature sigv4_sign(const SigV4Request& request, const SigV4Scope& scope,
                          const std::vector<std::string>& signed_headers = {}, std::string payload_hash = "");

// RFC 3986 percent-encoding: every byte but A-Z a-z 0-9 - . _ ~ as %XX (upper-case hex); '/' kept when asked.
std::string uri_encode(std::string_view s, bool keep_slash = false);

}  // namespace jimeng
