#include "hpsearch/eval/torch_module_search.hpp"

#include "hpsearch/core/error.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace hpsearch {

namespace {

namespace fs = std::filesystem;

constexpr const char* kModuleName = "libhpsearch_train.so";

std::string missing_module_message() {
  std::string message = "objective.kind torch: the LibTorch trainer module " +
                        std::string(kModuleName) + " was not found (looked at:";
  for (const auto& path : torch_module_candidates()) message += " " + path;
  message += "). ";
#ifdef HPSEARCH_TRAIN_MODULE_BUILD_PATH
  message += "Build the target hpsearch_train, or set HPSEARCH_TRAIN_MODULE to its path.";
#else
  message += "This hpsearch was built without LibTorch: install it (apt-get install libtorch-dev "
             "libopenblas0-openmp) and configure again with -DHPSEARCH_WITH_TORCH=ON.";
#endif
  return message;
}

} // namespace

std::vector<std::string> torch_module_candidates() {
  if (const char* path = std::getenv("HPSEARCH_TRAIN_MODULE"); path != nullptr && *path != '\0') {
    return {path};
  }
  std::vector<std::string> candidates;
  std::error_code ec;
  const fs::path executable = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    candidates.push_back(
        (executable.parent_path().parent_path() / "lib" / kModuleName).lexically_normal().string());
  }
#ifdef HPSEARCH_TRAIN_MODULE_BUILD_PATH
  candidates.emplace_back(HPSEARCH_TRAIN_MODULE_BUILD_PATH);
#endif
  return candidates;
}

std::string find_torch_module() {
  std::error_code ec;
  for (const auto& path : torch_module_candidates()) {
    if (fs::is_regular_file(path, ec)) return path;
  }
  // HPSEARCH_TRAIN_MODULE naming no file is a wrong setting; no module at all, a build
  // or installation without it.
  const std::string message = missing_module_message();
  throw std::getenv("HPSEARCH_TRAIN_MODULE") != nullptr ? Error::input(message)
                                                        : Error::environment(message);
}

} // namespace hpsearch
