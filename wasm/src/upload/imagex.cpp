// The ImageX upload's requests and answers (protocol §4.4). ImageX answers in its own envelope,
// {"ResponseMetadata":{…, "Error":{Code, Message}}, "Result":{…}}, not Jimeng's.
#include "upload/imagex.hpp"

#include <cctype>

#include "base/text.hpp"
#include "crypto/digest.hpp"
#include "crypto/sigv4.hpp"
#include "protocol/protocol_input.hpp"

namespace jimeng {
namespace {

constexpr std::string_view kVersion = "2018-08-01";
constexpr std::size_t kMaxUploadBytes = std::size_t{64} << 20;

struct ImageXTarget {
  std::string host;
  std::string_view aws_region;
};

// The site's ImageX on the session's cluster; on Dreamina the host the token names, when it names one of
// ImageX's. A Dreamina cluster whose ImageX is unknown is refused, never guessed.
Result<ImageXTarget> imagex_target(const json& in, const UploadCredentials& c) {
  auto session = read_session(in);
  if (auto e = error_of(session)) return *e;
  const Session& s = std::get<Session>(session);
  const ImageXCluster* cluster = imagex_for(*s.site, s.region);
  if (!cluster)
    return invalid_input("session.region", "upload_cluster_unknown",
                         "uploads on Dreamina's " + s.region + " cluster are not known");
  ImageXTarget t{std::string(cluster->host), cluster->aws_region};
  const std::string& d = c.upload_domain;
  const bool imagex_host =
      d.rfind("imagex", 0) == 0 && d.find_first_of("/:@?#") == std::string::npos &&
      (host_under(d, ".capcutapi.com") || host_under(d, ".capcutapi.us") || host_under(d, ".bytedanceapi.com"));
  if (s.dreamina() && imagex_host) t.host = d;
  return t;
}

// A signed ImageX API call: GET or POST to https://<the cluster's ImageX>/?<query>.
ojson signed_call(const UploadCredentials& c, const ImageXTarget& t, const std::string& method, const std::string& query,
                  const std::string& body, std::int64_t now_ms, bool sign_payload) {
  const std::string date = amz_date(now_ms);
  SigV4Request r{method, "/", query, {{"x-amz-date", date}, {"x-amz-security-token", c.session_token}}, body};
  std::vector<std::string> signed_headers{"x-amz-date", "x-amz-security-token"};
  const std::string payload = hex(sha256(body));
  if (sign_payload) {
    r.headers.emplace_back("x-amz-content-sha256", payload);
    signed_headers.insert(signed_headers.begin(), "x-amz-content-sha256");
  }
  const SigV4Signature s = sigv4_sign(
      r, SigV4Scope{c.access_key_id, c.secret_access_key, std::string(t.aws_region), "imagex", date}, signed_headers, payload);
  ojson headers = ojson::object();
  for (const auto& [k, v] : r.headers) headers[k] = v;
  headers["authorization"] = s.authorization;
  if (!body.empty()) headers["content-type"] = "application/json";
  ojson request = ojson::object();  // key by key: an initializer list costs far more code
  request["method"] = method;
  request["url"] = "https://" + t.host + "/?" + query;
  request["headers"] = std::move(headers);
  request["credentials"] = "omit";  // ImageX gets no cookie of anyone's
  if (!body.empty()) request["body"] = body;
  return request;
}

// ImageX's envelope: its error if any, else Result.
Result<const rj::Value*> open_imagex(std::string& body, const Context& ctx, rj::Document& doc) {
  if (body.size() > kMaxBodyBytes) return malformed("too_large", "the ImageX answer is too large");
  if (!parse_in_place(body, doc) || !doc.IsObject()) {
    if (ctx.status != 200) return classify_http_status(ctx.status);
    return malformed("not_json", "ImageX did not answer with JSON");
  }
  if (const rj::Value* error = member_at(&doc, {"ResponseMetadata", "Error"}); error && error->IsObject()) {
    const std::string code = string_of(member(error, "Code")), message = string_of(member(error, "Message"));
    // Expired or unknown credentials: fetch new ones (once). A bad signature is our bug: never retried.
    if (code.find("Expired") != std::string::npos || code.find("InvalidToken") != std::string::npos ||
        code.find("InvalidAccessKey") != std::string::npos)
      return Error{ErrorKind::login_required, Retry::after_refresh, "imagex_credentials_expired",
                   "the upload credentials have expired: " + message, ""};
    if (code.find("Signature") != std::string::npos)
      return Error{ErrorKind::bad_request, Retry::never, "imagex_signature_rejected", "ImageX refused the signature: " + message,
                   ""};
    return Error{ErrorKind::server_error, Retry::later, "imagex_" + code, "ImageX refused the upload: " + code + " " + message,
                 ""};
  }
  if (ctx.status != 200) return classify_http_status(ctx.status);
  const rj::Value* result = member(&doc, "Result");
  if (!result || !result->IsObject()) return malformed("no_result", "the ImageX answer holds no Result");
  return result;
}

}  // namespace

std::string amz_date(std::int64_t ms) {
  const CivilTime t = civil_time(ms / 1000);
  return std::to_string(t.year) + two_digits(t.month) + two_digits(t.day) + "T" + two_digits(t.hour) + two_digits(t.minute) +
         two_digits(t.second) + "Z";
}

Result<UploadCredentials> read_credentials(const json& in) {
  const auto it = in.find("credentials");
  if (it == in.end() || !it->is_object())
    return invalid_input("credentials", "credentials_missing", "credentials (from get_upload_token) are required");
  UploadCredentials c{text_at(*it, "accessKeyId"), text_at(*it, "secretAccessKey"), text_at(*it, "sessionToken"),
                      text_at(*it, "serviceId"), ascii_lower(text_at(*it, "uploadDomain"))};
  if (c.access_key_id.empty() || c.secret_access_key.empty() || c.session_token.empty() || c.service_id.empty())
    return invalid_input("credentials", "credentials_invalid",
                         "credentials need accessKeyId, secretAccessKey, sessionToken and serviceId");
  for (char ch : c.service_id)
    if (!std::isalnum(static_cast<unsigned char>(ch)))
      return invalid_input("credentials", "credentials_invalid", "serviceId must be letters and digits");
  return c;
}

Result<ojson> build_apply_upload_request(const json& in) {
  auto creds = read_credentials(in);
  if (auto e = error_of(creds)) return *e;
  auto now = read_now(in);
  if (auto e = error_of(now)) return *e;
  auto rng = Entropy::from_input(in);
  if (auto e = error_of(rng)) return *e;
  const auto size = in.find("fileSize");
  if (size == in.end() || !size->is_number_integer() || size->get<std::int64_t>() < 1 ||
      size->get<std::int64_t>() > std::int64_t(kMaxUploadBytes))
    return invalid_input("fileSize", "file_size_invalid", "fileSize must be the file's byte count (1 byte to 64 MB)");
  const UploadCredentials& c = std::get<UploadCredentials>(creds);
  auto target = imagex_target(in, c);
  if (auto e = error_of(target)) return *e;
  const std::string s = hex_digits(std::get<Entropy>(rng).next(), 16);  // the web app's cache breaker: random letters and digits
  const std::string query = "Action=ApplyImageUpload&Version=" + std::string(kVersion) + "&ServiceId=" + c.service_id +
                            "&FileSize=" + std::to_string(size->get<std::int64_t>()) + "&s=" + s.substr(0, 10);
  return ojson{{"request", signed_call(c, std::get<ImageXTarget>(target), "GET", query, "", std::get<std::int64_t>(now), false)}};
}

Result<ojson> build_upload_put_request(const json& in, const std::uint8_t* bytes, std::size_t size) {
  const json upload = in.contains("upload") && in["upload"].is_object() ? in["upload"] : json::object();
  const std::string store_uri = text_at(upload, "storeUri"), auth = text_at(upload, "auth"), host = text_at(upload, "uploadHost");
  if (store_uri.empty() || auth.empty() || host.empty())
    return invalid_input("upload", "upload_invalid", "upload needs storeUri, auth and uploadHost (from ApplyImageUpload)");
  for (char ch : host)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-'))
      return invalid_input("upload", "upload_host_invalid", "uploadHost must be a host name");
  if (size == 0) return invalid_input("bytes", "image_empty", "the file is empty");
  const std::string crc = hex_digits(crc32(bytes, size), 8);
  ojson headers = ojson::object();
  headers["Authorization"] = auth;
  headers["Content-CRC32"] = crc;
  headers["Content-Type"] = "application/octet-stream";
  headers["Content-Disposition"] = "attachment; filename=\"undefined\"";
  auto session = read_session(in);
  if (auto e = error_of(session)) return *e;
  if (std::get<Session>(session).dreamina()) {  // Dreamina's upload host wants the account (§9.6)
    const std::string user = text_at(in, "userId");
    if (user.empty() || user.size() > 32 || user.find_first_not_of("0123456789") != std::string::npos)
      return invalid_input("userId", "user_id_missing", "a Dreamina upload needs the account's user id (x-storage-u)");
    headers["X-Storage-U"] = user;
  }
  ojson request = ojson::object();
  request["method"] = "POST";
  request["url"] = "https://" + host + "/upload/v1/" + uri_encode(store_uri, true);
  request["headers"] = std::move(headers);
  request["credentials"] = "omit";
  ojson out = ojson::object();
  out["request"] = std::move(request);
  out["crc32"] = crc;
  return out;
}

Result<ojson> build_commit_upload_request(const json& in) {
  auto creds = read_credentials(in);
  if (auto e = error_of(creds)) return *e;
  auto now = read_now(in);
  if (auto e = error_of(now)) return *e;
  const std::string key = text_at(in, "sessionKey");
  if (key.empty()) return invalid_input("sessionKey", "session_key_missing", "sessionKey (from ApplyImageUpload) is required");
  const UploadCredentials& c = std::get<UploadCredentials>(creds);
  auto target = imagex_target(in, c);
  if (auto e = error_of(target)) return *e;
  const std::string query = "Action=CommitImageUpload&Version=" + std::string(kVersion) + "&ServiceId=" + c.service_id;
  return ojson{{"request", signed_call(c, std::get<ImageXTarget>(target), "POST", query, json{{"SessionKey", key}}.dump(),
                                       std::get<std::int64_t>(now), true)}};
}

Result<json> parse_upload_token_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  auto data = open_envelope(body, ctx, doc);
  if (auto e = error_of(data)) return *e;
  const rj::Value* d = std::get<const rj::Value*>(data);
  json c = json::object();
  c["accessKeyId"] = string_of(member(d, "access_key_id"));
  c["secretAccessKey"] = string_of(member(d, "secret_access_key"));
  c["sessionToken"] = string_of(member(d, "session_token"));
  c["serviceId"] = string_of(member(d, member(d, "service_id") ? "service_id" : "space_name"));  // Dreamina: space_name
  c["uploadDomain"] = string_of(member(d, "upload_domain"));
  for (const char* key : {"accessKeyId", "secretAccessKey", "sessionToken", "serviceId"})
    if (c[key].get_ref<const std::string&>().empty())
      return malformed("no_credentials", "the upload token answer lacks " + std::string(key));
  return json{{"credentials", std::move(c)}};
}

