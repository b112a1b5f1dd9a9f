#include "base/errors.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace jimeng {
namespace {

struct Rule {
  long lo, hi;  // inclusive code range
  ErrorKind kind;
  Retry retry;
  std::string_view what;
};

// Protocol §5.2. Order matters only for readability: the ranges do not overlap.
constexpr std::array<Rule, 25> kRules = {{
    {1015, 1015, ErrorKind::login_required, Retry::after_login, "not logged in or session expired"},
    {1006, 1006, ErrorKind::insufficient_credits, Retry::never, "not enough credits"},
    {5000, 5000, ErrorKind::insufficient_credits, Retry::never, "not enough credits"},
    {5001, 5001, ErrorKind::rate_limited, Retry::later, "too many queued tasks; credits could not be reserved"},
    {1, 1, ErrorKind::rate_limited, Retry::later, "too many requests"},
    {1010, 1010, ErrorKind::rate_limited, Retry::later, "too many requests"},
    {1057, 1057, ErrorKind::rate_limited, Retry::later, "too many requests"},
    {2014, 2014, ErrorKind::rate_limited, Retry::later, "too many concurrent tasks"},
    {2020, 2020, ErrorKind::rate_limited, Retry::later, "too many concurrent tasks"},
    {1310, 1310, ErrorKind::rate_limited, Retry::later, "too many tasks of this model at once (exceed_model_parallel_max)"},
    {121101, 121101, ErrorKind::rate_limited, Retry::never, "daily generation limit reached"},
    {1014, 1014, ErrorKind::bad_request, Retry::never, "request signature rejected"},
    {1000, 1002, ErrorKind::bad_request, Retry::never, "request parameters rejected"},
    {2008, 2008, ErrorKind::bad_request, Retry::never, "request parameters rejected"},
    {2061, 2061, ErrorKind::bad_request, Retry::never, "this model is not available (withdrawn or not for this account)"},
    {3018, 3018, ErrorKind::version_outdated, Retry::after_refresh, "client version outdated"},
    {1018, 1019, ErrorKind::risk_control, Retry::never, "blocked by risk control"},
    {1021, 1021, ErrorKind::risk_control, Retry::never, "blocked by risk control"},
    {4013, 4013, ErrorKind::risk_control, Retry::never, "blocked by risk control (abnormal behaviour)"},
    {-4, -4, ErrorKind::risk_control, Retry::never, "blocked by risk control"},
    {-6, -6, ErrorKind::risk_control, Retry::never, "blocked by risk control"},
    {2038, 2038, ErrorKind::content_rejected, Retry::never, "rejected by content moderation"},
    {1063, 1063, ErrorKind::content_rejected, Retry::never, "rejected by content moderation"},
    {2002, 2005, ErrorKind::content_rejected, Retry::never, "rejected by content moderation"},
    {2039, 2043, ErrorKind::content_rejected, Retry::never, "rejected by content moderation"},
}};

bool parse_long(std::string_view s, long& out) {
  if (s.empty() || s.size() > 18) return false;
  std::size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  long v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = s[0] == '-' ? -v : v;
  return true;
}

std::string describe(std::string_view what, std::string_view message) {
  std::string out(what);
  if (!message.empty()) out.append(": ").append(message);
  return out;
}

}  // namespace

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid_input: return "invalid_input";
    case ErrorKind::login_required: return "login_required";
    case ErrorKind::insufficient_credits: return "insufficient_credits";
    case ErrorKind::rate_limited: return "rate_limited";
    case ErrorKind::risk_control: return "risk_control";
    case ErrorKind::content_rejected: return "content_rejected";
    case ErrorKind::version_outdated: return "version_outdated";
    case ErrorKind::bad_request: return "bad_request";
    case ErrorKind::server_error: return "server_error";
    case ErrorKind::malformed_response: return "malformed_response";
  }
  return "server_error";
}

std::string_view to_string(Retry retry) {
  switch (retry) {
    case Retry::never: return "never";
    case Retry::later: return "later";
    case Retry::after_login: return "after_login";
    case Retry::after_refresh: return "after_refresh";
    case Retry::once: return "once";
  }
  return "never";
}

Error classify_code(std::string_view code, std::string_view message) {
  // The credit check is sometimes reported only in words.
  if (message.find("credit prededuct not enough") != std::string_view::npos)
    return {ErrorKind::insufficient_credits, Retry::never, std::string(code), describe("not enough credits", message), ""};
  long n = 0;
  if (parse_long(code, n)) {
    const auto it = std::find_if(kRules.begin(), kRules.end(), [n](const Rule& r) { return n >= r.lo && n <= r.hi; });
    if (it != kRules.end()) return {it->kind, it->retry, std::string(code), describe(it->what, message), ""};
  }
  // Not in §5.2: retried once at most (a "later" here would hold every submit forever).
  return {ErrorKind::server_error, Retry::once, std::string(code), describe("unexpected error from Jimeng", message), ""};
}

Error classify_http_status(int status) {
  const std::string code = "http_" + std::to_string(status);
  if (status == 401) return {ErrorKind::login_required, Retry::after_login, code, "HTTP 401: not logged in", ""};
  if (status == 429) return {ErrorKind::rate_limited, Retry::later, code, "HTTP 429: too many requests", ""};
  if (status == 403) return {ErrorKind::risk_control, Retry::later, code, "HTTP 403: request blocked", ""};
  if (status >= 500)
    return {ErrorKind::server_error, Retry::later, code, "HTTP " + std::to_string(status) + ": Jimeng is unavailable", ""};
  return {ErrorKind::bad_request, Retry::never, code, "HTTP " + std::to_string(status) + ": request refused", ""};
}

Error invalid_input(std::string field, std::string code, std::string message) {
  return {ErrorKind::invalid_input, Retry::never, std::move(code), std::move(message), std::move(field)};
}

Error malformed(std::string code, std::string message) {
  return {ErrorKind::malformed_response, Retry::later, std::move(code), std::move(message), ""};
}

}  // namespace jimeng
