// Internal: the response parsers. Each takes the body (parsed in place, so it is consumed) and returns the
// normalised result or an Error.
#pragma once
#include "protocol/protocol_input.hpp"
#include "protocol/response.hpp"

namespace jimeng {

json error_to_json(const Error& e);
json read_task(const rj::Value& node);
// A signed URL's expiry (its x-expires, unix seconds); 0 when it has none.
std::int64_t url_expiry(const std::string& url);
// An item's preview: the 720 px cover when listed, else another size, else its cover_url.
std::string preview_url(const rj::Value* common);
// Finished video items (protocol §7.3): {url, cover, width, height, durationMs, vid, itemId, watermarked, expiresAt},
// the clean file chosen by §7.6; nullopt while the item has no file yet.
bool is_video_item(const rj::Value& item);
std::optional<json> read_video(const rj::Value& item);

Result<json> parse_generate_body(std::string& body, const Context& ctx);
Result<json> parse_history_body(std::string& body, const Context& ctx);
Result<json> parse_account_body(std::string& body, const Context& ctx);  // {account: {userId}}
Result<json> parse_credit_body(std::string& body, const Context& ctx);
Result<json> parse_consent_body(std::string& body, const Context& ctx);         // {consented: true} once the service took it
Result<json> parse_credit_receive_body(std::string& body, const Context& ctx);  // §11: {received, quota, expiresAt}
Result<json> parse_credit_history_body(std::string& body, const Context& ctx);
Result<json> parse_model_config_body(std::string& body, const Context& ctx);
Result<json> parse_video_model_config_body(std::string& body, const Context& ctx);  // §7.4
Result<json> parse_image_resign_body(std::string& body, const Context& ctx);
Result<json> parse_asset_list_body(std::string& body, const Context& ctx);       // §8: {records, nextCursor, hasMore}
Result<json> parse_local_item_list_body(std::string& body, const Context& ctx);  // §9.6: {videos: {itemId: Video}}

}  // namespace jimeng
