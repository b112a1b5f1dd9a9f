// Internal: small UTF-8 text helpers.
#pragma once
#include <string>
#include <string_view>

namespace jimeng {

// Strips ASCII white space and the ideographic space U+3000 that Chinese input methods type.
std::string trim_space(std::string_view s);
std::size_t count_code_points(std::string_view s);
std::string ascii_lower(std::string s);

}  // namespace jimeng
