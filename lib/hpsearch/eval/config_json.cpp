#include "hpsearch/eval/config_json.hpp"

#include "hpsearch/core/json_string.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <variant>

namespace hpsearch {

namespace {

void append_real(std::string& out, double x) {
  if (!std::isfinite(x)) {
    out += "null";
    return;
  }
  std::array<char, 32> buffer{};
  const auto [end, ec] = std::to_chars(buffer.begin(), buffer.end(), x);
  const std::string_view text(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
  out += text;
  if (ec == std::errc() && text.find_first_of(".eE") == std::string_view::npos) out += ".0";
}

void append_value(std::string& out, const Value& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    out += std::to_string(*i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    append_real(out, *d);
  } else if (const auto* b = std::get_if<bool>(&value)) {
    out += *b ? "true" : "false";
  } else {
    append_json_string(out, std::get<std::string>(value));
  }
}

} // namespace

std::string to_json(const Config& config) {
  std::string out = "{";
  bool first = true;
  for (const auto& [name, value] : config.entries()) {
    if (!first) out += ", ";
    first = false;
    append_json_string(out, name);
    out += ": ";
    append_value(out, value);
  }
  out += '}';
  return out;
}

} // namespace hpsearch
