// Internal: the response parsers. Each takes the body (parsed in place, so it is consumed) and returns the
// normalised result or an Error.
#pragma once
#include "protocol/protocol_input.hpp"
#include "protocol/response.hpp"

namespace jimeng {

json error_to_json(const Error& e);
json read_task(const rj::Value& node);

Result<json> parse_generate_body(std::string& body, const Context& ctx);
Result<json> parse_history_body(std::string& body, const Context& ctx);
Result<json> parse_credit_body(std::string& body, const Context& ctx);
Result<json> parse_credit_history_body(std::string& body, const Context& ctx);
Result<json> parse_model_config_body(std::string& body, const Context& ctx);
Result<json> parse_image_resign_body(std::string& body, const Context& ctx);

}  // namespace jimeng
