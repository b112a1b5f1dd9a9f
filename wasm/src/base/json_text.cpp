#include "base/json_text.hpp"

#include <utility>
#include <vector>

namespace jimeng {
namespace {

namespace rj = rapidjson;
using nlohmann::json;

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool valid_utf8(const char* s, std::size_t n) {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  for (std::size_t i = 0; i < n;) {
    const unsigned c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) len = 3, lo = 0xA0;
    else if (c == 0xED) len = 3, hi = 0x9F;
    else if (c >= 0xE1 && c <= 0xEF) len = 3;
    else if (c == 0xF0) len = 4, lo = 0x90;
    else if (c == 0xF4) len = 4, hi = 0x8F;
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else return false;
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return false;
    for (std::size_t k = 2; k < len; ++k)
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return false;
    i += len;
  }
  return true;
}

std::optional<std::string> text_of(const rj::Value& v) {
  if (!valid_utf8(v.GetString(), v.GetStringLength())) return std::nullopt;
  return std::string(v.GetString(), v.GetStringLength());
}

}  // namespace

// Without recursion, however deep the text nests. Members are taken last to first and done first to last,
// so a repeated key's last value is the one kept, as nlohmann's parser keeps it.
std::optional<json> to_nlohmann(const rj::Value& root) {
  json out;
  std::vector<std::pair<const rj::Value*, json*>> todo{{&root, &out}};
  while (!todo.empty()) {
    const auto [v, j] = todo.back();
    todo.pop_back();
    if (v->IsNull()) *j = nullptr;
    else if (v->IsBool()) *j = v->GetBool();
    else if (v->IsUint64()) *j = v->GetUint64();
    else if (v->IsInt64()) *j = v->GetInt64();
    else if (v->IsNumber()) *j = v->GetDouble();
    else if (v->IsString()) {
      auto s = text_of(*v);
      if (!s) return std::nullopt;
      *j = std::move(*s);
    } else if (v->IsArray()) {
      *j = json::array();
      auto& items = j->get_ref<json::array_t&>();
      items.resize(v->Size());
      for (rj::SizeType i = v->Size(); i-- > 0;) todo.emplace_back(&(*v)[i], &items[i]);
    } else {
      *j = json::object();
      for (auto m = v->MemberEnd(); m != v->MemberBegin();) {
        --m;
        auto key = text_of(m->name);
        if (!key) return std::nullopt;
        todo.emplace_back(&m->value, &(*j)[std::move(*key)]);
      }
    }
  }
  return out;
}

bool parse_in_place(std::string& body, rj::Document& doc) {
  doc.ParseInsitu<rj::kParseIterativeFlag>(body.data());
  return !doc.HasParseError();
}

std::optional<json> parse_json(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  // A NUL byte ends the text for both readers (nlohmann's lexer takes it as the end of input too).
  std::string copy(text);
  rj::Document doc;
  if (!parse_in_place(copy, doc)) return std::nullopt;
  return to_nlohmann(doc);
}

std::optional<double> parse_number(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  std::string copy(text);
  rj::Document doc;
  if (!parse_in_place(copy, doc) || !doc.IsNumber()) return std::nullopt;
  return doc.GetDouble();
}

}  // namespace jimeng
