// Video rows in a batch: the CSV's kind, duration, first_frame, last_frame and references columns.
#include "helpers.hpp"

namespace jimeng::test::batch_video {
namespace {

json expand(json in) {
  in["now"] = kNow;
  in["entropy"] = kEntropy;
  in["format"] = "csv";
  return answer(api::expand_batch(in.dump()));
}
const json kImages = {{"cat.png", {{"uri", "tos-cn-i-tb4s082cfz/cat"}, {"width", 1280}, {"height", 720}}},
                      {"dog.png", {{"uri", "tos-cn-i-tb4s082cfz/dog"}, {"width", 720}, {"height", 1280}}},
                      {"abc#1", {{"uri", "tos-cn-i-tb4s082cfz/abc1"}, {"width", 2048}, {"height", 2048}}}};

TEST(BatchVideo, VideoRowsBecomeVideoJobsWithTheirLengthFramesAndReferences) {
  const json a =
      expand({{"text",
               "prompt,kind,duration,first_frame,last_frame,references\n"
               "海边,video,6,,,\n"
               "奔跑,视频,5秒,cat.png,dog.png,\n"
               "三人聊天,video,8s,,,cat.png; dog.png | abc#1\n"
               "一只猫,image,,,,\n"},
              {"images", kImages},
              {"defaults", {{"model", "high_aes_general_v40"}, {"resolution", "2k"}, {"ratio", "2:3"}, {"count", 4}}}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  ASSERT_EQ(a["valid"], 4) << a.dump();
  const json& text = a["rows"][0]["job"];
  EXPECT_EQ(text["kind"], "video");
  EXPECT_EQ(text["mode"], "text");
  EXPECT_EQ(text["durationS"], 6);
  EXPECT_EQ(text["model"], "dreamina_seedance_40_pro") << "the form's image model gives way to the first video model";
  EXPECT_EQ(text["ratioLabel"], "16:9") << "2:3 is not a video ratio: the model's default";
  const json& frames = a["rows"][1]["job"];
  EXPECT_EQ(frames["mode"], "frames");
  EXPECT_EQ(frames["firstFrame"]["uri"], "tos-cn-i-tb4s082cfz/cat");
  EXPECT_EQ(frames["lastFrame"]["height"], 1280);
  const json& omni = a["rows"][2]["job"];
  EXPECT_EQ(omni["mode"], "omni");
  EXPECT_EQ(omni["videoReferences"].size(), 3u);
  EXPECT_EQ(a["rows"][3]["job"].value("kind", ""), "") << "an image row stays an image";
  EXPECT_EQ(a["rows"][3]["job"]["count"], 4);
  EXPECT_EQ(a["images"], json({"abc#1", "cat.png", "dog.png"}));
}

TEST(BatchVideo, AnUnknownImageOrKindOrLengthIsExplainedByItsColumn) {
  const json a = expand({{"text",
                          "prompt,类型,时长,首帧\n"
                          "a,video,5,missing.png\n"
                          "b,movie,5,\n"
                          "c,video,3,\n"},
                         {"images", kImages}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["valid"], 0);
  EXPECT_EQ(a["rows"][0]["error"]["code"], "image_unknown");
  EXPECT_EQ(a["rows"][0]["error"]["column"], "首帧");
  EXPECT_EQ(a["rows"][1]["error"]["code"], "kind_invalid");
  EXPECT_EQ(a["rows"][2]["error"]["column"], "时长");
  EXPECT_EQ(a["images"], json({"missing.png"})) << "what the caller may still supply";
}

TEST(BatchVideo, VideoRowsArePricedBySecondFromTheLedger) {
  const json prices = {{"dreamina_seedance_40_pro|720p|5s", {{"credits", 70}, {"at", 100}}},
                       {"dreamina_seedance_40_pro|720p|4", {{"credits", 999}, {"at", 200}}}};  // not a video's key
  const json a = expand({{"text", "prompt,kind,duration\na,video,5\nb,video,8\n"}, {"prices", prices}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["rows"][0]["credits"], 70);
  EXPECT_EQ(a["rows"][1]["credits"], 112) << "14 a second, from the 5 s price";
  EXPECT_EQ(a["estimate"]["credits"], 182);
}

}  // namespace
}  // namespace jimeng::test::batch_video
