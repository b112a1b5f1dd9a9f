// The one copy of the JSON writer (see base/input.hpp), built for speed with the other hot files.
#include "base/input.hpp"

template class nlohmann::detail::serializer<nlohmann::json>;
template class nlohmann::detail::serializer<nlohmann::ordered_json>;
