#include "hpsearch/config/yaml_scalar.hpp"

#include "hpsearch/core/suggest.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

namespace hpsearch::detail {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::size_t skip_digits(std::string_view s, std::size_t i) {
  while (i < s.size() && is_digit(s[i])) ++i;
  return i;
}

std::string_view strip_sign(std::string_view s) {
  return !s.empty() && (s.front() == '+' || s.front() == '-') ? s.substr(1) : s;
}

/// [-+]?[0-9]+
bool looks_integer(std::string_view s) {
  const std::string_view digits = strip_sign(s);
  return !digits.empty() && skip_digits(digits, 0) == digits.size();
}

/// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?  or  [-+]?.inf  or  .nan
bool looks_real(std::string_view s) {
  const std::string_view body = strip_sign(s);
  if (body == ".inf" || body == ".Inf" || body == ".INF") return true;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  std::size_t i = skip_digits(body, 0);
  const bool whole = i > 0;
  bool fraction = false;
  if (i < body.size() && body[i] == '.') {
    const std::size_t j = skip_digits(body, i + 1);
    fraction = j > i + 1;
    i = j;
  }
  if (!whole && !fraction) return false;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < body.size() && (body[j] == '+' || body[j] == '-')) ++j;
    const std::size_t k = skip_digits(body, j);
    if (k == j) return false;
    i = k;
  }
  return i == body.size();
}

std::optional<bool> bool_value(std::string_view s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

/// The real value of text that looks_real(); nullopt when out of double's range.
std::optional<double> to_real(std::string_view s) {
  const bool negative = !s.empty() && s.front() == '-';
  const std::string_view body = strip_sign(s);
  if (body.size() == 4 && body.front() == '.' && !is_digit(body[1])) { // .inf or .nan
    if (body[1] == 'n' || body[1] == 'N') return std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    return negative ? -inf : inf;
  }
  double value = 0.0;
  const auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (ec != std::errc{} || end != body.data() + body.size()) return std::nullopt;
  return negative ? -value : value;
}

} // namespace

ScalarType scalar_type(const YAML::Node& node) {
  switch (node.Type()) {
  case YAML::NodeType::Map:
    return ScalarType::map;
  case YAML::NodeType::Sequence:
    return ScalarType::list;
  case YAML::NodeType::Scalar:
    break;
  default:
    return ScalarType::null;
  }
  const std::string& tag = node.Tag();
  if (tag == "!" || tag == "tag:yaml.org,2002:str") return ScalarType::string;
  const std::string& text = node.Scalar();
  if (bool_value(text)) return ScalarType::boolean;
  if (looks_integer(text)) return ScalarType::integer;
  if (looks_real(text)) return ScalarType::real;
  return ScalarType::string;
}

double read_number(const Field& field, std::string_view expected) {
  const ScalarType type = scalar_type(field.node());
  if (type != ScalarType::integer && type != ScalarType::real) field.fail("wrong type", expected);
  const std::optional<double> value = to_real(field.node().Scalar());
  if (!value) field.fail("number out of range", "a finite number");
  return *value;
}

std::int64_t read_integer(const Field& field, std::string_view expected) {
  if (scalar_type(field.node()) != ScalarType::integer) field.fail("wrong type", expected);
  const std::string& text = field.node().Scalar();
  const std::string_view digits = text.front() == '+' ? std::string_view(text).substr(1) : text;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc{} || end != digits.data() + digits.size()) {
    field.fail("integer out of range", "a 64-bit integer");
  }
  return value;
}

bool read_bool(const Field& field) {
  if (scalar_type(field.node()) != ScalarType::boolean) field.fail("wrong type", "true or false");
  return *bool_value(field.node().Scalar());
}

std::string read_string(const Field& field, std::string_view expected) {
  const ScalarType type = scalar_type(field.node());
  if (type == ScalarType::null || type == ScalarType::map || type == ScalarType::list) {
    field.fail("wrong type", expected);
  }
  return field.node().Scalar();
}

Value read_value(const Field& field) {
  constexpr std::string_view expected = "a string, number or boolean";
  switch (scalar_type(field.node())) {
  case ScalarType::boolean:
    return read_bool(field);
  case ScalarType::integer:
    return read_integer(field, expected);
  case ScalarType::real:
    return read_number(field, expected);
  case ScalarType::string:
    return field.node().Scalar();
  default:
    field.fail("wrong type", expected);
  }
}

std::string read_choice(const Field& field, std::span<const std::string_view> options,
                        std::string_view what) {
  std::string value = read_string(field, "one of " + join(options));
  for (std::string_view option : options) {
    if (option == value) return value;
  }
  std::string message = "unknown " + std::string(what);
  if (auto match = closest_match(value, options)) message += "; did you mean '" + *match + "'?";
  field.fail_got(message, field.describe(), "one of " + join(options));
}

} // namespace hpsearch::detail
