// Internal: reading a draft's text as the service wrote it, for the post-steps (protocol §10): a component is replayed
// as its own text, so its ids and numbers stay exactly as they were, and ids beyond 2^53 are read from their digits.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jimeng {

// Digits only, within uint64: history and item ids as history gave them; nullopt otherwise.
std::optional<std::uint64_t> id_number(const std::string& s);
// The text of component_list[index] in a draft's text already known to be valid JSON.
std::string component_text(std::string_view draft, std::size_t index);

}  // namespace jimeng
