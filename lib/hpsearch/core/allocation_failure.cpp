#include "hpsearch/core/allocation_failure.hpp"

#include <algorithm>
#include <array>

namespace hpsearch {

bool names_allocation_failure(std::string_view text) {
  static constexpr std::array<std::string_view, 8> words = {
      "std::bad_alloc", "MemoryError",      "Cannot allocate memory", "out of memory",
      "Out of memory",  "memory exhausted", "Failed to allocate",     "not enough memory"};
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return text.find(w) != std::string_view::npos; });
}

} // namespace hpsearch
