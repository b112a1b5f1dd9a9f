#include "protocol/protocol_input.hpp"

#include <cstdlib>

namespace jimeng {

Result<Session> read_session(const json& in) {
  Session s;
  const auto it = in.find("session");
  if (it == in.end() || it->is_null()) return s;
  if (!it->is_object()) return invalid_input("session", "session_invalid", "session must be an object");
  struct Field {
    const char* key;
    std::string* target;
  };
  for (const Field& f : {Field{"webId", &s.web_id}, Field{"daVersion", &s.da_version}, Field{"webVersion", &s.web_version},
                         Field{"appVersion", &s.app_version}}) {
    const auto v = it->find(f.key);
    if (v == it->end() || v->is_null()) continue;
    if (v->is_number_unsigned()) {  // webId is sometimes handled as a number
      *f.target = std::to_string(v->get<std::uint64_t>());
      continue;
    }
    if (!v->is_string() || v->get_ref<const std::string&>().size() > 64)
      return invalid_input(std::string("session.") + f.key, "session_invalid",
                           std::string("session.") + f.key + " must be a short string");
    if (!v->get_ref<const std::string&>().empty()) *f.target = v->get<std::string>();
  }
  return s;
}

json model_to_json(const Model& m) {
  json res = json::object();
  for (const auto& [name, table] : m.resolutions) {
    json sizes = json::object();
    for (const auto& [code, size] : table) sizes[std::to_string(code)] = {{"width", size.width}, {"height", size.height}};
    res[name] = sizes;
  }
  return {{"key", m.key},
          {"name", m.name},
          {"resolutions", res},
          {"counts", m.counts},
          {"intelligentRatio", m.intelligent_ratio},
          {"inputImageLimit", m.input_image_limit},
          {"proHd", m.pro_hd}};
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
