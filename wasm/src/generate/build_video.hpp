// Internal: Seedance video submits (protocol §7.2).
#pragma once
#include <string_view>

#include "protocol/protocol_input.hpp"

namespace jimeng {

enum class VideoMode { text, frames, omni };  // text-to-video, 首尾帧, 全能参考
std::string_view to_string(VideoMode mode);

// Whether a generate input asks for a video: a `video` object, or a video model's key.
bool wants_video(const json& in);
// {request, job}: the video draft of §7.2, or an invalid_input error naming the field.
Result<ojson> build_video_request(const json& in);

}  // namespace jimeng
