#include "hpsearch/eval/command_output.hpp"

#include "hpsearch/eval/json.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace hpsearch {

namespace {

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

/// The next white-space separated number of `s`, consumed; nullopt when it is not one.
std::optional<double> take_number(std::string_view& s) {
  s = trim(s);
  std::size_t end = s.find_first_of(" \t");
  std::string_view token = s.substr(0, end);
  s.remove_prefix(token.size());
  if (!token.empty() && token.front() == '+') token.remove_prefix(1);
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (token.empty() || ptr != token.data() + token.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) {
    value = token.front() == '-' ? -HUGE_VAL : HUGE_VAL;
  } else if (ec != std::errc{}) {
    return std::nullopt;
  }
  return value;
}

std::optional<ObjectiveReport> from_json(const rapidjson::Value& json) {
  if (json.IsNumber()) return ObjectiveReport{json.GetDouble(), {}};
  const rapidjson::Value* objective = last_member(json, "objective");
  if (objective == nullptr) return std::nullopt;
  ObjectiveReport report;
  // {"objective": null} (Python's None) is a result that is not a number.
  report.value =
      objective->IsNumber() ? objective->GetDouble() : std::numeric_limits<double>::quiet_NaN();
  // User metrics are named: only an object is kept ({"train_time": 12.5, ...}).
  if (const auto* metadata = last_member(json, "metadata"); metadata && metadata->IsObject())
    report.metadata_json = to_json(*metadata);
  return report;
}

} // namespace

std::optional<ObjectiveReport> parse_objective_line(std::string_view line) {
  line = trim(line);
  constexpr std::string_view prefix = "objective:";
  if (line.starts_with(prefix)) {
    line.remove_prefix(prefix.size());
    const auto value = take_number(line);
    if (!value || !trim(line).empty()) return std::nullopt;
    return ObjectiveReport{*value, {}};
  }
  if (!line.starts_with('{')) return std::nullopt;
  const ParsedJson json = parse_json(line);
  if (!json.ok() || !json.document.IsObject()) return std::nullopt;
  return from_json(json.document);
}

std::optional<ProgressReport> parse_progress_line(std::string_view line) {
  line = trim(line);
  constexpr std::string_view prefix = "progress:";
  if (!line.starts_with(prefix)) return std::nullopt;
  line.remove_prefix(prefix.size());
  const auto step = take_number(line);
  const auto value = step ? take_number(line) : std::nullopt;
  if (!value || !trim(line).empty()) return std::nullopt;
  return ProgressReport{*step, *value};
}

std::optional<ObjectiveReport> parse_result_json(std::string_view text) {
  const ParsedJson json = parse_json(text);
  if (!json.ok()) return std::nullopt;
  return from_json(json.document);
}

void OutputParser::feed(std::string_view bytes) {
  while (!bytes.empty()) {
    const std::size_t newline = bytes.find('\n');
    const std::string_view piece = bytes.substr(0, newline);
    if (!overlong_) {
      if (partial_.size() + piece.size() > kMaxLine) {
        overlong_ = true;
        partial_.clear();
      } else {
        partial_.append(piece);
      }
    }
    if (newline == std::string_view::npos) return;
    if (!overlong_) line(partial_);
    partial_.clear();
    overlong_ = false;
    bytes.remove_prefix(newline + 1);
  }
}

void OutputParser::finish() {
  if (!overlong_ && !partial_.empty()) line(partial_);
  partial_.clear();
  overlong_ = false;
}

void OutputParser::line(std::string_view text) {
  if (auto progress = parse_progress_line(text)) {
    if (!std::isfinite(progress->step) || !std::isfinite(progress->value)) return;
    last_progress_ = *progress;
    on_progress_(*progress);
  } else if (auto objective = parse_objective_line(text)) {
    objective_ = std::move(*objective);
  }
}

} // namespace hpsearch
