// Internal: the request builders. Each returns {"request":{…}, …} or an invalid_input error.
#pragma once
#include "protocol/protocol_input.hpp"

namespace jimeng {

Result<ojson> build_generate_request(const json& in);
Result<ojson> build_history_request(const json& in);
Result<ojson> build_queue_info_request(const json& in);  // {now, session, historyIds}: get_history_queue_info
Result<ojson> build_consent_request(const json& in);     // {now, session}: Dreamina's AIGC consent (update_settings)
Result<ojson> build_credit_request(const json& in);
Result<ojson> build_credit_history_request(const json& in);
Result<ojson> build_model_config_request(const json& in);
Result<ojson> build_video_model_config_request(const json& in);  // §7.4
Result<ojson> build_asset_list_request(const json& in);          // §8: {count?, cursor?}
Result<ojson> build_local_item_list_request(const json& in);
Result<ojson> build_credit_receive_request(const json& in);  // §11: {timeZone}     // §9.6: {itemIds}
Result<ojson> build_image_resign_request(const json& in);
Result<ojson> build_account_request(const json& in);       // the logged-in account (passport info)
Result<ojson> build_upload_token_request(const json& in);  // ImageX credentials (protocol §4.4)
Result<ojson> build_upscale_request(const json& in);       // 超清 / 智能超清 of a finished image (§4.5)
// An edit of finished work (§10): {now, entropy, session?, tool, source, settings?, submitId?}.
Result<ojson> build_post_step_request(const json& in);

// Shared by the draft builders.
inline constexpr std::size_t kMaxPromptChars = 800;           // the web app's prompt box counter stops at 800
inline constexpr std::int64_t kMaxSeed = 2147483647;          // non-negative signed 32-bit
inline constexpr std::int64_t kMaxDreaminaSeed = 4294967295;  // Dreamina's page draws unsigned 32-bit seeds (§9.5)
inline constexpr std::size_t kMaxUriChars = 1024;
// An image uri we may put in a draft: 1 to kMaxUriChars printable characters, no quote or backslash.
bool plain_uri(std::string_view uri);
// Integers arrive as JSON numbers; 3.0 is accepted as 3, 3.5 is not.
std::optional<std::int64_t> as_integer(const json& v);
// `models` from the caller (the live catalogue), or the built-in table when absent or unreadable.
Result<std::vector<Model>> read_models(const json& in);
// `seed`: 0..max, or a random one from the entropy when absent (`given` says which).
Result<std::int64_t> read_seed(const json& in, Entropy& rng, bool* given = nullptr, std::int64_t max = kMaxSeed);
// Dreamina's `extend.workspace_id` (§9.5): the caller's `workspaceId`, 0 (what the SG page sent) when absent.
Result<std::int64_t> read_workspace_id(const json& in);
// `submitId`: a uuid (lower-cased), or a fresh one from the entropy when absent.
Result<std::string> read_submit_id(const json& in, Entropy& rng);
// The seed range of the session's site.
inline std::int64_t max_seed(const Session& s) { return s.dreamina() ? kMaxDreaminaSeed : kMaxSeed; }
// An uploaded image as drafts name it (§4.3, §7.2): {type:"image", id, source_from, platform_type, name, image_uri,
// width, height, format, uri}, key by key in the captured order.
ojson uploaded_image(const std::string& uri, int width, int height, std::string_view format, Entropy& rng);
// The `"type":""` + `id` pair every draft node carries.
ojson draft_node(Entropy& rng);
// The component's `metadata` node.
ojson draft_metadata(Entropy& rng, std::int64_t now_ms);
// An image draft's text: one image_base_component (`generate_type` blend, generate, normal_hd…) holding
// `abilities`, in the draft envelope of §4; the draft's id is drawn after everything else's.
std::string image_draft_text(const std::string& component_id, std::string_view component_min, std::string_view draft_min,
                             std::string_view generate_type, ojson metadata, ojson abilities, std::string_view version,
                             Entropy& rng);
// Telemetry that is also read for billing hints: the keys, in order, of the 2026 web app (protocol §4).
// `sceneOptions` is itself JSON text inside this JSON text; Dreamina's image page sends none (§9.5).
std::string metrics_text(const std::string& model, const std::string& resolution, int count, ojson ability_list,
                         const std::string& submit_id, bool with_scene = true);

}  // namespace jimeng
