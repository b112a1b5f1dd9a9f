#include "base/text.hpp"

namespace jimeng {
namespace {

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";

bool ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

std::string trim_space(std::string_view s) {
  for (;;) {
    if (!s.empty() && ascii_space(s.front())) s.remove_prefix(1);
    else if (s.substr(0, 3) == kIdeographicSpace) s.remove_prefix(3);
    else if (!s.empty() && ascii_space(s.back())) s.remove_suffix(1);
    else if (s.size() >= 3 && s.substr(s.size() - 3) == kIdeographicSpace) s.remove_suffix(3);
    else break;
  }
  return std::string(s);
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;  // count lead bytes only
  return n;
}

std::string ascii_lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

std::string ascii_upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  return s;
}

// Howard Hinnant's civil_from_days.
CivilTime civil_time(std::int64_t secs) {
  std::int64_t days = secs / 86400, rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  const std::int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  const int d = int(doy - (153 * mp + 2) / 5 + 1), m = int(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2), m, d, int(rem / 3600), int(rem / 60 % 60), int(rem % 60)};
}

std::string two_digits(std::int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); }

}  // namespace jimeng

namespace jimeng {

std::optional<std::string> base64_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+' || c == '-') v = 62;
    else if (c == '/' || c == '_') v = 63;
    if (v < 0) return std::nullopt;
    bits = (bits << 6) | std::uint32_t(v);
    if (++count == 4) {
      out.push_back(char((bits >> 16) & 0xff));
      out.push_back(char((bits >> 8) & 0xff));
      out.push_back(char(bits & 0xff));
      bits = 0;
      count = 0;
    }
  }
  if (count == 2) out.push_back(char((bits >> 4) & 0xff));
  if (count == 3) {
    out.push_back(char((bits >> 10) & 0xff));
    out.push_back(char((bits >> 2) & 0xff));
  }
  return out;
}

}  // namespace jimeng
