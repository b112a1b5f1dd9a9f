// Batch input: many prompts from pasted lines, a .txt, a .csv or a .json file, with prompt variables
// ({猫|狗|狐狸} makes one job per choice; several groups multiply) and "repeat × N". Every row is merged
// with the form's settings and checked by the same builder a single job goes through, so a preview shows
// exactly what would be sent, or why a row cannot be, by row and column.
#include <algorithm>
#include <map>

#include "base/json_text.hpp"
#include "base/text.hpp"
#include "batch/batch_input.hpp"
#include "batch/batch_video.hpp"
#include "batch/prices.hpp"
#include "generate/builders.hpp"
#include "parse/parsers.hpp"

namespace jimeng {
namespace {

constexpr std::size_t kDefaultCap = 500;
constexpr std::size_t kMaxCap = 1000;
constexpr std::int64_t kMaxRepeat = 100;

// The CSV columns we read, by every name a user may give them (English, the compose form's, Chinese).
const std::map<std::string, std::string>& column_aliases() {
  static const std::map<std::string, std::string> aliases = {{"prompt", "prompt"},
                                                             {"提示词", "prompt"},
                                                             {"negative_prompt", "negativePrompt"},
                                                             {"negativeprompt", "negativePrompt"},
                                                             {"反向提示词", "negativePrompt"},
                                                             {"model", "model"},
                                                             {"模型", "model"},
                                                             {"ratio", "ratio"},
                                                             {"比例", "ratio"},
                                                             {"resolution", "resolution"},
                                                             {"分辨率", "resolution"},
                                                             {"count", "count"},
                                                             {"数量", "count"},
                                                             {"seed", "seed"},
                                                             {"种子", "seed"},
                                                             {"strength", "sampleStrength"},
                                                             {"sample_strength", "sampleStrength"},
                                                             {"samplestrength", "sampleStrength"},
                                                             {"强度", "sampleStrength"},
                                                             // A video row (batch_video.cpp).
                                                             {"kind", "kind"},
                                                             {"类型", "kind"},
                                                             {"duration", "durationS"},
                                                             {"时长", "durationS"},
                                                             {"first_frame", "firstFrame"},
                                                             {"首帧", "firstFrame"},
                                                             {"last_frame", "lastFrame"},
                                                             {"尾帧", "lastFrame"},
                                                             {"references", "videoReferences"},
                                                             {"参考图", "videoReferences"},
                                                             // Read and ignored: a note column (our export of
                                                             // failed rows says why there), so a file goes back in.
                                                             {"note", ""},
                                                             {"备注", ""}};
  return aliases;
}

// The CSV column name a row's input key came from, for "row 12, ratio: …" messages.
std::string column_of(const std::map<std::string, std::string>& names, const std::string& field) {
  static const std::map<std::string, std::string> video_fields = {{"video.durationS", "durationS"},
                                                                  {"video.firstFrame", "firstFrame"},
                                                                  {"video.lastFrame", "lastFrame"},
                                                                  {"video.references", "videoReferences"},
                                                                  {"video.resolution", "resolution"}};
  const auto video = video_fields.find(field);
  const auto it = names.find(video == video_fields.end() ? field : video->second);
  return it == names.end() ? field : it->second;
}

struct SourceRow {
  std::size_t row = 0;  // 1-based: the line (txt), the record with the header as row 1 (csv), the element (json)
  json input;           // the row's own settings (prompt and any overrides)
};

struct Source {
  std::vector<SourceRow> rows;
  std::map<std::string, std::string> columns;  // input key → the CSV header as written
};

std::string hex64(std::uint64_t v) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[std::size_t(i)] = kHex[v & 15];
  return out;
}

Error input_error(const std::string& code, const std::string& message) { return invalid_input("text", code, message); }

Result<std::vector<std::vector<std::string>>> read_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, was_quoted = false;
  std::size_t record_start_line = 1, line = 1;
  auto end_field = [&] {
    record.push_back(was_quoted ? field : trim_space(field));
    field.clear();
    was_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    if (!(record.size() == 1 && record[0].empty())) records.push_back(std::move(record));
    record.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') quoted = false;
      else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
    } else if (c == '"') {
      if (!trim_space(field).empty())
        return input_error("csv_quote", "row " + std::to_string(record_start_line) + ": a quote inside an unquoted field");
      field.clear();
      quoted = was_quoted = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      record_start_line = ++line;
    } else if (was_quoted && c != ' ' && c != '\t') {
      return input_error("csv_quote", "row " + std::to_string(record_start_line) + ": text after a closing quote");
    } else {
      field.push_back(c);
    }
  }
  if (quoted)
    return input_error("csv_unclosed_quote", "row " + std::to_string(record_start_line) + ": a quoted field is not closed");
  end_record();
  return records;
}

