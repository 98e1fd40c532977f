#include "hpsearch/report/trial_states.hpp"

#include <filesystem>
#include <utility>

namespace hpsearch {

namespace fs = std::filesystem;

std::optional<TrialStatesUsage> trial_states_usage(const std::string& trial_dir) {
  std::error_code ec;
  if (!fs::is_directory(trial_dir, ec)) return std::nullopt;
  TrialStatesUsage usage;
  usage.dir = trial_dir;
  for (const auto& entry : fs::directory_iterator(trial_dir, ec)) {
    if (entry.is_directory(ec) && !entry.is_symlink(ec)) ++usage.trial_dirs;
  }
  auto it = fs::recursive_directory_iterator(trial_dir,
                                             fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code size_error;
    if (!it->is_regular_file(size_error) || it->is_symlink(size_error)) continue;
    const std::uintmax_t size = it->file_size(size_error);
    if (!size_error) usage.bytes += size;
  }
  return usage;
}

TrialStatesUsage examine_trial_states(const std::string& trial_dir, std::string source) {
  std::optional<TrialStatesUsage> usage = trial_states_usage(trial_dir);
  if (!usage) {
    usage.emplace();
    usage->dir = trial_dir;
    usage->exists = false;
  }
  usage->source = std::move(source);
  return *usage;
}

} // namespace hpsearch
