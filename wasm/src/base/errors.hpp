// Every failure the core reports is a value of this shape; the extension decides what to do from `kind`
// and `retry` alone, never from raw codes (protocol §5.2).
#pragma once
#include <string>
#include <string_view>

namespace jimeng {

enum class ErrorKind {
  invalid_input,         // our caller passed something we refuse to send
  login_required,        // session missing or expired
  insufficient_credits,  // not enough credits
  rate_limited,          // too fast / too many queued tasks / daily limit
  risk_control,          // anti-bot or abnormal-behaviour block
  content_rejected,      // moderation
  version_outdated,      // stale appvr / da_version
  bad_request,           // the service refused our request shape: our bug
  server_error,          // the service failed or answered with an unknown code
  malformed_response,    // the answer is not what the protocol describes
};

enum class Retry {
  never,          // retrying would fail again or spend credits again
  later,          // the same request may succeed after a pause
  after_login,    // after the user logs in again
  after_refresh,  // after refreshing the session versions from the page
  once,           // a code the protocol does not list: one more try, then the service's message stands
};

struct Error {
  ErrorKind kind;
  Retry retry;
  std::string code;     // the service's code ("1015") or a symbolic one ("prompt_empty")
  std::string message;  // for people; English, the UI localises by kind
  std::string field;    // for invalid_input: the offending input key
};

std::string_view to_string(ErrorKind kind);
std::string_view to_string(Retry retry);

// Classify a non-zero `ret` or a task `fail_code` with its message.
Error classify_code(std::string_view code, std::string_view message);

// Classify an HTTP status outside 2xx.
Error classify_http_status(int status);

Error invalid_input(std::string field, std::string code, std::string message);
Error malformed(std::string code, std::string message);

}  // namespace jimeng
