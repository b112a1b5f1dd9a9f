#include "protocol/response.hpp"

#include <cmath>

#include "protocol/site.hpp"

namespace jimeng {

Result<Context> parse_context(std::string_view text) {
  Context ctx;
  auto in = parse_input(text);
  if (auto e = error_of(in)) return *e;
  const json& j = std::get<json>(in);
  if (const auto s = j.find("status"); s != j.end() && s->is_number_integer()) ctx.status = s->get<int>();
  for (const char* key : {"submitIds", "historyIds", "ids"}) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_array()) continue;
    for (const auto& id : *it)
      if (id.is_string()) ctx.ids.push_back(id.get<std::string>());
  }
  for (auto [key, field] :
       {std::pair{"cursor", &ctx.cursor}, std::pair{"stopAtMs", &ctx.stop_at_ms}, std::pair{"dayEndsAt", &ctx.day_ends_at}})
    if (const auto v = j.find(key); v != j.end() && v->is_number_integer() && v->get<std::int64_t>() > 0)
      *field = v->get<std::int64_t>();
  if (const auto site = j.find("site"); site != j.end() && site->is_string()) {
    if (!find_site(site->get_ref<const std::string&>()))
      return invalid_input("site", "site_unknown", "site must be 'jimeng' or 'dreamina'");
    ctx.dreamina = site->get_ref<const std::string&>() == kDreamina.id;
  }
  if (const auto c = j.find("createdAt"); c != j.end() && c->is_object())
    for (const auto& [id, ms] : c->items())
      if (ms.is_number_integer()) ctx.created_at[id] = ms.get<std::int64_t>();
  return ctx;
}

namespace {

// What a code means on Dreamina where it differs (§9.6): 1015 is the wrong cluster until the page is read
// again (a dead session there looks the same, and reading the page again says which).
Error site_error(Error e, const Context& ctx) {
  if (!ctx.dreamina) return e;
  if (e.code == "1015") return {ErrorKind::version_outdated, Retry::after_refresh, e.code, "wrong cluster: " + e.message, ""};
  if (e.code == "1006")
    e.message = "not enough credits, or no benefit for this (Dreamina's gift credits do not buy video): " + e.message;
  return e;
}

}  // namespace

Result<const rj::Value*> open_envelope(std::string& body, const Context& ctx, rj::Document& doc) {
  const bool http_ok = ctx.status >= 200 && ctx.status < 300;
  if (body.size() > kMaxBodyBytes) return malformed("body_too_large", "the answer is larger than 64 MiB");
  if (!parse_in_place(body, doc)) {
    if (!http_ok) return classify_http_status(ctx.status);
    const auto first = body.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && body[first] == '<')
      return malformed("not_json_html", "Jimeng answered with a web page instead of data (logged out or blocked?)");
    if (first == std::string::npos) return malformed("empty_body", "Jimeng answered with an empty body");
    return malformed("not_json", "the answer is not valid JSON (truncated?)");
  }
  if (!doc.IsObject()) return malformed("not_object", "the answer is not a JSON object");
  const rj::Value* ret = member(&doc, "ret");
  if (!ret) {
    if (!http_ok) return classify_http_status(ctx.status);
    return malformed("no_ret", "the answer has no ret code");
  }
  const std::string code = string_of(ret);
  if (code.empty()) return malformed("bad_ret", "the answer's ret code is not a number");
  if (code != "0") return site_error(classify_code(code, string_of(member(&doc, "errmsg"))), ctx);
  if (!http_ok) return classify_http_status(ctx.status);
  const rj::Value* data = member(&doc, "data");
  if (!data || !data->IsObject()) {
    const rj::Value* response = member(&doc, "response");
    if (!response || !response->IsString()) return malformed("no_data", "the answer has no data object");
    std::string text(response->GetString(), response->GetStringLength());  // it lies inside `body`: copied first
    body = std::move(text);
    if (!parse_in_place(body, doc) || !doc.IsObject()) return malformed("no_data", "the answer's response is not a data object");
    return &doc;
  }
  return data;
}

const rj::Value* member(const rj::Value* obj, const char* key) {
  if (!obj || !obj->IsObject()) return nullptr;
  const auto it = obj->FindMember(key);
  if (it == obj->MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

const rj::Value* member_at(const rj::Value* obj, std::initializer_list<const char*> keys) {
  for (const char* key : keys) obj = member(obj, key);
  return obj;
}

std::optional<std::int64_t> int_of(const rj::Value* v) {
  if (!v) return std::nullopt;
  if (v->IsInt64()) return v->GetInt64();
  if (v->IsUint64()) return std::nullopt;  // beyond int64: not a count or code we know
  if (v->IsDouble()) {
    const double d = v->GetDouble();
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9e15) return std::int64_t(d);
    return std::nullopt;
  }
  if (v->IsString()) {
    const char* s = v->GetString();
    const std::size_t n = v->GetStringLength();
    if (n == 0 || n > 18) return std::nullopt;
    std::size_t i = s[0] == '-' ? 1 : 0;
    if (i == n) return std::nullopt;
    std::int64_t out = 0;
    for (; i < n; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      out = out * 10 + (s[i] - '0');
    }
    return s[0] == '-' ? -out : out;
  }
  return std::nullopt;
}

std::optional<double> number_of(const rj::Value* v) {
  if (v && v->IsNumber()) return v->GetDouble();
  if (v && v->IsString() && v->GetStringLength() > 0 && v->GetStringLength() < 32) {
    const auto d = parse_number({v->GetString(), v->GetStringLength()});
    if (d && std::isfinite(*d)) return d;
  }
  return std::nullopt;
}

std::string string_of(const rj::Value* v) {
  if (!v) return {};
  if (v->IsString()) return std::string(v->GetString(), v->GetStringLength());
  if (v->IsInt64()) return std::to_string(v->GetInt64());
  if (v->IsUint64()) return std::to_string(v->GetUint64());
  return {};
}

}  // namespace jimeng