// CSV cells are text; the builder wants numbers for these.
void put_cell(json& input, const std::string& key, const std::string& value) {
  if (value.empty()) return;  // an empty cell keeps the form's setting
  if (key == "count" || key == "seed") {
    char* end = nullptr;
    const long long n = std::strtoll(value.c_str(), &end, 10);
    if (end && *end == '\0') {
      input[key] = n;
      return;
    }
  } else if (key == "sampleStrength") {
    if (const auto d = parse_number(value)) {
      input[key] = *d;
      return;
    }
  }
  input[key] = value;  // the builder explains a value it cannot use
}

Result<Source> csv_source(std::string_view text) {
  auto records = read_csv(text);
  if (auto e = error_of(records)) return *e;
  auto& all = std::get<std::vector<std::vector<std::string>>>(records);
  if (all.empty()) return input_error("batch_empty", "the file has no rows");
  Source src;
  std::vector<std::string> keys;
  for (const auto& name : all[0]) {
    std::string lower = ascii_lower(name);
    if (lower.size() >= 3 && lower.compare(0, 3, "\xEF\xBB\xBF") == 0) lower.erase(0, 3);  // a spreadsheet's BOM
    const auto it = column_aliases().find(lower);
    if (it == column_aliases().end())
      return input_error("csv_unknown_column",
                         "row 1: unknown column \"" + name +
                             "\" (use prompt, negative_prompt, model, ratio, resolution, count, seed, strength, note; for "
                             "videos kind, duration, first_frame, last_frame, references)");
    keys.push_back(it->second);
    if (!it->second.empty()) src.columns[it->second] = name;
  }
  if (!src.columns.count("prompt")) return input_error("csv_no_prompt", "row 1: the header has no prompt column");
  for (std::size_t r = 1; r < all.size(); ++r) {
    SourceRow row{r + 1, json::object()};
    if (all[r].size() > keys.size())
      return input_error("csv_too_many_cells", "row " + std::to_string(r + 1) + ": more cells than the header has columns");
    for (std::size_t c = 0; c < all[r].size(); ++c)
      if (!keys[c].empty()) put_cell(row.input, keys[c], all[r][c]);
    src.rows.push_back(std::move(row));
  }
  return src;
}

Result<Source> lines_source(std::string_view text) {
  Source src;
  std::size_t line = 0, start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line;
    const std::string prompt = trim_space(text.substr(start, end - start));
    if (!prompt.empty()) src.rows.push_back({line, json{{"prompt", prompt}}});
    start = end + 1;
  }
  return src;
}

Result<Source> json_source(std::string_view text) {
  std::optional<json> read = parse_json(text);
  if (!read) return input_error("json_invalid", "the file is not valid JSON");
  json& parsed = *read;
  if (!parsed.is_array()) return input_error("json_not_list", "the JSON file must hold a list of prompts or of inputs");
  Source src;
  std::size_t i = 0;
  for (auto& item : parsed) {
    ++i;
    if (item.is_string()) src.rows.push_back({i, json{{"prompt", item}}});
    else if (item.is_object()) src.rows.push_back({i, std::move(item)});
    else return input_error("json_item_invalid", "item " + std::to_string(i) + ": must be a prompt or an object");
  }
  return src;
}

// A prompt's variable groups: literal pieces and choices, "a {x|y} b" → ["a ", {x,y}, " b"].
struct Piece {
  std::string text;
  std::vector<std::string> choices;  // empty: literal text
};

std::vector<Piece> pieces_of(const std::string& prompt) {
  std::vector<Piece> out{{}};
  std::size_t i = 0;
  while (i < prompt.size()) {
    const std::size_t open = prompt.find('{', i);
    const std::size_t close = open == std::string::npos ? std::string::npos : prompt.find('}', open);
    const std::string inner = close == std::string::npos ? "" : prompt.substr(open + 1, close - open - 1);
    if (close == std::string::npos || inner.find('|') == std::string::npos || inner.find('{') != std::string::npos) {
      const std::size_t stop = open == std::string::npos ? prompt.size() : open + 1;
      out.back().text += prompt.substr(i, stop - i);  // not a group: kept as written
      i = stop;
      continue;
    }
    out.back().text += prompt.substr(i, open - i);
    Piece group;
    for (std::size_t s = 0;;) {
      const std::size_t bar = inner.find('|', s);
      group.choices.push_back(trim_space(inner.substr(s, bar == std::string::npos ? std::string::npos : bar - s)));
      if (bar == std::string::npos) break;
      s = bar + 1;
    }
    out.push_back(std::move(group));
    out.push_back({});
    i = close + 1;
  }
  return out;
}

std::size_t variants_of(const std::vector<Piece>& pieces, std::size_t limit) {
  std::size_t n = 1;
  for (const auto& p : pieces)
    if (!p.choices.empty()) n = std::min(limit + 1, n * p.choices.size());
  return n;
}

// The k-th combination, the first group changing slowest (as a person would list them).
std::string variant(const std::vector<Piece>& pieces, std::size_t k) {
  std::vector<std::size_t> picks(pieces.size(), 0);
  for (std::size_t i = pieces.size(); i-- > 0;)
    if (!pieces[i].choices.empty()) {
      picks[i] = k % pieces[i].choices.size();
      k /= pieces[i].choices.size();
    }
  std::string out;
  for (std::size_t i = 0; i < pieces.size(); ++i) out += pieces[i].choices.empty() ? pieces[i].text : pieces[i].choices[picks[i]];
  return out;
}

}  // namespace

