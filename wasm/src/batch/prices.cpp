// What a generation costs, learned from the account's own ledger: each charge in user_credit_history names
// the submit_id it paid for, and our jobs know that submit_id's model, resolution and count. The table is
// the caller's to keep (a small JSON object); the core folds new charges into it and prices a batch with it.
#include "batch/prices.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <vector>

namespace jimeng {
namespace {

constexpr std::size_t kMaxPrices = 200;  // keys kept; the oldest are dropped (a model retired, a price changed)

std::string key_of(const std::string& model, const std::string& resolution, std::int64_t count) {
  return model + "|" + resolution + "|" + std::to_string(count);
}

std::int64_t int_field(const json& j, const char* name, std::int64_t fallback = 0) {
  const auto it = j.find(name);
  if (it == j.end() || !it->is_number()) return fallback;
  const double v = it->get<double>();
  return std::isfinite(v) ? std::int64_t(std::clamp(v, -1e15, 1e15)) : fallback;
}

// One row's price: its own key when known; else the newest per-image price of its model and resolution
// times its count (Jimeng charges per image); else unknown.
// A video's unit is the second ("s" after the number in its key): its per-second price is used the same way.
std::optional<std::int64_t> price_of(const json& prices, const std::string& model, const std::string& resolution,
                                     std::int64_t count, bool video = false) {
  const std::string unit = video ? "s" : "";
  if (const auto it = prices.find(key_of(model, resolution, count) + unit); it != prices.end() && it->is_object())
    if (const std::int64_t c = int_field(*it, "credits", -1); c >= 0) return c;
  const std::string prefix = model + "|" + resolution + "|";
  std::optional<double> per_image;
  std::int64_t newest = -1;
  for (auto it = prices.begin(); it != prices.end(); ++it) {
    if (it.key().rfind(prefix, 0) != 0 || !it->is_object() || (it.key().back() == 's') != video) continue;
    const std::int64_t n = std::atoll(it.key().c_str() + prefix.size());
    const std::int64_t c = int_field(*it, "credits", -1), at = int_field(*it, "at");
    if (n < 1 || c < 0 || at <= newest) continue;
    newest = at;
    per_image = double(c) / double(n);
  }
  if (!per_image) return std::nullopt;
  return std::int64_t(std::ceil(*per_image * double(count) - 1e-9));
}

}  // namespace

Result<ojson> learn_prices(const json& in) {
  json prices = in.contains("prices") && in["prices"].is_object() ? in["prices"] : json::object();
  std::unordered_map<std::string, const json*> jobs;
  if (const auto it = in.find("jobs"); it != in.end() && it->is_array())
    for (const auto& j : *it)
      if (j.is_object() && !text_at(j, "submitId").empty()) jobs[text_at(j, "submitId")] = &j;
  const std::int64_t before = int_field(in, "learnedUpTo");
  std::int64_t learned = 0, newest = before;
  // The ledger comes newest first: once a page reaches a charge an earlier call saw, older pages are known.
  bool caught_up = true;
  bool first = true;
  if (const auto it = in.find("records"); it != in.end() && it->is_array())
    for (const auto& r : *it) {
      if (!r.is_object()) continue;
      const std::int64_t amount = int_field(r, "amount"), at = int_field(r, "createTime");
      newest = std::max(newest, at);
      caught_up = (first ? false : caught_up) || at <= before;
      first = false;
      const auto job = jobs.find(text_at(r, "submitId"));
      // Only charges (refunds and grants are positive) for a job of ours with a known shape.
      if (amount >= 0 || job == jobs.end()) continue;
      const json& j = *job->second;
      const std::string model = text_at(j, "model"), resolution = text_at(j, "resolution");
      // A video is charged by the second (protocol §7.5): its key is model · resolution · seconds, "5s".
      const bool video = text_at(j, "kind") == "video";
      const std::int64_t count = int_field(j, video ? "durationS" : "count");
      if (model.empty() || resolution.empty() || count < 1) continue;
      json& entry = prices[key_of(model, resolution, count) + (video ? "s" : "")];
      if (entry.is_object() && int_field(entry, "at") > at) continue;  // a newer charge already set it
      entry = {{"credits", -amount}, {"at", at}};
      ++learned;
    }
  while (prices.size() > kMaxPrices) {
    auto oldest = prices.begin();
    for (auto it = prices.begin(); it != prices.end(); ++it)
      if (int_field(*it, "at") < int_field(*oldest, "at")) oldest = it;
    prices.erase(oldest);
  }
  ojson out = ojson::object();
  out["prices"] = ojson(prices);
  out["learned"] = learned;
  out["learnedUpTo"] = newest;
  out["caughtUp"] = caught_up;
  return out;
}

ojson estimate_batch(const json& prices, ojson& rows, const json& balance) {
  std::int64_t credits = 0, priced = 0, unpriced = 0;
  for (auto& row : rows) {
    if (!row.contains("job")) continue;
    const ojson& job = row["job"];
    const bool video = job.value("kind", "") == "video";
    const auto price = price_of(prices, job.value("model", ""), job.value("resolution", ""),
                                job.value(video ? "durationS" : "count", std::int64_t{0}), video);
    if (!price) {
      ++unpriced;
      continue;
    }
    row["credits"] = *price;
    credits += *price;
    ++priced;
  }
  ojson out = ojson::object();
  out["credits"] = credits;
  out["priced"] = priced;
  out["unpriced"] = unpriced;
  if (balance.is_number()) {
    const std::int64_t b = int_field(json{{"b", balance}}, "b");
    out["balance"] = b;
    // Short when even the known part is more than the balance; with unknown rows it may be short sooner.
    out["short"] = credits > b;
  }
  return out;
}

}  // namespace jimeng
