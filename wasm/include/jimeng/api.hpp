// The core's whole public surface: JSON text in, JSON text out, never throws. Every answer is an envelope,
// {"ok":true, …} or {"ok":false,"error":{kind,code,message,retry[,field]}}. The wasm bindings expose exactly
// these; the extension's wasm/jimeng-core.d.ts documents the shapes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace jimeng::api {

// The largest input (request JSON or response body) the core takes; a larger one is refused with too_large().
inline constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;

std::string build_generate(std::string_view input) noexcept;
std::string build_history(std::string_view input) noexcept;
// {"request"}: queue positions, {now, session, historyIds}
std::string build_queue_info(std::string_view input) noexcept;
// {"request", "job"}: an edit of finished work (§10), its draft replaying the source's component and chaining one.
std::string build_post_step(std::string_view input) noexcept;
std::string build_consent(std::string_view input) noexcept;  // {"request"}: Dreamina's AIGC consent, {now, session}
std::string build_account(std::string_view input) noexcept;  // {"request"}: who is logged in
std::string build_credit(std::string_view input) noexcept;
std::string build_credit_history(std::string_view input) noexcept;
std::string build_model_config(std::string_view input) noexcept;
std::string build_video_model_config(std::string_view input) noexcept;  // the video catalogue (§7.4)
std::string build_asset_list(std::string_view input) noexcept;          // past work (§8): {count?, cursor?}
std::string build_local_item_list(std::string_view input) noexcept;
std::string build_credit_receive(
    std::string_view input) noexcept;  // today's free credits (§11): {timeZone}     // a Dreamina video's file (§9.6): {itemIds}
std::string build_image_resign(std::string_view input) noexcept;
// {"files":[{index,name,url,uri,resign}]}: download names from a template, and stale URLs to re-sign.
std::string plan_downloads(std::string_view input) noexcept;
// {"rows":[{row, variant, repeat, prompt, job | error{…, column}}], total, cap, capped, valid, invalid}: a batch
// from pasted lines, a CSV or a JSON list, prompt variables expanded, every row checked like one job.
std::string expand_batch(std::string_view input) noexcept;
// {"prices":{"model|resolution|count":{credits, at}}, learned, learnedUpTo}: credit-ledger charges matched to
// our jobs by submit_id; expand_batch prices its rows with this table (input `prices`, `balance`).
std::string learn_prices(std::string_view input) noexcept;

// Reference images and the ImageX upload (protocol §4.4). `bytes` are the file's own bytes.
// {"image":{format, mime, width, height, bytes, sha256, crc32}} or why it cannot be a reference image.
std::string check_image(std::string bytes, std::string_view input) noexcept;
std::string build_upload_token(std::string_view input) noexcept;                   // {"request"} to Jimeng, for credentials
std::string build_apply_upload(std::string_view input) noexcept;                   // {"request"} to ImageX, SigV4-signed
std::string build_upload_put(std::string bytes, std::string_view input) noexcept;  // {"request", crc32}
std::string build_commit_upload(std::string_view input) noexcept;                  // {"request"} to ImageX, SigV4-signed
// The job engine's decisions (engine.hpp): the unfinished jobs, batches and engine state, one event and the
// caller's clock in; {"jobs":[patches], "batches":[patches], "engine":{…}, "actions":[…]} out.
std::string engine_step(std::string_view state, std::string_view event, std::int64_t now) noexcept;

// `body` is consumed (parsed in place). `context` is optional JSON: {"status":200,"submitIds":[…]}.
std::string parse_generate(std::string body, std::string_view context) noexcept;
std::string parse_history(std::string body, std::string_view context) noexcept;
std::string parse_account(std::string body, std::string_view context) noexcept;  // {"account": {"userId"}}
std::string parse_credit(std::string body, std::string_view context) noexcept;
std::string parse_consent(std::string body, std::string_view context) noexcept;  // {"consented": true}
std::string parse_credit_history(std::string body, std::string_view context) noexcept;
std::string parse_model_config(std::string body, std::string_view context) noexcept;
std::string parse_video_model_config(std::string body, std::string_view context) noexcept;  // {"models":[{kind:"video",…}]}
std::string parse_asset_list(std::string body, std::string_view context) noexcept;  // {"records":[…],"nextCursor","hasMore"}
std::string parse_local_item_list(std::string body, std::string_view context) noexcept;
std::string parse_credit_receive(
    std::string body, std::string_view context) noexcept;  // {received, quota, expiresAt}  // {"videos":{itemId: video}}
std::string parse_image_resign(std::string body, std::string_view context) noexcept;
std::string parse_upload_token(std::string body, std::string_view context) noexcept;   // {"credentials"}
std::string parse_apply_upload(std::string body, std::string_view context) noexcept;   // {"upload"}
std::string parse_upload_put(std::string body, std::string_view context) noexcept;     // {"crc32"}
std::string parse_commit_upload(std::string body, std::string_view context) noexcept;  // {"image"}

std::string builtin_models() noexcept;
// {"ok":true,"sites":[{id, aid, page}], "mediaHostSuffixes":[…], "uploadHostSuffixes":[…]}: the one host list
// (the extension's CSP is made from it).
std::string sites() noexcept;  // {"ok":true,"models":[…]} in parse_model_config's shape
std::string sign(std::string_view path, std::int64_t device_time, std::string_view app_version) noexcept;
std::string version() noexcept;
// The answer for an input over kMaxInputBytes, or one the bindings could not take in at all.
std::string too_large() noexcept;

}  // namespace jimeng::api
