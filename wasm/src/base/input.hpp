// Internal: reading the caller's JSON input (small documents, so nlohmann) and the caller's randomness.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/errors.hpp"

namespace jimeng {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;  // keeps keys in the order the web app sends them

}  // namespace jimeng

// The JSON writer of both types is compiled once, in base/json_writer.cpp (an -O2 file: every answer the core
// gives is written by it), and every other file calls that copy rather than making its own.
extern template class nlohmann::detail::serializer<nlohmann::json>;
extern template class nlohmann::detail::serializer<nlohmann::ordered_json>;

namespace jimeng {

template <class T>
using Result = std::variant<T, Error>;

template <class T>
const Error* error_of(const Result<T>& r) {
  return std::get_if<Error>(&r);
}

// The largest JSON input object a builder or the engine reads (bodies have api::kMaxInputBytes).
inline constexpr std::size_t kMaxJsonInputBytes = 1 << 20;

// Parses the caller's input object; an empty string counts as {}.
Result<json> parse_input(std::string_view text);

// `now` (ms since the epoch, as Date.now()) is required: the core has no clock.
Result<std::int64_t> read_now(const json& in);

// A deterministic generator seeded by the caller's `entropy` (hex, at least 16 bytes), so every id and
// random seed the core invents is reproducible in tests and unpredictable in the browser.
class Entropy {
 public:
  static Result<Entropy> from_input(const json& in);
  std::uint64_t next();
  std::string uuid();  // uuid v4 text

 private:
  explicit Entropy(std::uint64_t state) : state_(state) {}
  std::uint64_t state_;
};

bool is_uuid(std::string_view s);

// A text field of the caller's input: "" when absent or not text.
std::string text_at(const json& o, const char* key);

}  // namespace jimeng
