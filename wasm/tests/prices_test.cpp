#include "helpers.hpp"

namespace jimeng::test {
namespace {

const char* kV40 = "high_aes_general_v40";

json learn(const json& in) { return answer(api::learn_prices(in.dump())); }

json charge(std::int64_t amount, const std::string& submit_id, std::int64_t at) {
  return {{"amount", amount}, {"createTime", at}, {"title", "图片生成"}, {"submitId", submit_id}, {"status", "success"}};
}

json job(const std::string& submit_id, const std::string& resolution, int count) {
  return {{"submitId", submit_id}, {"model", kV40}, {"resolution", resolution}, {"count", count}};
}

TEST(LearnPrices, ChargesMatchedBySubmitIdPriceTheirModelResolutionAndCount) {
  const json a = learn(
      {{"records",
        {charge(-4, "s1", 100), charge(-8, "s2", 101), charge(10, "", 102), charge(-3, "not-ours", 103), charge(4, "s2", 104)}},
       {"jobs", {job("s1", "2k", 4), job("s2", "4k", 4)}}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["learned"], 2);
  EXPECT_EQ(a["prices"][std::string(kV40) + "|2k|4"]["credits"], 4);
  EXPECT_EQ(a["prices"][std::string(kV40) + "|4k|4"]["credits"], 8);  // the refund (positive) taught nothing
  EXPECT_EQ(a["prices"].size(), 2u);                                  // a grant and a stranger's charge neither
  EXPECT_EQ(a["learnedUpTo"], 104);
  EXPECT_FALSE(a["caughtUp"].get<bool>());  // nothing seen before: older pages may teach more
  const json again = learn({{"learnedUpTo", 104}, {"records", {charge(-2, "s3", 110), charge(-4, "s1", 100)}}});
  EXPECT_TRUE(again["caughtUp"].get<bool>());  // this page reached a charge seen before
  EXPECT_EQ(again["learnedUpTo"], 110);
}

TEST(LearnPrices, AVideoIsPricedByModelResolutionAndSeconds) {
  const json video = {{"submitId", "v1"},     {"kind", "video"}, {"model", "dreamina_seedance_40"},
                      {"resolution", "720p"}, {"count", 1},      {"durationS", 5}};
  const json a = learn({{"records", {charge(-30, "v1", 300)}}, {"jobs", {video}}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["prices"]["dreamina_seedance_40|720p|5s"]["credits"], 30) << a.dump();
  EXPECT_EQ(a["prices"].size(), 1u) << "not as one image of that model";
}

TEST(LearnPrices, ANewerChargeReplacesAnOlderPriceButNotTheOtherWayRound) {
  const json first = learn({{"records", {charge(-6, "s1", 200)}}, {"jobs", {job("s1", "2k", 4)}}});
  const json older = learn({{"prices", first["prices"]}, {"records", {charge(-4, "s0", 150)}}, {"jobs", {job("s0", "2k", 4)}}});
  EXPECT_EQ(older["prices"][std::string(kV40) + "|2k|4"]["credits"], 6);
  const json newer = learn({{"prices", first["prices"]}, {"records", {charge(-5, "s2", 250)}}, {"jobs", {job("s2", "2k", 4)}}});
  EXPECT_EQ(newer["prices"][std::string(kV40) + "|2k|4"]["credits"], 5);
}

TEST(LearnPrices, KeepsAtMost200KeysDroppingTheLeastRecentlyCharged) {
  json records = json::array(), jobs = json::array();
  for (int i = 0; i < 210; ++i) {
    const std::string id = "s" + std::to_string(i);
    records.push_back(charge(-1, id, 1000 + i));
    jobs.push_back({{"submitId", id}, {"model", "m" + std::to_string(i)}, {"resolution", "2k"}, {"count", 1}});
  }
  const json a = learn({{"records", records}, {"jobs", jobs}});
  EXPECT_EQ(a["prices"].size(), 200u);
  EXPECT_FALSE(a["prices"].contains("m0|2k|1"));
  EXPECT_TRUE(a["prices"].contains("m209|2k|1"));
}

json expand_priced(const std::string& text, const json& prices, const json& balance) {
  json in = {{"text", text}, {"now", kNow}, {"entropy", kEntropy}, {"prices", prices}};
  if (!balance.is_null()) in["balance"] = balance;
  return answer(api::expand_batch(in.dump()));
}

TEST(BatchEstimate, PricesEachValidRowAndComparesTheSumWithTheBalance) {
  const json prices = {{std::string(kV40) + "|2k|4", {{"credits", 4}, {"at", 1}}}};
  const json a = expand_priced("a\nb\nc", prices, 10);
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["rows"][0]["credits"], 4);
  EXPECT_EQ(a["estimate"], (json{{"credits", 12}, {"priced", 3}, {"unpriced", 0}, {"balance", 10}, {"short", true}}));
  EXPECT_EQ(expand_priced("a\nb", prices, 10)["estimate"]["short"], false);
}

TEST(BatchEstimate, AnotherCountOfTheSameModelAndResolutionIsPricedPerImage) {
  const json prices = {{std::string(kV40) + "|2k|1", {{"credits", 3}, {"at", 5}}},
                       {std::string(kV40) + "|2k|2", {{"credits", 2}, {"at", 9}}}};  // newest: 1 a picture
  json in = {{"text", "a"}, {"now", kNow}, {"entropy", kEntropy}, {"prices", prices}, {"defaults", {{"count", 4}}}};
  const json a = answer(api::expand_batch(in.dump()));
  EXPECT_EQ(a["estimate"]["credits"], 4);
  EXPECT_EQ(a["estimate"]["priced"], 1);
}

TEST(BatchEstimate, RowsOfAnUnknownPriceAreCountedApartAndInvalidRowsNotAtAll) {
  const json a = expand_priced("a\n" + std::string(1000, 'x') + "\nb", json::object(), json());
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["estimate"], (json{{"credits", 0}, {"priced", 0}, {"unpriced", 2}}));  // no balance given, no verdict
  EXPECT_FALSE(a["rows"][0].contains("credits"));
  EXPECT_FALSE(answer(api::expand_batch(json{{"text", "a"}, {"now", kNow}, {"entropy", kEntropy}}.dump())).contains("estimate"));
}

}  // namespace
}  // namespace jimeng::test
