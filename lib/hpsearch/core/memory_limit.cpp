#include "hpsearch/core/memory_limit.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace hpsearch {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

/// The power of 1024 a unit names ("", "B" -> 0, "K", "KB", "KiB", "kib" -> 1, ...), or -1.
int unit_power(std::string_view unit) {
  if (unit.empty()) return 0;
  const char prefix = static_cast<char>(std::toupper(static_cast<unsigned char>(unit.front())));
  if (unit.size() == 1 && prefix == 'B') return 0;
  constexpr std::string_view prefixes = "KMGT";
  const std::size_t power = prefixes.find(prefix);
  if (power == std::string_view::npos) return -1;
  std::string_view rest = unit.substr(1);
  if (!rest.empty() && (rest.front() == 'i' || rest.front() == 'I')) rest.remove_prefix(1);
  if (!rest.empty() && (rest.front() == 'B' || rest.front() == 'b')) rest.remove_prefix(1);
  return rest.empty() ? static_cast<int>(power) + 1 : -1;
}

} // namespace

std::optional<std::uint64_t> parse_memory_size(std::string_view text) {
  text = trim(text);
  std::size_t end = 0;
  while (end < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[end])) != 0 || text[end] == '.')) {
    ++end;
  }
  const std::string_view number = text.substr(0, end);
  const int power = unit_power(trim(text.substr(end)));
  if (number.empty() || power < 0) return std::nullopt;
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc() || ptr != number.data() + number.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  const double bytes = std::ldexp(value, 10 * power);
  if (bytes >= 0x1p64) return std::nullopt;
  return static_cast<std::uint64_t>(bytes);
}

std::string format_memory_size(std::uint64_t bytes) {
  constexpr std::array<const char*, 5> units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  std::size_t unit = 0;
  double value = static_cast<double>(bytes);
  while (unit + 1 < units.size() && value >= 1024.0) {
    value /= 1024.0;
    ++unit;
  }
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%.4g %s", value, units[unit]);
  return text.data();
}

std::string out_of_memory_message(MemoryLimit limit) {
  return "out of memory (limit " + format_memory_size(limit.bytes) + ")";
}

} // namespace hpsearch
