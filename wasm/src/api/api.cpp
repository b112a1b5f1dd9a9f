#include "jimeng/api.hpp"

#include <algorithm>

#include "batch/batch_input.hpp"
#include "batch/prices.hpp"
#include "crypto/digest.hpp"
#include "engine/engine.hpp"
#include "files/file_names.hpp"
#include "generate/builders.hpp"
#include "parse/parsers.hpp"
#include "protocol/sign.hpp"
#include "protocol/video_catalog.hpp"
#include "upload/image_check.hpp"
#include "upload/imagex.hpp"

#ifndef JIMENG_CORE_VERSION
#define JIMENG_CORE_VERSION "0.0.0-dev"
#endif

namespace jimeng {

json error_to_json(const Error& e) {
  json j = {{"kind", to_string(e.kind)}, {"code", e.code}, {"message", e.message}, {"retry", to_string(e.retry)}};
  if (!e.field.empty()) j["field"] = e.field;
  return j;
}

namespace api {
namespace {

constexpr auto kReplace = json::error_handler_t::replace;  // never throw on invalid UTF-8 from the wire

std::string failure(const Error& e) { return json{{"ok", false}, {"error", error_to_json(e)}}.dump(-1, ' ', false, kReplace); }

template <class J>
std::string success(J&& fields) {
  ojson out = {{"ok", true}};
  for (auto& [k, v] : fields.items()) out[k] = std::move(v);
  return out.dump(-1, ' ', false, kReplace);
}

// The boundary: whatever happens below (a bug, an allocation failure) comes out as a value.
template <class F>
std::string guarded(F&& f) noexcept {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return R"({"ok":false,"error":{"kind":"malformed_response","code":"out_of_memory","message":"input too large to process","retry":"never"}})";
  } catch (...) {
    return R"({"ok":false,"error":{"kind":"server_error","code":"internal","message":"internal error in the protocol core","retry":"never"}})";
  }
}

template <class Builder>
std::string build(std::string_view input, Builder builder) noexcept {
  return guarded([&] {
    auto in = parse_input(input);
    if (auto e = error_of(in)) return failure(*e);
    auto out = builder(std::get<json>(in));
    if (auto e = error_of(out)) return failure(*e);
    return success(std::get<ojson>(out));
  });
}

template <class Parser>
std::string parse(std::string& body, std::string_view context, Parser parser) noexcept {
  return guarded([&] {
    auto ctx = parse_context(context);
    if (auto e = error_of(ctx)) return failure(*e);
    auto out = parser(body, std::get<Context>(ctx));
    if (auto e = error_of(out)) return failure(*e);
    return success(std::get<json>(out));
  });
}

}  // namespace

std::string build_generate(std::string_view in) noexcept { return build(in, build_generate_request); }
std::string build_history(std::string_view in) noexcept { return build(in, build_history_request); }
std::string build_queue_info(std::string_view in) noexcept { return build(in, build_queue_info_request); }
std::string build_post_step(std::string_view in) noexcept { return build(in, build_post_step_request); }
std::string build_consent(std::string_view in) noexcept { return build(in, build_consent_request); }
std::string build_account(std::string_view in) noexcept { return build(in, build_account_request); }
std::string build_credit(std::string_view in) noexcept { return build(in, build_credit_request); }
std::string build_credit_history(std::string_view in) noexcept { return build(in, build_credit_history_request); }
std::string build_model_config(std::string_view in) noexcept { return build(in, build_model_config_request); }
std::string build_video_model_config(std::string_view in) noexcept { return build(in, build_video_model_config_request); }
std::string build_asset_list(std::string_view in) noexcept { return build(in, build_asset_list_request); }
std::string build_image_resign(std::string_view in) noexcept { return build(in, build_image_resign_request); }
std::string build_local_item_list(std::string_view in) noexcept { return build(in, build_local_item_list_request); }
std::string build_credit_receive(std::string_view in) noexcept { return build(in, build_credit_receive_request); }

std::string plan_downloads(std::string_view in) noexcept { return build(in, plan_downloads_request); }
std::string expand_batch(std::string_view in) noexcept { return build(in, expand_batch_request); }
std::string learn_prices(std::string_view in) noexcept { return build(in, jimeng::learn_prices); }

std::string build_upload_token(std::string_view in) noexcept { return build(in, build_upload_token_request); }
std::string build_apply_upload(std::string_view in) noexcept { return build(in, build_apply_upload_request); }
std::string build_commit_upload(std::string_view in) noexcept { return build(in, build_commit_upload_request); }
std::string build_upload_put(std::string bytes, std::string_view in) noexcept {
  return build(in, [&](const json& input) {
    return build_upload_put_request(input, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  });
}

std::string check_image(std::string bytes, std::string_view in) noexcept {
  return guarded([&] {
    auto input = parse_input(in);
    if (auto e = error_of(input)) return failure(*e);
    const json& i = std::get<json>(input);
    std::size_t max = kMaxImageBytes;
    if (const auto it = i.find("maxBytes"); it != i.end() && it->is_number_unsigned())
      max = std::min<std::size_t>(it->get<std::size_t>(), kMaxInputBytes);
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
    auto info = jimeng::check_image(data, bytes.size(), max);
    if (auto e = error_of(info)) return failure(*e);
    const ImageInfo& image = std::get<ImageInfo>(info);
    // The content hash keys the upload cache (the same bytes are not uploaded twice); the CRC-32 goes with
    // the upload. One pass for both while the bytes are here.
    const std::string crc = hex_digits(crc32(data, bytes.size()), 8);
    ojson out = ojson::object();
    out["format"] = image.format;
    out["mime"] = image.mime;
    out["width"] = image.width;
    out["height"] = image.height;
    out["bytes"] = bytes.size();
    out["sha256"] = hex(sha256(bytes));
    out["crc32"] = crc;
    return success(ojson{{"image", std::move(out)}});
  });
}

std::string engine_step(std::string_view state, std::string_view event, std::int64_t now) noexcept {
  return guarded([&] {
    if (state.size() > kMaxEngineInputBytes || event.size() > kMaxEngineInputBytes)
      return failure(
          Error{ErrorKind::invalid_input, Retry::never, "input_too_large", "engine state or event is larger than 8 MiB", ""});
    const auto read = [](std::string_view text) {
      if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return json::object();
      std::optional<json> parsed = parse_json(text);
      return parsed ? std::move(*parsed) : json(json::value_t::discarded);
    };
    const json s = read(state), e = read(event);
    if (s.is_discarded() || e.is_discarded())
      return failure(
          Error{ErrorKind::invalid_input, Retry::never, "input_not_json", "engine state or event is not valid JSON", ""});
    auto out = jimeng::engine_step(s, e, now);
    if (auto err = error_of(out)) return failure(*err);
    return success(std::get<json>(out));
  });
}

std::string parse_generate(std::string b, std::string_view c) noexcept { return parse(b, c, parse_generate_body); }
std::string parse_history(std::string b, std::string_view c) noexcept { return parse(b, c, parse_history_body); }
std::string parse_account(std::string b, std::string_view c) noexcept { return parse(b, c, parse_account_body); }
std::string parse_credit(std::string b, std::string_view c) noexcept { return parse(b, c, parse_credit_body); }
std::string parse_consent(std::string b, std::string_view c) noexcept { return parse(b, c, parse_consent_body); }
std::string parse_credit_receive(std::string b, std::string_view c) noexcept { return parse(b, c, parse_credit_receive_body); }
std::string parse_credit_history(std::string b, std::string_view c) noexcept { return parse(b, c, parse_credit_history_body); }
std::string parse_model_config(std::string b, std::string_view c) noexcept { return parse(b, c, parse_model_config_body); }
std::string parse_asset_list(std::string b, std::string_view c) noexcept { return parse(b, c, parse_asset_list_body); }
std::string parse_video_model_config(std::string b, std::string_view c) noexcept {
  return parse(b, c, parse_video_model_config_body);
}
std::string parse_image_resign(std::string b, std::string_view c) noexcept { return parse(b, c, parse_image_resign_body); }
std::string parse_local_item_list(std::string b, std::string_view c) noexcept { return parse(b, c, parse_local_item_list_body); }
std::string parse_upload_token(std::string b, std::string_view c) noexcept { return parse(b, c, parse_upload_token_body); }
std::string parse_apply_upload(std::string b, std::string_view c) noexcept { return parse(b, c, parse_apply_upload_body); }
std::string parse_upload_put(std::string b, std::string_view c) noexcept { return parse(b, c, parse_upload_put_body); }
std::string parse_commit_upload(std::string b, std::string_view c) noexcept { return parse(b, c, parse_commit_upload_body); }

std::string builtin_models() noexcept {
  return guarded([] {
    json models = json::array();
    for (const auto& m : jimeng::builtin_models()) models.push_back(model_to_json(m));
    for (const auto& m : jimeng::builtin_video_models()) models.push_back(video_model_to_json(m));
    return success(json{{"models", std::move(models)}});
  });
}

std::string sites() noexcept {
  return guarded([] {
    json list = json::array();
    for (const Site* site : {&kJimeng, &kDreamina}) {
      json entry = json::object();
      entry["id"] = site->id;
      entry["aid"] = site->aid;
      entry["page"] = site->page;
      list.push_back(std::move(entry));
    }
    std::size_t media = 0, uploads = 0;
    const std::string_view* m = media_host_suffixes(media);
    const std::string_view* u = upload_host_suffixes(uploads);
    json out = json::object();
    out["sites"] = std::move(list);
    out["mediaHostSuffixes"] = std::vector<std::string_view>(m, m + media);
    out["uploadHostSuffixes"] = std::vector<std::string_view>(u, u + uploads);
    return success(std::move(out));
  });
}

std::string sign(std::string_view path, std::int64_t device_time, std::string_view app_version) noexcept {
  return guarded([&] { return jimeng::sign(path, device_time, app_version); });
}

std::string version() noexcept { return JIMENG_CORE_VERSION; }

std::string too_large() noexcept {
  return R"({"ok":false,"error":{"kind":"malformed_response","code":"too_large","message":"input over 256 MiB refused","retry":"never"}})";
}

}  // namespace api
}  // namespace jimeng
