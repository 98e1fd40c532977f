#include "hpsearch/core/iso8601.hpp"

#include <cmath>
#include <ctime>

namespace hpsearch {

std::string format_iso8601(double epoch_seconds) {
  const auto t = static_cast<std::time_t>(std::floor(epoch_seconds));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

} // namespace hpsearch
