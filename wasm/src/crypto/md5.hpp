// MD5 (RFC 1321). Jimeng's `sign` header is an MD5 digest; we carry our own small implementation so the
// core has no dependency beyond the C++ standard library and the two JSON libraries.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace jimeng {

std::array<std::uint8_t, 16> md5(std::string_view data) noexcept;
std::string md5_hex(std::string_view data);  // lowercase hex, 32 characters

}  // namespace jimeng
