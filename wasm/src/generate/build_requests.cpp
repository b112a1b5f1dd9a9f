// The small builders: polling, credits, catalogue, image re-signing.
#include <set>

#include "generate/builders.hpp"

namespace jimeng {
namespace {

constexpr std::size_t kMaxBatch = 200;  // ids in one poll; the engine never needs more

struct Common {
  Session session;
  std::int64_t now_ms = 0;
};

Result<Common> read_common(const json& in) {
  auto now = read_now(in);
  if (auto e = error_of(now)) return *e;
  auto session = read_session(in);
  if (auto e = error_of(session)) return *e;
  return Common{std::get<Session>(session), std::get<std::int64_t>(now)};
}

// A non-empty list of distinct non-empty strings, order kept.
Result<std::vector<std::string>> read_ids(const json& in, const char* key, bool uuids) {
  const auto it = in.find(key);
  if (it == in.end() || !it->is_array() || it->empty())
    return invalid_input(key, "ids_missing", std::string(key) + " must be a non-empty list");
  if (it->size() > kMaxBatch)
    return invalid_input(key, "ids_too_many", std::string(key) + " holds more than " + std::to_string(kMaxBatch) + " ids");
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const auto& v : *it) {
    if (!v.is_string() || v.get_ref<const std::string&>().empty() || v.get_ref<const std::string&>().size() > 512 ||
        (uuids && !is_uuid(v.get_ref<const std::string&>())))
      return invalid_input(key, "ids_invalid", std::string(key) + " must hold " + (uuids ? "uuids" : "non-empty strings"));
    if (seen.insert(v.get<std::string>()).second) ids.push_back(v.get<std::string>());
  }
  return ids;
}

Result<ojson> with_request(const json& in, std::string_view p, QueryStyle style, const ojson& body) {
  auto common = read_common(in);
  if (auto e = error_of(common)) return *e;
  const Common& c = std::get<Common>(common);
  if (style == QueryStyle::none && c.session.dreamina() && c.session.commerce_origin.empty())
    return invalid_input("session.commerceOrigin", "session_incomplete",
                         "Dreamina's credit calls need the commerce host the page calls (learned from its own requests)");
  return ojson{{"request", make_request(p, style, body, c.session, c.now_ms)}};
}

}  // namespace

Result<ojson> build_history_request(const json& in) {
  const bool by_history = in.contains("historyIds") && !in.contains("submitIds");
  auto ids = read_ids(in, by_history ? "historyIds" : "submitIds", !by_history);
  if (auto e = error_of(ids)) return *e;
  const ojson body = {{by_history ? "history_ids" : "submit_ids", std::get<std::vector<std::string>>(ids)}};
  auto out = with_request(in, path::history, QueryStyle::mweb, body);
  // The 2026 web app marks its polls as coming from the PC site (protocol §3).
  if (auto* built = std::get_if<ojson>(&out)) (*built)["request"]["headers"]["x-platform"] = "pc";
  return out;
}

// Where queued tasks stand (protocol §2): by history id.
Result<ojson> build_queue_info_request(const json& in) {
  auto ids = read_ids(in, "historyIds", false);
  if (auto e = error_of(ids)) return *e;
  return with_request(in, path::queue_info, QueryStyle::brief, ojson{{"history_ids", std::get<std::vector<std::string>>(ids)}});
}

// The user's consent to Dreamina's AIGC rules (§9.5): sent only once the user agreed, in our own UI.
Result<ojson> build_consent_request(const json& in) {
  ojson settings = ojson::object();
  settings["aigc_compliance_confirmed"] = true;
  ojson body = ojson::object();
  body["custom_settings"] = std::move(settings);
  return with_request(in, path::update_settings, QueryStyle::mweb, body);
}

// Temporary ImageX credentials (protocol §4.4): through the page like every Jimeng call.
Result<ojson> build_upload_token_request(const json& in) {
  return with_request(in, path::upload_token, QueryStyle::brief, ojson{{"scene", 2}});
}

// Who is logged in (protocol §2): what is remembered per account (uploads) is keyed by its user_id.
Result<ojson> build_account_request(const json& in) {
  return with_request(in, path::account, QueryStyle::passport, ojson::object());
}

Result<ojson> build_credit_request(const json& in) {
  return with_request(in, path::credit, QueryStyle::none, ojson::object());  // `{}`: an empty body is refused
}

Result<ojson> build_credit_history_request(const json& in) {
  ojson body = {{"count", 20}, {"cursor", "0"}};
  if (const auto it = in.find("count"); it != in.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<long long>() < 1 || it->get<long long>() > 100)
      return invalid_input("count", "count_invalid", "count must be a whole number from 1 to 100");
    body["count"] = it->get<int>();
  }
  if (const auto it = in.find("cursor"); it != in.end() && !it->is_null()) {
    if (!it->is_string() || it->get_ref<const std::string&>().size() > 64)
      return invalid_input("cursor", "cursor_invalid", "cursor must be the text of a previous page's cursor");
    body["cursor"] = it->get<std::string>();
  }
  if (const auto it = in.find("spendingOnly"); it != in.end() && it->is_boolean() && it->get<bool>()) body["history_type"] = 2;
  return with_request(in, path::credit_history, QueryStyle::none, body);
}

Result<ojson> build_model_config_request(const json& in) {
  return with_request(in, path::model_config, QueryStyle::mweb, ojson::object());
}

