// Credits, the credit ledger, today's free credits, and re-signed image URLs.
#include <algorithm>

#include "base/text.hpp"
#include "parse/parsers.hpp"

namespace jimeng {

// passport/account/info/v2: the logged-in account's user_id, as text (it is wider than a double's integers).
Result<json> parse_account_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  auto data = open_envelope(body, ctx, doc);
  if (auto e = error_of(data)) return *e;
  const std::string user = string_of(member(std::get<const rj::Value*>(data), "user_id"));
  if (user.empty() || user == "0") return malformed("no_user", "the answer names no account");
  return json{{"account", {{"userId", user}}}};
}

Result<json> parse_credit_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  auto data = open_envelope(body, ctx, doc);
  if (auto e = error_of(data)) return *e;
  const rj::Value* credit = member(std::get<const rj::Value*>(data), "credit");
  if (!credit || !credit->IsObject()) return malformed("no_credit", "the answer holds no credit balance");
  json out = json::object();
  std::int64_t total = 0;
  for (const auto& [key, name] : {std::pair{"gift_credit", "gift"}, {"purchase_credit", "purchase"}, {"vip_credit", "vip"}}) {
    const std::int64_t v = int_of(member(credit, key)).value_or(0);
    out[name] = v;
    total += v;
  }
  // Right after a daily claim gift_credit may still read 0 while the detail holds the new credits (§9.6, §11):
  // the detail's gift grants count then, and the soonest end of one is when gift credits expire.
  std::int64_t detail_gift = 0, gift_ends = 0;
  if (const rj::Value* gifts = member_at(std::get<const rj::Value*>(data), {"credits_detail", "gift_credits"});
      gifts && gifts->IsArray())
    for (const auto& g : gifts->GetArray()) {
      detail_gift += int_of(member(&g, "credit")).value_or(int_of(member(&g, "amount")).value_or(0));
      const std::int64_t end = int_of(member(&g, "credits_life_end")).value_or(0);
      if (end > 0 && (gift_ends == 0 || end < gift_ends)) gift_ends = end;
    }
  if (out["gift"].get<std::int64_t>() == 0 && detail_gift > 0) {
    out["gift"] = detail_gift;
    total += detail_gift;
  }
  if (gift_ends > 0) out["giftExpiresAt"] = gift_ends < 100000000000 ? gift_ends * 1000 : gift_ends;  // ms
  out["total"] = total;
  return json{{"credit", std::move(out)}};
}

// Today's free credits (§11): how many this claim gave (0 when they were claimed already), and when they expire
// (the answer's own end when it says one, else the end of the day the caller computed for the zone it sent).
Result<json> parse_credit_receive_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  auto data = open_envelope(body, ctx, doc);
  if (auto e = error_of(data)) return *e;
  const rj::Value* d = std::get<const rj::Value*>(data);
  if (!d || !d->IsObject()) return malformed("no_receive", "the answer says nothing of today's credits");
  const std::int64_t quota = std::max<std::int64_t>(0, int_of(member(d, "receive_quota")).value_or(0));
  std::int64_t ends = int_of(member(d, "expire_time")).value_or(int_of(member(d, "credits_life_end")).value_or(0));
  if (ends > 0 && ends < 100000000000) ends *= 1000;  // seconds → ms
  json out = json::object();
  out["received"] = quota > 0;
  out["quota"] = quota;
  out["expiresAt"] = ends > 0 ? ends : ctx.day_ends_at;
  return out;
}

Result<json> parse_consent_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  auto data = open_envelope(body, ctx, doc);
  if (auto e = error_of(data)) return *e;
  return json{{"consented", true}};
}

Result<json> parse_credit_history_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  auto data = open_envelope(body, ctx, doc);
  if (auto e = error_of(data)) return *e;
  const rj::Value* d = std::get<const rj::Value*>(data);
  json records = json::array();
  if (const rj::Value* list = member(d, "records"); list && list->IsArray()) {
    for (const auto& r : list->GetArray()) {
      if (!r.IsObject()) continue;
      json record = json::object();  // key by key: an initializer list costs far more code
      record["amount"] = int_of(member(&r, "amount")).value_or(0);
      record["createTime"] = int_of(member(&r, "create_time")).value_or(0);
      record["title"] = string_of(member(&r, "title"));
      record["submitId"] = string_of(member(&r, "submit_id"));
      record["status"] = string_of(member(&r, "status"));
      records.push_back(std::move(record));
    }
  }
  const rj::Value* more = member(d, "has_more");
  return json{{"records", std::move(records)},
              {"cursor", string_of(member(d, "new_cursor"))},
              {"hasMore", more && more->IsBool() && more->GetBool()}};
}

Result<json> parse_image_resign_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  auto data = open_envelope(body, ctx, doc);
  if (auto e = error_of(data)) return *e;
  const rj::Value* map = member(std::get<const rj::Value*>(data), "uri2image");
  if (!map || !map->IsObject()) return malformed("no_images", "the answer holds no re-signed images");
  json images = json::object();
  for (auto it = map->MemberBegin(); it != map->MemberEnd(); ++it) {
    const rj::Value* v = &it->value;
    // Either the URL itself or an image node with large_images / url fields.
    std::string url = string_of(v);
    if (url.empty()) url = string_of(member(v, "image_url"));
    if (url.empty() && member(v, "large_images") && member(v, "large_images")->IsArray() && !member(v, "large_images")->Empty())
      url = string_of(member(&(*member(v, "large_images"))[0], "image_url"));
    if (url.empty()) url = string_of(member(v, "url"));
    if (is_media_url(url)) images[std::string(it->name.GetString(), it->name.GetStringLength())] = url;  // else never opened
  }
  return json{{"images", std::move(images)}};
}

}  // namespace jimeng
