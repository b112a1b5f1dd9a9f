// AWS Signature Version 4 (the signing process of AWS's General Reference, as its test suite checks it).
#include "crypto/sigv4.hpp"

#include <algorithm>
#include <map>

#include "crypto/digest.hpp"

namespace jimeng {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += char(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

// Trimmed, with every run of spaces (and tabs, and the line breaks of a folded value) made one space.
std::string collapse_spaces(std::string_view v) {
  std::string out;
  bool space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// Dot segments removed and empty segments dropped ("//a/./b/../" → "/a/"), each segment encoded once.
std::string canonical_path(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view seg = path.substr(start, end - start);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(uri_encode(percent_decode(seg)));
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& s : segments) out += "/" + s;
  const bool trailing = !segments.empty() && path.size() > 1 && path.back() == '/';
  if (out.empty() || trailing) out += "/";
  return out;
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  std::size_t start = 0;
  while (start < query.size()) {
    const std::size_t end = std::min(query.find('&', start), query.size());
    const std::string_view part = query.substr(start, end - start);
    if (!part.empty()) {
      const std::size_t eq = part.find('=');
      params.emplace_back(uri_encode(percent_decode(part.substr(0, eq))),
                          eq == std::string_view::npos ? "" : uri_encode(percent_decode(part.substr(eq + 1))));
    }
    start = end + 1;
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [k, v] : params) out += (out.empty() ? "" : "&") + k + "=" + v;
  return out;
}

}  // namespace

std::string uri_encode(std::string_view s, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
        c == '~' || (keep_slash && c == '/')) {
      out += char(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

SigV4Signature sigv4_sign(const SigV4Request& request, const SigV4Scope& scope, const std::vector<std::string>& only,
                          std::string payload_hash) {
  std::map<std::string, std::string> headers;  // lowercase name → values joined in order
  for (const auto& [name, value] : request.headers) {
    const std::string key = lower(collapse_spaces(name));
    if (!only.empty() && std::find(only.begin(), only.end(), key) == only.end()) continue;
    auto [it, fresh] = headers.emplace(key, collapse_spaces(value));
    if (!fresh) it->second += "," + collapse_spaces(value);
  }
  SigV4Signature out;
  std::string canonical_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers += name + ":" + value + "\n";
    out.signed_headers += (out.signed_headers.empty() ? "" : ";") + name;
  }
  if (payload_hash.empty()) payload_hash = hex(sha256(request.body));
  out.canonical_request = request.method + "\n" + canonical_path(request.path) + "\n" + canonical_query(request.query) + "\n" +
                          canonical_headers + "\n" + out.signed_headers + "\n" + payload_hash;
  const std::string date = scope.amz_date.substr(0, 8);
  const std::string credential_scope = date + "/" + scope.region + "/" + scope.service + "/aws4_request";
  out.string_to_sign =
      "AWS4-HMAC-SHA256\n" + scope.amz_date + "\n" + credential_scope + "\n" + hex(sha256(out.canonical_request));
  auto key = hmac_sha256("AWS4" + scope.secret_access_key, date);
  key = hmac_sha256(as_text(key), scope.region);
  key = hmac_sha256(as_text(key), scope.service);
  key = hmac_sha256(as_text(key), "aws4_request");
  out.signature = hex(hmac_sha256(as_text(key), out.string_to_sign));
  out.authorization = "AWS4-HMAC-SHA256 Credential=" + scope.access_key_id + "/" + credential_scope +
                      ", SignedHeaders=" + out.signed_headers + ", Signature=" + out.signature;
  return out;
}

}  // namespace jimeng
