// The sites the core speaks to (protocol §1, §9): the one table of what differs between Jimeng and its
// international twin Dreamina. No other file names a host, an app id or a site's fixed header values.
// Dreamina's API hosts are not in it: they follow the account's cluster and come from the page (session).
#pragma once
#include <cstdint>
#include <string_view>

namespace jimeng {

struct ImageXCluster {
  std::string_view region;      // as the page's session names the cluster ("cn", "SG", "US")
  std::string_view host;        // the ImageX API host
  std::string_view aws_region;  // its SigV4 region
};

struct Site {
  std::string_view id;              // "jimeng" | "dreamina": what jobs, bridges and the caller call it
  std::int64_t aid;                 // aid / appid
  std::string_view page;            // the page's origin (and the passport call's)
  std::string_view referrer;        // of image calls; Dreamina's one referrer for all
  std::string_view video_referrer;  // of video submits
  std::string_view lan, loc;        // fixed header values; empty: the page's, from the session
  bool page_hosts_api;              // the API on the page's origin; else on the session's apiOrigin
};

inline constexpr Site kJimeng{"jimeng",
                              513695,
                              "https://jimeng.jianying.com",
                              "https://jimeng.jianying.com/ai-tool/generate?type=image",
                              "https://jimeng.jianying.com/ai-tool/generate?type=video",
                              "zh-Hans",
                              "cn",
                              true};
inline constexpr Site kDreamina{
    "dreamina", 513641, "https://dreamina.capcut.com", "https://dreamina.capcut.com/", "https://dreamina.capcut.com/", "",
    "",         false};

// nullptr for a name that is not a site.
const Site* find_site(std::string_view id);
// ImageX for a cluster; Jimeng's for an unknown one only on Jimeng (nullptr on Dreamina: never guessed).
const ImageXCluster* imagex_for(const Site& site, std::string_view region);
// Whether `host` is a sub-domain of `suffix` (".capcut.com").
bool host_under(std::string_view host, std::string_view suffix);
// Whether a host is a Dreamina API host (the page's apiOrigin and commerceOrigin must be).
bool is_dreamina_api_host(std::string_view host);
// Whether a URL from an answer is one of the sites' media (§5, §9.1): https on their image, cover, video and
// download hosts, with no user info, port or odd characters. Anything else is never opened, fetched or shown.
bool is_media_url(std::string_view url);
// The media host suffixes, for the extension's CSP (one list: this one).
const std::string_view* media_host_suffixes(std::size_t& count);
// Where uploads go besides (ImageX's API hosts and the upload hosts its answers name: §4.4, §9.6), for the CSP.
const std::string_view* upload_host_suffixes(std::size_t& count);

}  // namespace jimeng