Result<json> parse_apply_upload_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  auto result = open_imagex(body, ctx, doc);
  if (auto e = error_of(result)) return *e;
  const rj::Value* address = member(std::get<const rj::Value*>(result), "UploadAddress");
  const rj::Value* stores = member(address, "StoreInfos");
  const rj::Value* hosts = member(address, "UploadHosts");
  if (!stores || !stores->IsArray() || stores->Empty() || !hosts || !hosts->IsArray() || hosts->Empty())
    return malformed("no_upload_address", "ImageX gave no place to upload to");
  const rj::Value& store = (*stores)[0];
  json upload = json::object();
  upload["storeUri"] = string_of(member(&store, "StoreUri"));
  upload["auth"] = string_of(member(&store, "Auth"));
  upload["uploadHost"] = string_of(&(*hosts)[0]);
  upload["sessionKey"] = string_of(member(address, "SessionKey"));
  for (const char* key : {"storeUri", "auth", "uploadHost", "sessionKey"})
    if (upload[key].get_ref<const std::string&>().empty())
      return malformed("no_upload_address", "ImageX's answer lacks " + std::string(key));
  return json{{"upload", std::move(upload)}};
}

Result<json> parse_upload_put_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  const bool is_object = parse_in_place(body, doc) && doc.IsObject();
  if (ctx.status != 200 && !is_object) return classify_http_status(ctx.status);
  if (!is_object) return malformed("not_json", "the upload host did not answer with JSON");
  const std::optional<std::int64_t> code = int_of(member(&doc, "code"));
  if (code != 2000) {
    const std::string message = string_of(member(&doc, "message"));
    if (message.find("crc") != std::string::npos || message.find("CRC") != std::string::npos)
      return Error{ErrorKind::bad_request, Retry::later, "upload_crc_mismatch",
                   "the upload was damaged on the way (CRC-32): " + message, ""};
    return Error{ErrorKind::server_error, Retry::later, "upload_failed", "the upload host refused the file: " + message, ""};
  }
  return json{{"crc32", string_of(member_at(&doc, {"data", "crc32"}))}};
}

