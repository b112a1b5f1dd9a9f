// Internal: every JSON text the core reads goes through one parser, RapidJSON's in-place iterative one: the
// service's answers (read in place, protocol/response.hpp) and the caller's input (converted to nlohmann
// values, which the builders and the engine work with). One parser in the module instead of two, compiled
// once, at -O2 (base/json_text.cpp; see CMakeLists.txt).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#ifndef RAPIDJSON_HAS_STDSTRING
#define RAPIDJSON_HAS_STDSTRING 1
#endif
#include <rapidjson/document.h>
#include <nlohmann/json.hpp>

namespace jimeng {

// Parses `body` in place (iteratively: no recursion on hostile nesting); true when it is well-formed JSON.
bool parse_in_place(std::string& body, rapidjson::Document& doc);

// JSON text as an nlohmann value, read as nlohmann's own parser reads it: strict JSON, a leading byte-order
// mark skipped, strings of valid UTF-8 only (escaped lone surrogates included), a repeated key's last value
// kept, non-negative integers unsigned. nullopt when the text is not that.
std::optional<nlohmann::json> parse_json(std::string_view text);

// A number written as text ("12.5", "-3e2": JSON's number grammar, the whole text), read by RapidJSON's own
// reader; nullopt otherwise. libc's strtod is not linked into the module (6 KB of wasm).
std::optional<double> parse_number(std::string_view text);

// A value already read (a part of a service's answer) as an nlohmann value, under the same rules.
std::optional<nlohmann::json> to_nlohmann(const rapidjson::Value& root);

}  // namespace jimeng
