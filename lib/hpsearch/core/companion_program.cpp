#include "hpsearch/core/companion_program.hpp"

#include "hpsearch/core/error.hpp"

#include <filesystem>
#include <unistd.h>
#include <vector>

namespace hpsearch {

std::string find_companion_program(std::string_view name, std::string_view build_path,
                                   std::string_view purpose) {
  namespace fs = std::filesystem;
  std::vector<std::string> candidates;
  std::error_code ec;
  const fs::path executable = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back((executable.parent_path() / fs::path(name)).string());
  if (!build_path.empty()) candidates.emplace_back(build_path);
  for (const auto& path : candidates) {
    if (::access(path.c_str(), X_OK) == 0) return path;
  }
  std::string message = "the program " + std::string(name) + " (" + std::string(purpose) +
                        ") was not found; looked at:";
  for (const auto& path : candidates) message += " " + path;
  throw Error::environment(message + ". It is installed next to hpsearch.");
}

} // namespace hpsearch
