#include "generate/draft_text.hpp"

#include <cstdint>

namespace jimeng {
namespace {

// The end of the JSON value starting at `i` in text already known to be valid JSON.
std::size_t skip_value(std::string_view t, std::size_t i) {
  int depth = 0;
  do {
    const char c = t[i];
    if (c == '"') {
      for (++i; t[i] != '"'; ++i)
        if (t[i] == '\\') ++i;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (depth == 0) {
      while (i + 1 < t.size() && std::string_view(",}] \t\r\n").find(t[i + 1]) == std::string_view::npos) ++i;
    }
    ++i;
  } while (depth > 0 && i < t.size());
  return i;
}

std::size_t skip_space(std::string_view t, std::size_t i) {
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n')) ++i;
  return i;
}

}  // namespace

std::optional<std::uint64_t> id_number(const std::string& s) {
  if (s.empty() || s.size() > 20 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  std::uint64_t v = 0;
  for (const char c : s) {
    const std::uint64_t digit = std::uint64_t(c - '0');
    if (v > (UINT64_MAX - digit) / 10) return std::nullopt;
    v = v * 10 + digit;
  }
  return v;
}

std::string component_text(std::string_view t, std::size_t index) {
  std::size_t i = skip_space(t, 0) + 1;  // inside the draft's object
  while (i < t.size()) {
    i = skip_space(t, i);
    const std::size_t key_end = skip_value(t, i);
    const bool list = t.substr(i, key_end - i) == "\"component_list\"";
    i = skip_space(t, skip_space(t, key_end) + 1);  // past the colon
    if (!list) {
      i = skip_space(t, skip_value(t, i)) + 1;  // past the comma
      continue;
    }
    ++i;  // inside the list
    for (std::size_t n = 0;; ++n) {
      i = skip_space(t, i);
      const std::size_t end = skip_value(t, i);
      if (n == index) return std::string(t.substr(i, end - i));
      i = skip_space(t, end) + 1;
    }
  }
  return "";
}

}  // namespace jimeng
