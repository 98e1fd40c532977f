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

std::optional<double> parse_number(std::string_view s) {
  double value = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

/// Whether `tm`'s year, month and day name a day of the calendar: strptime takes any day
/// 1-31 in any month, and timegm/mktime would quietly turn 2024-02-31 into 2 March.
bool real_date(const std::tm& tm) {
  std::tm normal = tm;
  normal.tm_hour = 12; // away from any time-of-day carry
  timegm(&normal);
  return normal.tm_year == tm.tm_year && normal.tm_mon == tm.tm_mon && normal.tm_mday == tm.tm_mday;
}

/// Local time -> epoch seconds (the zone's daylight saving time decided by mktime).
std::optional<double> local_epoch(std::tm tm) {
  if (!real_date(tm)) return std::nullopt;
  tm.tm_isdst = -1;
  const std::time_t t = std::mktime(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return static_cast<double>(t);
}

/// "YYYY-MM-DD" then 'T' or ' ', "HH:MM[:SS]", then nothing (local time) or a zone
/// ("Z", "+hh", "+hhmm", "+hh:mm", as glibc's %z reads them).
std::optional<double> parse_iso(const std::string& s) {
  std::tm tm{};
  const char* at = strptime(s.c_str(), "%Y-%m-%d", &tm);
  if (at != s.c_str() + 10 || (*at != 'T' && *at != ' ')) return std::nullopt;
  const char* clock = at + 1;
  if (!std::isdigit(static_cast<unsigned char>(*clock))) return std::nullopt;
  at = strptime(clock, "%H:%M:%S", &tm);
  if (at == nullptr) {
    tm.tm_sec = 0;
    at = strptime(clock, "%H:%M", &tm);
  }
  if (at == nullptr || !real_date(tm)) return std::nullopt;
  if (*at == '\0') return local_epoch(tm);
  if (std::isspace(static_cast<unsigned char>(*at))) return std::nullopt;
  at = strptime(at, "%z", &tm);
  if (at == nullptr || *at != '\0') return std::nullopt;
  const long east_of_utc = tm.tm_gmtoff; // read first: timegm() resets it
  return static_cast<double>(timegm(&tm) - east_of_utc);
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
  return parse_iso(std::string(text));
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
  const std::string s(trim(text));
  std::tm tm{};
  const char* end = strptime(s.c_str(), "%a %b %d %H:%M:%S %Y", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return local_epoch(tm);
}

std::string format_utc(double epoch_seconds) {
  return format_iso8601(epoch_seconds);
}

} // namespace hpsearch
