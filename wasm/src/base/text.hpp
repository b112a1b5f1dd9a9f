// Internal: small UTF-8 text helpers.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jimeng {

// Strips ASCII white space and the ideographic space U+3000 that Chinese input methods type.
std::string trim_space(std::string_view s);
std::size_t count_code_points(std::string_view s);
std::string ascii_lower(std::string s);
std::string ascii_upper(std::string s);

// The civil (proleptic Gregorian) date and time of `secs` seconds since 1970-01-01T00:00:00.
struct CivilTime {
  std::int64_t year;
  int month, day, hour, minute, second;
};
CivilTime civil_time(std::int64_t secs);
// Two digits, zero-padded: 7 → "07".
std::string two_digits(std::int64_t v);

// Standard or URL-safe base64 (padding optional, no white space); nullopt when it is not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace jimeng
