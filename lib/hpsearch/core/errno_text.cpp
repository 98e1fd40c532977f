#include "hpsearch/core/errno_text.hpp"

#include <array>
#include <cstring>

namespace hpsearch {

std::string errno_text(int error) {
  std::array<char, 256> buffer{};
  // The GNU strerror_r (g++ defines _GNU_SOURCE) returns the message, in `buffer` or static.
  return ::strerror_r(error, buffer.data(), buffer.size());
}

} // namespace hpsearch