Result<json> parse_commit_upload_body(std::string& body, const Context& ctx) {
  rj::Document doc;
  auto result = open_imagex(body, ctx, doc);
  if (auto e = error_of(result)) return *e;
  const rj::Value* r = std::get<const rj::Value*>(result);
  const rj::Value* results = member(r, "Results");
  const rj::Value* plugin = member(r, "PluginResult");
  if (!results || !results->IsArray() || results->Empty()) return malformed("no_uri", "ImageX committed nothing");
  const rj::Value& first = (*results)[0];
  if (int_of(member(&first, "UriStatus")).value_or(0) != 2000)
    return Error{ErrorKind::content_rejected, Retry::never, "image_rejected",
                 "ImageX did not take the image (status " + string_of(member(&first, "UriStatus")) + ")", ""};
  json image = {{"uri", string_of(member(&first, "Uri"))}};
  if (plugin && plugin->IsArray() && !plugin->Empty()) {
    const rj::Value& p = (*plugin)[0];
    image["width"] = int_of(member(&p, "ImageWidth")).value_or(0);
    image["height"] = int_of(member(&p, "ImageHeight")).value_or(0);
    image["format"] = string_of(member(&p, "ImageFormat"));
    image["size"] = int_of(member(&p, "ImageSize")).value_or(0);
  }
  if (image["uri"].get_ref<const std::string&>().empty()) return malformed("no_uri", "ImageX's answer lacks the image's uri");
  return json{{"image", std::move(image)}};
}

}  // namespace jimeng