// The video models and what each offers (protocol §7.4).
Result<ojson> build_video_model_config_request(const json& in) {
  return with_request(in, path::video_model_config, QueryStyle::mweb,
                      ojson{{"scene", "generate_video"}, {"params", ojson::object()}});
}

// Past work (protocol §8, captured 2026-02): page 1 with end_time_stamp 0, each next page with the previous
// answer's next_offset (a time in ms), `count` records a page. image_scene_list decides which cover_url_map
// sizes come back signed. The body is the captured text with the two numbers put in (built as JSON values,
// its nesting cost 6 KB of wasm).
Result<ojson> build_asset_list_request(const json& in) {
  std::int64_t count = 20, cursor = 0;
  if (const auto it = in.find("count"); it != in.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<long long>() < 1 || it->get<long long>() > 100)
      return invalid_input("count", "count_invalid", "count must be a whole number from 1 to 100");
    count = it->get<long long>();
  }
  if (const auto it = in.find("cursor"); it != in.end() && !it->is_null()) {
    const auto n = as_integer(*it);
    const std::string text = it->is_string() ? it->get<std::string>() : "";
    const bool digits = !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string::npos;
    if ((!n && !digits) || (n && *n < 0))
      return invalid_input("cursor", "cursor_invalid", "cursor is 0 or the previous page's nextCursor (a time in ms)");
    cursor = n ? *n : std::stoll(text);
  }
  static constexpr std::string_view kScenes =
      R"([{"scene":"normal","width":2400,"height":2400,"uniq_key":"2400","format":"webp"},)"
      R"({"scene":"loss","width":1080,"height":1080,"uniq_key":"1080","format":"webp"},)"
      R"({"scene":"loss","width":900,"height":900,"uniq_key":"900","format":"webp"},)"
      R"({"scene":"loss","width":720,"height":720,"uniq_key":"720","format":"webp"},)"
      R"({"scene":"loss","width":480,"height":480,"uniq_key":"480","format":"webp"},)"
      R"({"scene":"loss","width":360,"height":360,"uniq_key":"360","format":"webp"}])";
  std::string body = R"({"count":)" + std::to_string(count) + R"(,"direction":1,"mode":"workbench","option":{"image_info":)";
  body += R"({"width":2048,"height":2048,"format":"webp","image_scene_list":)" + std::string(kScenes) + "}";
  body += R"(,"origin_image_info":{"width":96,"height":2048,"format":"webp","image_scene_list":)" + std::string(kScenes) + "}";
  body += R"(,"order_by":0,"only_favorited":false,"end_time_stamp":)" + std::to_string(cursor);
  body += R"(,"hide_story_agent_result":true},"asset_type_list":[1,2,5,6,7,8,9,10]})";
  // Dreamina's asset list was not captured (§9.6): it follows Jimeng's, whose captured query is the brief one.
  auto out = with_request(in, path::asset_list, QueryStyle::brief, ojson::object());
  if (auto* built = std::get_if<ojson>(&out)) (*built)["request"]["body"] = std::move(body);
  return out;
}

// A video's file as Dreamina's page downloads it (§9.6, captured body): the items as history named them (their
// ids as digit strings, never through a double), then a plain GET of the answer's address. The query is the
// history one (not in the capture's notes: a guess); the page's SDK signs the call.
Result<ojson> build_local_item_list_request(const json& in) {
  auto ids = read_ids(in, "itemIds", false);
  if (auto e = error_of(ids)) return *e;
  ojson list = ojson::array();
  for (const std::string& id : std::get<std::vector<std::string>>(ids)) {
    if (id.size() > 20 || id.find_first_not_of("0123456789") != std::string::npos)
      return invalid_input("itemIds", "ids_invalid", "itemIds must hold item ids as history gave them (digits)");
    list.push_back(id);
  }
  ojson options = ojson::object();
  options["scene"] = 1;
  options["need_data_integrity"] = true;
  ojson body = ojson::object();
  body["item_id_list"] = std::move(list);
  body["pack_item_opt"] = std::move(options);
  body["is_for_video_download"] = true;
  return with_request(in, path::local_item_list, QueryStyle::mweb, body);
}

// Today's free credits (§11, captured on Dreamina HK): claimed for the day of the time zone sent, in which they
// also expire (23:59:59). The zone is an IANA name, as the page sends it.
Result<ojson> build_credit_receive_request(const json& in) {
  const auto zone = in.find("timeZone");
  const bool named = zone != in.end() && zone->is_string() && !zone->get_ref<const std::string&>().empty() &&
                     zone->get_ref<const std::string&>().size() <= 64 &&
                     zone->get_ref<const std::string&>().find_first_not_of(
                         "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-") == std::string::npos;
  if (!named) return invalid_input("timeZone", "time_zone_invalid", "timeZone must be an IANA time zone, e.g. Asia/Shanghai");
  ojson body = ojson::object();
  body["time_zone"] = zone->get<std::string>();
  return with_request(in, path::credit_receive, QueryStyle::none, body);
}

Result<ojson> build_image_resign_request(const json& in) {
  auto uris = read_ids(in, "uris", false);
  if (auto e = error_of(uris)) return *e;
  return with_request(in, path::image_by_uri, QueryStyle::mweb, ojson{{"uris", std::get<std::vector<std::string>>(uris)}});
}

}  // namespace jimeng
