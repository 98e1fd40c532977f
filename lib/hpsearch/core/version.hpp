#pragma once
#include <string_view>

namespace hpsearch {

/// The project version from CMake (project(hpsearch VERSION ...)).
std::string_view version();
/// The git commit hpsearch was built from (`git describe --always --dirty`, taken at build
/// time), or what -DHPSEARCH_GIT_COMMIT set (a source tarball), or "unknown".
std::string_view git_commit();
/// The LibTorch version the trainer module was built with; empty when it was not built.
std::string_view torch_version();

} // namespace hpsearch
