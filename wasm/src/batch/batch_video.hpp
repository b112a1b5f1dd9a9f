// Internal to batch: a row's video columns turned into the `video` object buildGenerate takes.
#pragma once
#include <optional>
#include <set>
#include <string>

#include "base/input.hpp"

namespace jimeng {

// The row's flat video keys (kind, durationS, firstFrame, lastFrame, videoReferences, from the CSV columns
// kind, duration, first_frame, last_frame and references) as input["video"]. Images are named: a file picked
// with the batch, or one of our results; `images` maps each name to {uri, width, height}. Every name a row
// uses goes into `named` (so the caller can supply what it can), and a name the map lacks is an error
// naming its field. A video row without a video model of its own gets the catalogue's first.
std::optional<Error> shape_video_row(json& input, const json& row, const json& images, std::set<std::string>& named);

}  // namespace jimeng
