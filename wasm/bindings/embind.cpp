// The only file that knows about Emscripten: exposes jimeng::api to JavaScript. Parsers take the body as
// a JS string, as bytes (Uint8Array/ArrayBuffer), or as a length of bytes already written into the input
// buffer (inputBuffer + TextEncoder.encodeInto). Bytes are copied with one TypedArray.set, far cheaper
// than Embind's per-character string conversion; encodeInto straight into wasm memory is cheaper still,
// as it skips the fresh ArrayBuffer TextEncoder.encode allocates for every body.
#include <algorithm>
#include <stdexcept>
#include <string>

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "jimeng/api.hpp"

namespace {

using emscripten::val;

std::string input_buffer;  // reused for every body written by JavaScript; grows, never shrinks

/** A view of the first `size` bytes of the input buffer, grown to fit and keeping what it held. */
val input_view(double size) {
  // A body past the cap is refused rather than grown into.
  const std::size_t n = size > 0 && size <= jimeng::api::kMaxInputBytes ? static_cast<std::size_t>(size) : 0;
  if (input_buffer.size() < n) input_buffer.resize(n);
  return val(emscripten::typed_memory_view(n, reinterpret_cast<unsigned char*>(input_buffer.data())));
}

std::string text_of(const val& input) {
  if (!input.isString()) return {};  // not text: an empty input, which the core explains
  if (input["length"].as<double>() > jimeng::api::kMaxInputBytes) throw std::length_error("input too large");
  return input.as<std::string>();
}

std::string body_of(const val& body) {
  if (body.isNumber()) {  // that many bytes of the input buffer
    const double n = body.as<double>();
    return n > 0 ? input_buffer.substr(0, static_cast<std::size_t>(std::min<double>(n, input_buffer.size()))) : std::string();
  }
  if (body.isString()) return text_of(body);
  if (body.isNull() || body.isUndefined()) return {};
  val bytes = body;
  if (body.instanceof (val::global("ArrayBuffer"))) bytes = val::global("Uint8Array").new_(body);
  else if (!body.instanceof (val::global("Uint8Array"))) return {};  // not a body: parses as empty
  const std::size_t n = bytes["length"].as<std::size_t>();
  if (n > jimeng::api::kMaxInputBytes) throw std::length_error("body too large");
  std::string out(n, '\0');
  // Make the view after allocating: a memory growth would detach an earlier one.
  val view(emscripten::typed_memory_view(n, reinterpret_cast<unsigned char*>(out.data())));
  view.call<void>("set", bytes);
  return out;
}

// A parse context as JSON text or as a plain object (stringified here); anything else counts as none.
std::string context_of(const val& context) {
  if (context.isString()) return text_of(context);
  if (context.isNull() || context.isUndefined() || context.typeOf().as<std::string>() != "object") return {};
  const val text = val::global("JSON").call<val>("stringify", context);
  return text.isString() ? text_of(text) : std::string();
}

// Taking inputs as `val` keeps their copy into wasm memory inside the try: an input too large to copy is
// refused with an answer instead of an exception escaping into Emscripten, which would abort the module.
template <std::string (*Parse)(std::string, std::string_view) noexcept>
std::string parse(val body, val context) {
  try {
    return Parse(body_of(body), context_of(context));
  } catch (...) {
    return jimeng::api::too_large();
  }
}

// Embind checks arity exactly, so every optional argument is a second registration with fewer parameters
// (Embind dispatches overloads on the argument count).
template <std::string (*Parse)(std::string, std::string_view) noexcept>
std::string parse_body_only(val body) {
  return parse<Parse>(std::move(body), val::undefined());
}

template <std::string (*Build)(std::string_view) noexcept>
std::string build(val input) {
  try {
    return Build(text_of(input));
  } catch (...) {
    return jimeng::api::too_large();
  }
}

template <std::string (*Build)(std::string_view) noexcept>
std::string build_empty() {
  return Build({});
}

std::string sign(std::string path, double device_time, std::string app_version) {
  return jimeng::api::sign(path, static_cast<std::int64_t>(device_time), app_version);
}

// The engine's state and event, each as JSON text or a plain object; `now` is the caller's clock (ms).
std::string step(val state, val event, double now) {
  try {
    return jimeng::api::engine_step(context_of(state), context_of(event), static_cast<std::int64_t>(now));
  } catch (...) {
    return jimeng::api::too_large();
  }
}

}  // namespace

template <std::string (*Build)(std::string_view) noexcept>
void export_builder(const char* name) {
  emscripten::function(name, &build<Build>);
  emscripten::function(name, &build_empty<Build>);
}

template <std::string (*Parse)(std::string, std::string_view) noexcept>
void export_parser(const char* name) {
  emscripten::function(name, &parse<Parse>);
  emscripten::function(name, &parse_body_only<Parse>);
}

EMSCRIPTEN_BINDINGS(jimeng_core) {
  namespace api = jimeng::api;
  export_builder<api::build_generate>("buildGenerate");
  export_builder<api::build_history>("buildHistory");
  export_builder<api::build_queue_info>("buildQueueInfo");
  export_builder<api::build_post_step>("buildPostStep");
  export_builder<api::build_consent>("buildConsent");
  export_builder<api::build_account>("buildAccount");
  export_builder<api::build_credit>("buildCredit");
  export_builder<api::build_credit_history>("buildCreditHistory");
  export_builder<api::build_model_config>("buildModelConfig");
  export_builder<api::build_video_model_config>("buildVideoModelConfig");
  export_builder<api::build_asset_list>("buildAssetList");
  export_builder<api::build_local_item_list>("buildLocalItemList");
  export_builder<api::build_credit_receive>("buildCreditReceive");
  export_builder<api::build_image_resign>("buildImageResign");
  export_builder<api::plan_downloads>("planDownloads");
  export_builder<api::expand_batch>("expandBatch");
  export_builder<api::learn_prices>("learnPrices");
  export_builder<api::build_upload_token>("buildUploadToken");
  export_builder<api::build_apply_upload>("buildApplyUpload");
  export_builder<api::build_commit_upload>("buildCommitUpload");
  export_parser<api::build_upload_put>("buildUploadPut");  // (bytes, input): the bytes' CRC-32 goes in the request
  export_parser<api::check_image>("checkImage");           // (bytes, input?)
  export_parser<api::parse_generate>("parseGenerate");
  export_parser<api::parse_history>("parseHistory");
  export_parser<api::parse_account>("parseAccount");
  export_parser<api::parse_credit>("parseCredit");
  export_parser<api::parse_consent>("parseConsent");
  export_parser<api::parse_credit_history>("parseCreditHistory");
  export_parser<api::parse_model_config>("parseModelConfig");
  export_parser<api::parse_video_model_config>("parseVideoModelConfig");
  export_parser<api::parse_asset_list>("parseAssetList");
  export_parser<api::parse_local_item_list>("parseLocalItemList");
  export_parser<api::parse_credit_receive>("parseCreditReceive");
  export_parser<api::parse_image_resign>("parseImageResign");
  export_parser<api::parse_upload_token>("parseUploadToken");
  export_parser<api::parse_apply_upload>("parseApplyUpload");
  export_parser<api::parse_upload_put>("parseUploadPut");
  export_parser<api::parse_commit_upload>("parseCommitUpload");
  emscripten::function("step", &step);
  emscripten::function("inputBuffer", &input_view);
  emscripten::function("builtinModels", &api::builtin_models);
  emscripten::function("sites", &api::sites);
  emscripten::function("sign", &sign);
  emscripten::function("version", &api::version);
}
