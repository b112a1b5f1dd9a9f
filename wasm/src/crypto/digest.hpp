// Internal: SHA-256, HMAC-SHA256 and CRC-32 over bytes, for ImageX uploads (AWS SigV4 and the upload's
// Content-CRC32). Plain portable C++; checked against NIST, RFC 4231 and the CRC-32 check value.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace jimeng {

using Sha256Digest = std::array<std::uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  void update(const std::uint8_t* data, std::size_t size);
  void update(std::string_view s) { update(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); }
  Sha256Digest finish();

 private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;
};

Sha256Digest sha256(std::string_view data);
Sha256Digest hmac_sha256(std::string_view key, std::string_view data);
std::string hex(const std::uint8_t* data, std::size_t size);
inline std::string hex(const Sha256Digest& d) { return hex(d.data(), d.size()); }
// `value` as `digits` lowercase hex digits, zero-padded ("%08x" without printf, which costs the core 5 KB gzip).
std::string hex_digits(std::uint64_t value, int digits);
inline std::string_view as_text(const Sha256Digest& d) { return {reinterpret_cast<const char*>(d.data()), d.size()}; }

// CRC-32 (IEEE 802.3, reflected, as zlib): crc32("123456789") == 0xcbf43926. `crc` continues a running value.
std::uint32_t crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc = 0);

}  // namespace jimeng
