#pragma once
#include <string_view>

namespace hpsearch {

/// The project version from CMake (project(hpsearch VERSION ...)).
std::string_view version();

} // namespace hpsearch
