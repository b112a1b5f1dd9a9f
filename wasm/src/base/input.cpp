#include "base/input.hpp"

#include <cmath>

#include "base/json_text.hpp"

namespace jimeng {

Result<json> parse_input(std::string_view text) {
  if (text.size() > kMaxJsonInputBytes) return invalid_input("", "input_too_large", "input is larger than 1 MiB");
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return json::object();
  std::optional<json> parsed = parse_json(text);
  if (!parsed) return invalid_input("", "input_not_json", "input is not valid JSON");
  json& j = *parsed;
  if (!j.is_object()) return invalid_input("", "input_not_object", "input must be a JSON object");
  return std::move(j);
}

Result<std::int64_t> read_now(const json& in) {
  const auto it = in.find("now");
  if (it == in.end() || !it->is_number())
    return invalid_input("now", "now_missing", "now (milliseconds since 1970, as Date.now()) is required");
  const double v = it->get<double>();
  if (!std::isfinite(v) || v < 0 || v > 9e15) return invalid_input("now", "now_invalid", "now is out of range");
  return static_cast<std::int64_t>(v);
}

Result<Entropy> Entropy::from_input(const json& in) {
  const auto it = in.find("entropy");
  if (it == in.end() || !it->is_string())
    return invalid_input("entropy", "entropy_missing", "entropy (hex string of at least 16 random bytes) is required");
  const std::string& hex = it->get_ref<const std::string&>();
  if (hex.size() < 32) return invalid_input("entropy", "entropy_short", "entropy needs at least 32 hex digits");
  std::uint64_t state = 0x9e3779b97f4a7c15ull;
  for (char c : hex) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return invalid_input("entropy", "entropy_invalid", "entropy must be hexadecimal");
    state = (state ^ std::uint64_t(d)) * 0x100000001b3ull;  // FNV-style fold of every digit
    state ^= state >> 29;
  }
  return Entropy(state);
}

std::uint64_t Entropy::next() {  // splitmix64
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

std::string Entropy::uuid() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint8_t b[16];
  const std::uint64_t hi = next(), lo = next();
  for (int i = 0; i < 8; ++i) {
    b[i] = std::uint8_t(hi >> (8 * i));
    b[8 + i] = std::uint8_t(lo >> (8 * i));
  }
  b[6] = std::uint8_t((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = std::uint8_t((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 15]);
  }
  return out;
}

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

std::string text_at(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace jimeng
