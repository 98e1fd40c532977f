#pragma once
// find_companion_program: a program installed next to hpsearch (hpsearch-eval-host,
// hpsearch-read-checkpoint), found beside the running executable, else at its build-tree
// path (unit tests run from another directory).
#include <string>
#include <string_view>

namespace hpsearch {

/// The path of `name` beside /proc/self/exe, else `build_path` (may be empty), whichever is
/// executable. Throws hpsearch::Error (environment) naming both places and `purpose` (what
/// the program is for) when neither is.
std::string find_companion_program(std::string_view name, std::string_view build_path,
                                   std::string_view purpose);

} // namespace hpsearch
