#include "hpsearch/core/metric_names.hpp"

#include <algorithm>

namespace hpsearch {

namespace {

constexpr std::size_t kMaxMetricName = 64;

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_name_char(char c) {
  return is_letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

} // namespace

bool is_builtin_metric_key(std::string_view key) {
  return std::find(kBuiltinMetricKeys.begin(), kBuiltinMetricKeys.end(), key) !=
         kBuiltinMetricKeys.end();
}

std::optional<std::string> metric_name_problem(std::string_view name) {
  if (name.empty()) return "a metric name must not be empty";
  if (name.size() > kMaxMetricName) {
    return "a metric name has at most " + std::to_string(kMaxMetricName) + " characters";
  }
  if (!is_letter(name.front()) && name.front() != '_') {
    return "a metric name starts with a letter or '_'";
  }
  if (!std::all_of(name.begin(), name.end(), is_name_char)) {
    return "a metric name holds only letters, digits, '_', '.' and '-'";
  }
  if (is_builtin_metric_key(name)) {
    return "m:" + std::string(name) + " is a column hpsearch export writes itself";
  }
  return std::nullopt;
}

} // namespace hpsearch
