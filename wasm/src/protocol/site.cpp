#include "protocol/site.hpp"

#include <array>
#include <string>

#include "base/text.hpp"

namespace jimeng {
namespace {

// §4.4 and §9.1 (SG captured; US from one client). EU and the others are unknown: no upload there.
constexpr std::array<ImageXCluster, 3> kImageX = {{
    {"cn", "imagex.bytedanceapi.com", "cn-north-1"},
    {"SG", "imagex-normal-sg.capcutapi.com", "ap-southeast-1"},
    {"US", "imagex16-normal-us-ttp.capcutapi.us", "us-east-1"},
}};

// Jimeng's (§5) then Dreamina's (§9.1) image, cover, video and download hosts.
constexpr std::array<std::string_view, 9> kMediaSuffixes = {".byteimg.com", ".douyinpic.com", ".vlabvod.com",
                                                            ".365yg.com",   ".jimeng.com",    ".ibyteimg.com",
                                                            ".capcut.com",  ".capcutapi.com", ".capcutapi.us"};

}  // namespace

bool host_under(std::string_view host, std::string_view suffix) {
  return host.size() > suffix.size() && host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0;
}

const Site* find_site(std::string_view id) {
  if (id == kJimeng.id) return &kJimeng;
  if (id == kDreamina.id) return &kDreamina;
  return nullptr;
}

const ImageXCluster* imagex_for(const Site& site, std::string_view region) {
  if (site.id == kJimeng.id) return &kImageX[0];
  const std::string upper = ascii_upper(std::string(region));
  for (const auto& c : kImageX)
    if (c.region == upper) return &c;
  return nullptr;
}

bool is_dreamina_api_host(std::string_view host) {
  for (const char c : host)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) return false;
  return host_under(host, ".capcut.com");
}

bool is_media_url(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  if (url.size() > 8192 || url.substr(0, kScheme.size()) != kScheme) return false;
  for (const char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == '\\' || c == 0x7f) return false;
  const std::string_view rest = url.substr(kScheme.size());
  const std::string host = ascii_lower(std::string(rest.substr(0, rest.find_first_of("/?#"))));
  if (host.empty() || host.find_first_of("@:") != std::string::npos) return false;
  for (const std::string_view suffix : kMediaSuffixes)
    if (host_under(host, suffix)) return true;
  return false;
}

const std::string_view* media_host_suffixes(std::size_t& count) {
  count = kMediaSuffixes.size();
  return kMediaSuffixes.data();
}

const std::string_view* upload_host_suffixes(std::size_t& count) {
  static constexpr std::array<std::string_view, 3> kUploadSuffixes = {".bytedanceapi.com", ".snssdk.com", ".vodupload.com"};
  count = kUploadSuffixes.size();
  return kUploadSuffixes.data();
}

}  // namespace jimeng