Result<ojson> expand_batch_request(const json& in) {
  const std::string format = in.value("format", std::string("lines"));
  const auto text_it = in.find("text");
  if (text_it == in.end() || !text_it->is_string())
    return input_error("text_missing", "text (the file or the pasted lines) is required");
  const std::string& text = text_it->get_ref<const std::string&>();
  if (text.find('\0') != std::string::npos || text.find("\xEF\xBF\xBD") != std::string::npos)
    return input_error("not_text", "this is not a text file (it holds binary data)");
  if (trim_space(text).empty()) return input_error("batch_empty", "the file is empty");

  std::size_t cap = kDefaultCap;
  if (const auto it = in.find("cap"); it != in.end() && it->is_number_integer())
    cap = std::size_t(std::clamp<std::int64_t>(it->get<std::int64_t>(), 1, kMaxCap));
  std::int64_t repeat = 1;
  if (const auto it = in.find("repeat"); it != in.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > kMaxRepeat)
      return invalid_input("repeat", "repeat_invalid", "repeat must be a whole number from 1 to " + std::to_string(kMaxRepeat));
    repeat = it->get<std::int64_t>();
  }
  auto rng = Entropy::from_input(in);
  if (auto e = error_of(rng)) return *e;
  auto now = read_now(in);
  if (auto e = error_of(now)) return *e;

  Result<Source> source = format == "csv"    ? csv_source(text)
                          : format == "json" ? json_source(text)
                          : format == "lines"
                              ? lines_source(text)
                              : Result<Source>(invalid_input("format", "format_invalid", "format must be lines, csv or json"));
  if (auto e = error_of(source)) return *e;
  const Source& src = std::get<Source>(source);
  if (src.rows.empty()) return input_error("batch_empty", "the file has no prompts");

  const json defaults = in.contains("defaults") && in["defaults"].is_object() ? in["defaults"] : json::object();
  const json images = in.contains("images") && in["images"].is_object() ? in["images"] : json::object();
  std::set<std::string> named;  // every image name the rows use: what the caller looks up for a video row
  ojson rows = ojson::array();
  std::size_t total = 0, valid = 0;
  Entropy& entropy = std::get<Entropy>(rng);
  for (const SourceRow& row : src.rows) {
    const std::string prompt =
        row.input.contains("prompt") && row.input["prompt"].is_string() ? row.input["prompt"].get<std::string>() : "";
    const auto pieces = pieces_of(prompt);
    const std::size_t variants = variants_of(pieces, kMaxCap * kMaxRepeat);
    for (std::size_t v = 0; v < variants; ++v)
      for (std::int64_t k = 0; k < repeat; ++k, ++total) {
        if (total >= cap) continue;  // counted, not made: the preview says how many the cap left out
        json input = defaults;
        for (const auto& [key, value] : row.input.items()) input[key] = value;
        input["prompt"] = pieces.size() > 1 ? variant(pieces, v) : prompt;
        if (k > 0 && input.contains("seed") && input["seed"].is_number_integer())  // repeats of a fixed seed: the next seeds
          input["seed"] = (input["seed"].get<std::int64_t>() + k) % (kMaxSeed + 1);
        input.erase("submitId");
        input["now"] = std::get<std::int64_t>(now);
        input["entropy"] = hex64(entropy.next()) + hex64(entropy.next());  // each row's own ids and seed
        if (in.contains("models")) input["models"] = in["models"];
        ojson out = ojson::object();  // key by key: an initializer list costs far more code
        out["row"] = row.row;
        out["variant"] = v + 1;
        out["repeat"] = k + 1;
        out["prompt"] = input["prompt"];
        const auto shaped = shape_video_row(input, row.input, images, named);
        auto built = shaped ? Result<ojson>(*shaped) : build_generate_request(input);
        if (auto e = error_of(built)) {
          ojson error = ojson(error_to_json(*e));  // converted, not re-parsed: no second JSON parser in the module
          if (!e->field.empty()) error["column"] = column_of(src.columns, e->field);
          out["error"] = error;
        } else {
          ++valid;
          out["job"] = std::get<ojson>(built)["job"];
        }
        rows.push_back(std::move(out));
      }
  }
  ojson out = ojson::object();
  out["rows"] = ojson();
  out["total"] = total;
  out["cap"] = cap;
  out["capped"] = total > cap;
  out["valid"] = valid;
  out["invalid"] = std::min(total, cap) - valid;
  // With the learned prices (and the balance), each valid row's credits and the batch's estimate.
  if (const auto it = in.find("prices"); it != in.end() && it->is_object())
    out["estimate"] = estimate_batch(*it, rows, in.contains("balance") ? in["balance"] : json());
  out["rows"] = std::move(rows);
  ojson names = ojson::array();
  for (const auto& name : named) names.push_back(name);
  out["images"] = std::move(names);
  return out;
}

}  // namespace jimeng
