// The live model catalogue (get_common_config). Its exact shape is not pinned down by our captures, so the
// reader accepts the spellings seen across public write-ups and skips any model it cannot fully read:
//   data.model_list | data.models | data.image_model_list : [{
//     model_req_key | req_key | key, model_name | name,
//     resolution_map: {"2k": {image_ratio_sizes: [{ratio_type, width, height}]}} (or a plain list per key),
//     gen_count_list | count_options : [1, 2, …] (or max_gen_count: N),
//     support_intelligent_ratio: bool | feats: ["intelligent_ratio", "pro_hd", …],
//     input_image_limit: N (reference images, protocol §4.3; absent: none) }]
#include "base/text.hpp"
#include "parse/parsers.hpp"

namespace jimeng {
namespace {

const rj::Value* first_of(const rj::Value* obj, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (const rj::Value* v = member(obj, k)) return v;
  return nullptr;
}

SizeTable read_sizes(const rj::Value* entry) {
  SizeTable table;
  const rj::Value* list = entry && entry->IsArray() ? entry : first_of(entry, {"image_ratio_sizes", "sizes"});
  if (!list || !list->IsArray()) return table;
  for (const auto& s : list->GetArray()) {
    const auto code = int_of(first_of(&s, {"ratio_type", "image_ratio"}));
    const auto w = int_of(member(&s, "width")), h = int_of(member(&s, "height"));
    if (code && w && h && *code >= 1 && *code <= kRatioCount && *w > 0 && *h > 0 && *w <= 20000 && *h <= 20000)
      table[int(*code)] = Size{int(*w), int(*h)};
  }
  return table;
}

std::optional<Model> read_model(const rj::Value& v) {
  Model m;
  m.key = string_of(first_of(&v, {"model_req_key", "req_key", "key"}));
  m.name = string_of(first_of(&v, {"model_name", "name"}));
  if (m.key.empty()) return std::nullopt;
  if (m.name.empty()) m.name = m.key;
  if (const rj::Value* res = member(&v, "resolution_map"); res && res->IsObject())
    for (auto it = res->MemberBegin(); it != res->MemberEnd(); ++it)
      if (SizeTable t = read_sizes(&it->value); !t.empty())
        m.resolutions[ascii_lower(std::string(it->name.GetString(), it->name.GetStringLength()))] = std::move(t);
  if (const rj::Value* counts = first_of(&v, {"gen_count_list", "count_options"}); counts && counts->IsArray()) {
    for (const auto& c : counts->GetArray())
      if (auto n = int_of(&c); n && *n >= 1 && *n <= 64) m.counts.push_back(int(*n));
  } else if (auto max = int_of(member(&v, "max_gen_count")); max && *max >= 1 && *max <= 64) {
    for (int i = 1; i <= *max; ++i) m.counts.push_back(i);
  }
  if (const rj::Value* ir = member(&v, "support_intelligent_ratio"); ir && ir->IsBool()) m.intelligent_ratio = ir->GetBool();
  if (const rj::Value* feats = member(&v, "feats"); feats && feats->IsArray())
    for (const auto& f : feats->GetArray())
      if (f.IsString()) {
        const std::string_view feat(f.GetString(), f.GetStringLength());
        m.intelligent_ratio = m.intelligent_ratio || feat == "intelligent_ratio";
        m.pro_hd = m.pro_hd || feat == "pro_hd";
      }
  if (auto limit = int_of(member(&v, "input_image_limit")); limit && *limit >= 0 && *limit <= 64)
    m.input_image_limit = int(*limit);
  if (m.resolutions.empty() || m.counts.empty()) return std::nullopt;
  return m;
}

}  // namespace

Result<json> parse_model_config_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  auto data = open_envelope(body, ctx, doc);
  if (auto e = error_of(data)) return *e;
  const rj::Value* list = first_of(std::get<const rj::Value*>(data), {"model_list", "models", "image_model_list"});
  if (!list || !list->IsArray()) return malformed("no_models", "the catalogue holds no model list");
  json models = json::array();
  for (const auto& v : list->GetArray())
    if (auto m = read_model(v)) models.push_back(model_to_json(*m));
  if (models.empty()) return malformed("no_models", "the catalogue lists no model we can use");
  return json{{"models", std::move(models)}};
}

}  // namespace jimeng
