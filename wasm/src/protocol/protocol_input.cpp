#include "protocol/protocol_input.hpp"

#include <cstdlib>

#include "base/text.hpp"

namespace jimeng {

namespace {

// A short string field of the session, or nullopt when absent; an error when it is something else.
Result<std::optional<std::string>> session_text(const json& session, const char* key) {
  const auto v = session.find(key);
  if (v == session.end() || v->is_null()) return std::optional<std::string>();
  if (v->is_number_unsigned()) return std::optional<std::string>(std::to_string(v->get<std::uint64_t>()));  // webId, did
  if (!v->is_string() || v->get_ref<const std::string&>().size() > 64)
    return invalid_input(std::string("session.") + key, "session_invalid",
                         std::string("session.") + key + " must be a short string");
  if (v->get_ref<const std::string&>().empty()) return std::optional<std::string>();
  return std::optional<std::string>(v->get<std::string>());
}

Error session_needs(const char* key, const char* what) {
  return invalid_input(std::string("session.") + key, "session_incomplete",
                       std::string("a Dreamina session needs ") + what + " (learned from the page's own requests)");
}

bool https_origin_on(const std::string& origin, bool (*host_ok)(std::string_view)) {
  constexpr std::string_view kScheme = "https://";
  return origin.compare(0, kScheme.size(), kScheme) == 0 && host_ok(std::string_view(origin).substr(kScheme.size()));
}

bool is_code(std::string_view v, bool digits) {
  if (v.empty() || v.size() > 32) return false;
  for (const char c : v)
    if (!((c >= '0' && c <= '9') || (!digits && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_'))))
      return false;
  return true;
}

// Dreamina's keys (§9.1, §9.4): where the account's cluster is, who the device and the account are.
std::optional<Error> read_dreamina(const json& j, Session& s) {
  struct Field {
    const char* key;
    std::string* target;
  };
  for (const Field& f :
       {Field{"apiOrigin", &s.api_origin}, Field{"commerceOrigin", &s.commerce_origin}, Field{"region", &s.region},
        Field{"loc", &s.loc}, Field{"storeCountry", &s.store_country}, Field{"lan", &s.lan}, Field{"did", &s.did}}) {
    auto v = session_text(j, f.key);
    if (auto e = error_of(v)) return *e;
    if (auto& text = std::get<std::optional<std::string>>(v)) *f.target = std::move(*text);
  }
  if (s.api_origin.empty()) return session_needs("apiOrigin", "the API host the page calls");
  if (!https_origin_on(s.api_origin, is_dreamina_api_host))
    return invalid_input("session.apiOrigin", "session_invalid", "session.apiOrigin must be https://<a Dreamina API host>");
  if (!s.commerce_origin.empty() && !https_origin_on(s.commerce_origin, is_dreamina_api_host))
    return invalid_input("session.commerceOrigin", "session_invalid", "session.commerceOrigin must be https://<a Dreamina host>");
  if (!is_code(s.region, false)) return session_needs("region", "the cluster's region");
  if (!is_code(s.loc, false)) return session_needs("loc", "the account's country");
  if (!is_code(s.did, true)) return session_needs("did", "the page's device id");
  if (s.store_country.empty()) s.store_country = s.loc;
  s.store_country = ascii_lower(s.store_country);
  s.region = ascii_upper(s.region);
  if (s.lan.empty()) s.lan = "en";
  s.web_id.clear();  // never sent on Dreamina
  return std::nullopt;
}

}  // namespace

Result<Session> read_session(const json& in) {
  Session s;
  const auto it = in.find("session");
  if (it == in.end() || it->is_null()) return s;
  if (!it->is_object()) return invalid_input("session", "session_invalid", "session must be an object");
  auto site = session_text(*it, "site");
  if (auto e = error_of(site)) return *e;
  if (const auto& name = std::get<std::optional<std::string>>(site)) {
    s.site = find_site(*name);
    if (!s.site) return invalid_input("session.site", "site_unknown", "session.site must be 'jimeng' or 'dreamina'");
  }
  struct Field {
    const char* key;
    std::string* target;
  };
  for (const Field& f : {Field{"webId", &s.web_id}, Field{"daVersion", &s.da_version}, Field{"webVersion", &s.web_version},
                         Field{"appVersion", &s.app_version}}) {
    auto v = session_text(*it, f.key);
    if (auto e = error_of(v)) return *e;
    if (auto& text = std::get<std::optional<std::string>>(v)) *f.target = std::move(*text);
  }
  if (s.dreamina())
    if (auto e = read_dreamina(*it, s)) return *e;
  return s;
}

json model_to_json(const Model& m) {
  json res = json::object();
  for (const auto& [name, table] : m.resolutions) {
    json sizes = json::object();
    for (const auto& [code, size] : table) sizes[std::to_string(code)] = {{"width", size.width}, {"height", size.height}};
    res[name] = sizes;
  }
  json out = json::object();  // key by key: an initializer list costs far more code
  out["key"] = m.key;
  out["name"] = m.name;
  out["resolutions"] = std::move(res);
  out["counts"] = m.counts;
  out["intelligentRatio"] = m.intelligent_ratio;
  out["inputImageLimit"] = m.input_image_limit;
  out["proHd"] = m.pro_hd;
  return out;
}

std::optional<Model> model_from_json(const json& j) {
  if (!j.is_object()) return std::nullopt;
  Model m;
  const auto key = j.find("key");
  if (key == j.end() || !key->is_string() || key->get_ref<const std::string&>().empty()) return std::nullopt;
  m.key = key->get<std::string>();
  if (const auto n = j.find("name"); n != j.end() && n->is_string()) m.name = n->get<std::string>();
  if (const auto ir = j.find("intelligentRatio"); ir != j.end() && ir->is_boolean()) m.intelligent_ratio = ir->get<bool>();
  if (const auto ph = j.find("proHd"); ph != j.end() && ph->is_boolean()) m.pro_hd = ph->get<bool>();
  if (const auto limit = j.find("inputImageLimit");
      limit != j.end() && limit->is_number_integer() && limit->get<long long>() >= 0 && limit->get<long long>() <= 64)
    m.input_image_limit = limit->get<int>();
  if (const auto counts = j.find("counts"); counts != j.end() && counts->is_array()) {
    for (const auto& c : *counts)
      if (c.is_number_integer() && c.get<long long>() >= 1 && c.get<long long>() <= 64) m.counts.push_back(c.get<int>());
  }
  const auto res = j.find("resolutions");
  if (res == j.end() || !res->is_object()) return std::nullopt;
  for (const auto& [name, sizes] : res->items()) {
    if (!sizes.is_object()) continue;
    SizeTable table;
    for (const auto& [code, size] : sizes.items()) {
      const int c = std::atoi(code.c_str());
      if (c < 1 || c > kRatioCount || !size.is_object()) continue;
      const auto w = size.find("width"), h = size.find("height");
      if (w == size.end() || h == size.end() || !w->is_number_integer() || !h->is_number_integer()) continue;
      table[c] = Size{w->get<int>(), h->get<int>()};
    }
    if (!table.empty()) m.resolutions[name] = std::move(table);
  }
  if (m.resolutions.empty() || m.counts.empty()) return std::nullopt;
  return m;
}

}  // namespace jimeng
