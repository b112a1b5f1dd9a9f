// Internal: reading the service's answers.
//
// Why RapidJSON here and nlohmann elsewhere: poll answers are large (~25 KB of JSON per image, several
// hundred KB per batch) and we need a few dozen fields out of them. RapidJSON's in-situ parse of the
// caller's own buffer walks them about ten times faster than building an nlohmann DOM, which is what makes
// the wasm path at least as fast as JSON.parse in the browser (see bench/). The iterative parse flag keeps
// deeply nested hostile input off the call stack, and the default pool allocator frees without recursion.
// nlohmann stays the tool for the small documents we build and for the caller's own input (read by the same
// parser and converted: base/json_text.hpp).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/input.hpp"

#include "base/json_text.hpp"

namespace jimeng {

namespace rj = rapidjson;

inline constexpr std::size_t kMaxBodyBytes = std::size_t(64) << 20;

// What the caller knows about the exchange besides the body: the HTTP status and the ids it asked for.
struct Context {
  int status = 200;
  std::vector<std::string> ids;
  // When the caller created each job (ms, its clock): lets a task the service no longer lists be given up
  // once the service's own clock says its lifetime is over.
  std::map<std::string, std::int64_t> created_at;
  // parseAssetList: the cursor this page was asked from (0: the first page), and where an incremental walk
  // may stop (ms on the cursor's clock; 0: walk to the end).
  std::int64_t cursor = 0, stop_at_ms = 0;
  // parseCreditReceive: when the day of the claim ends in the time zone it was sent with (ms; the caller knows
  // the zone's rules, the core does not): the claimed credits' end when the answer does not say it (§11).
  std::int64_t day_ends_at = 0;
  // `site: 'dreamina'`: its answers read as Jimeng's, but 1015 means the wrong cluster (§9.1).
  bool dreamina = false;
};
Result<Context> parse_context(std::string_view text);

// Parses `body` in place and checks the `{"ret":"0", "data":{…}}` envelope. On success returns `data`,
// which lives inside `doc` (and `body`). The commerce envelope's `response` (data as JSON text, §9.6) stands
// in for a missing `data`.
Result<const rj::Value*> open_envelope(std::string& body, const Context& ctx, rj::Document& doc);

const rj::Value* member(const rj::Value* obj, const char* key);
const rj::Value* member_at(const rj::Value* obj, std::initializer_list<const char*> keys);
// Numbers may come as JSON numbers or numeric strings ("ret" is a string, ids are strings, counts numbers).
std::optional<std::int64_t> int_of(const rj::Value* v);
std::optional<double> number_of(const rj::Value* v);
std::string string_of(const rj::Value* v);  // strings as they are, integers as decimal text, else ""

}  // namespace jimeng
