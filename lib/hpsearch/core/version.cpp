#include "hpsearch/core/version.hpp"

namespace hpsearch {

std::string_view version() {
  return HPSEARCH_VERSION;
}

} // namespace hpsearch
