#include "hpsearch/core/version.hpp"

namespace hpsearch {

std::string_view version() {
  return HPSEARCH_VERSION;
}

std::string_view torch_version() {
  return HPSEARCH_TORCH_VERSION;
}

} // namespace hpsearch
