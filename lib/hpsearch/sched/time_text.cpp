#include "hpsearch/sched/time_text.hpp"

#include "hpsearch/core/iso8601.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <ctime>

namespace hpsearch {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

/// Reads exactly `digits` decimal digits at the front of `s` and consumes them.
std::optional<int> take_digits(std::string_view& s, std::size_t digits) {
  if (s.size() < digits) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    value = value * 10 + (s[i] - '0');
  }
  s.remove_prefix(digits);
  return value;
}

bool take(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}

std::optional<double> parse_number(std::string_view s) {
  double value = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

/// "Z", "+02:00", "+0200", "-05" -> seconds east of UTC; nullopt when malformed.
std::optional<int> parse_zone(std::string_view s) {
  if (s == "Z") return 0;
  if (s.empty() || (s.front() != '+' && s.front() != '-')) return std::nullopt;
  const int sign = s.front() == '-' ? -1 : 1;
  s.remove_prefix(1);
  const auto hours = take_digits(s, 2);
  if (!hours) return std::nullopt;
  int minutes = 0;
  if (!s.empty()) {
    take(s, ':');
    const auto m = take_digits(s, 2);
    if (!m || !s.empty()) return std::nullopt;
    minutes = *m;
  }
  if (*hours > 23 || minutes > 59) return std::nullopt;
  return sign * (*hours * 3600 + minutes * 60);
}

bool valid_fields(const std::tm& tm) {
  return tm.tm_mon >= 0 && tm.tm_mon < 12 && tm.tm_mday >= 1 && tm.tm_mday <= 31 &&
         tm.tm_hour >= 0 && tm.tm_hour < 24 && tm.tm_min >= 0 && tm.tm_min < 60 && tm.tm_sec >= 0 &&
         tm.tm_sec <= 60;
}

/// Local time -> epoch seconds (the zone's daylight saving time decided by mktime).
std::optional<double> local_epoch(std::tm tm) {
  if (!valid_fields(tm)) return std::nullopt;
  tm.tm_isdst = -1;
  const std::time_t t = std::mktime(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return static_cast<double>(t);
}

std::optional<double> parse_iso(std::string_view s) {
  std::tm tm{};
  const auto year = take_digits(s, 4);
  if (!year || !take(s, '-')) return std::nullopt;
  const auto month = take_digits(s, 2);
  if (!month || !take(s, '-')) return std::nullopt;
  const auto day = take_digits(s, 2);
  if (!day || !(take(s, 'T') || take(s, ' '))) return std::nullopt;
  const auto hour = take_digits(s, 2);
  if (!hour || !take(s, ':')) return std::nullopt;
  const auto minute = take_digits(s, 2);
  if (!minute) return std::nullopt;
  std::optional<int> second = 0;
  if (take(s, ':')) second = take_digits(s, 2);
  if (!second) return std::nullopt;
  tm.tm_year = *year - 1900;
  tm.tm_mon = *month - 1;
  tm.tm_mday = *day;
  tm.tm_hour = *hour;
  tm.tm_min = *minute;
  tm.tm_sec = *second;
  if (s.empty()) return local_epoch(tm);
  const auto zone = parse_zone(s);
  if (!zone || !valid_fields(tm)) return std::nullopt;
  return static_cast<double>(timegm(&tm) - *zone);
}

} // namespace

std::optional<double> parse_time_point(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.find_first_not_of("0123456789.") == std::string_view::npos) {
    const auto value = parse_number(text);
    if (!value || *value < 0.0) return std::nullopt;
    return value;
  }
  return parse_iso(text);
}

std::optional<double> parse_clock_duration(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.find_first_not_of("0123456789") == std::string_view::npos) return parse_number(text);
  double days = 0.0;
  if (const auto dash = text.find('-'); dash != std::string_view::npos) {
    const auto d = parse_number(text.substr(0, dash));
    if (!d || text.substr(0, dash).find('.') != std::string_view::npos) return std::nullopt;
    days = *d;
    text.remove_prefix(dash + 1);
  }
  std::array<double, 3> parts{};
  std::size_t count = 0;
  while (true) {
    const auto colon = text.find(':');
    const std::string_view part = text.substr(0, colon);
    if (count == parts.size() || part.empty() ||
        part.find_first_not_of("0123456789") != std::string_view::npos) {
      return std::nullopt;
    }
    parts[count++] = *parse_number(part);
    if (colon == std::string_view::npos) break;
    text.remove_prefix(colon + 1);
  }
  if (count < 2) return std::nullopt; // "90" was handled above; "1-90" is not a limit
  double seconds = 0.0;
  for (std::size_t i = 0; i < count; ++i) seconds = seconds * 60.0 + parts[i];
  return days * 86400.0 + seconds;
}

std::optional<double> parse_ctime(std::string_view text) {
  static constexpr std::array<std::string_view, 12> months = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string s(trim(text));
  char weekday[4] = {};
  char month[4] = {};
  std::tm tm{};
  int year = 0;
  int consumed = 0;
  const int n = std::sscanf(s.c_str(), "%3s %3s %d %d:%d:%d %d%n", weekday, month, &tm.tm_mday,
                            &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &year, &consumed);
  if (n != 7 || static_cast<std::size_t>(consumed) != s.size()) return std::nullopt;
  tm.tm_mon = -1;
  for (std::size_t i = 0; i < months.size(); ++i) {
    if (months[i] == month) tm.tm_mon = static_cast<int>(i);
  }
  tm.tm_year = year - 1900;
  return local_epoch(tm);
}

std::string format_utc(double epoch_seconds) {
  return format_iso8601(epoch_seconds);
}

} // namespace hpsearch
