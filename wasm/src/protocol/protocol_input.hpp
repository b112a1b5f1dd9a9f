// Internal: the protocol's values in the caller's input: the page's session and the model catalogue.
#pragma once
#include <optional>

#include "base/input.hpp"
#include "protocol/catalog.hpp"
#include "protocol/request.hpp"

namespace jimeng {

// `session{site?, webId, daVersion, webVersion, appVersion}` (absent or empty values keep the defaults), and on
// Dreamina {apiOrigin, commerceOrigin?, region, loc, storeCountry?, lan?, did} (§9): refused when incomplete.
Result<Session> read_session(const json& in);

// Models in the shape parse_model_config returns (and build_generate accepts as `models`).
json model_to_json(const Model& m);
std::optional<Model> model_from_json(const json& j);

}  // namespace jimeng
