#include "hpsearch/store/checkpoint_info.hpp"

#include "hpsearch/core/error.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace hpsearch {

double parse_iso8601(const std::string& text) {
  std::tm tm{};
  int consumed = 0;
  const int n = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon,
                            &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed);
  if (n != 6 || static_cast<std::size_t>(consumed) != text.size()) {
    throw Error::input("timestamp '" + text + "' is not of the form 2024-05-01T12:00:00Z");
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<double>(timegm(&tm));
}

} // namespace hpsearch
