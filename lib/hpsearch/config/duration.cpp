#include "hpsearch/config/duration.hpp"

#include "hpsearch/core/error.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

namespace hpsearch {

namespace {

struct Unit {
  char symbol;
  double seconds;
};

constexpr std::array<Unit, 4> units = {{{'d', 86400.0}, {'h', 3600.0}, {'m', 60.0}, {'s', 1.0}}};

bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::size_t count_digits(std::string_view s, std::size_t from) {
  std::size_t n = from;
  while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
  return n - from;
}

/// A non-negative decimal number ("12", "1.5", ".5") at the front of `s`; consumes it.
std::optional<double> take_number(std::string_view& s) {
  std::size_t digits = count_digits(s, 0);
  std::size_t n = digits;
  if (n < s.size() && s[n] == '.') {
    const std::size_t fraction = count_digits(s, n + 1);
    digits += fraction;
    n += 1 + fraction;
  }
  if (digits == 0) return std::nullopt;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + n, value);
  if (ec != std::errc{} || end != s.data() + n || !std::isfinite(value)) return std::nullopt;
  s.remove_prefix(n);
  return value;
}

} // namespace

std::optional<double> try_parse_duration(std::string_view text) {
  std::string_view s = trim(text);
  if (s.empty()) return std::nullopt;
  double total = 0.0;
  std::size_t next_unit = 0; // units must appear in the order d, h, m, s
  bool first = true;
  while (!s.empty()) {
    const std::optional<double> number = take_number(s);
    if (!number) return std::nullopt;
    if (s.empty()) {
      if (!first) return std::nullopt; // "1h30": a bare number only on its own
      return *number;
    }
    std::size_t u = next_unit;
    while (u < units.size() && units[u].symbol != s.front()) ++u;
    if (u == units.size()) return std::nullopt;
    total += *number * units[u].seconds;
    next_unit = u + 1;
    first = false;
    s.remove_prefix(1);
  }
  if (!std::isfinite(total)) return std::nullopt;
  return total;
}

double parse_duration(std::string_view text) {
  if (const auto seconds = try_parse_duration(text)) return *seconds;
  throw Error::input("invalid duration '" + std::string(text) + "' (expected " +
                     std::string(duration_forms) + ")");
}

} // namespace hpsearch
