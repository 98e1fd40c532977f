#include "hpsearch/eval/trial_state.hpp"

#include "hpsearch/core/error.hpp"

#include <filesystem>

namespace hpsearch {

namespace fs = std::filesystem;

TrialId trial_of(const Job& job) {
  return job.trial >= 0 ? job.trial : job.id;
}

std::string trial_state_path(const std::string& root, TrialId trial) {
  return (fs::path(root) / ("trial-" + std::to_string(trial))).string();
}

namespace {

/// Replaces `path` by a copy of the state of trial `donor` under `root`: copied beside it
/// first, then renamed, so that `path` never holds half a copy (a re-run copies again).
void copy_donor_state(const std::string& root, TrialId donor, const std::string& path) {
  const std::string from = fs::absolute(trial_state_path(root, donor)).lexically_normal().string();
  std::error_code ec;
  if (!fs::is_directory(from, ec)) {
    throw Error::io("the saved state of donor trial " + std::to_string(donor) + " is missing: '" +
                    from + "' (run.trial_dir must be a path every worker sees)");
  }
  const std::string partial = path + ".copying";
  fs::remove_all(partial, ec);
  if (!ec) fs::create_directories(fs::path(partial).parent_path(), ec);
  if (!ec) fs::copy(from, partial, fs::copy_options::recursive, ec);
  if (!ec) fs::remove_all(path, ec);
  if (!ec) fs::rename(partial, path, ec);
  if (ec) {
    throw Error::io("cannot copy the state of donor trial " + std::to_string(donor) + " from '" +
                    from + "' to '" + path + "' (run.trial_dir): " + ec.message());
  }
}

} // namespace

std::string prepare_trial_state(const std::string& root, const Job& job) {
  std::string path =
      fs::absolute(trial_state_path(root, trial_of(job))).lexically_normal().string();
  std::error_code ec;
  if (job.donor >= 0) {
    copy_donor_state(root, job.donor, path);
    return path;
  }
  if (job.from_fidelity <= 0.0) fs::remove_all(path, ec);
  if (!ec) fs::create_directories(path, ec);
  if (ec) {
    throw Error::io("cannot create the trial state directory '" + path +
                    "' (run.trial_dir): " + ec.message());
  }
  return path;
}

bool trial_state_removable(KeepTrialStates keep, TrialDecision decision) {
  return keep == KeepTrialStates::none && decision != TrialDecision::paused;
}

std::uint64_t directory_bytes(const std::string& path) {
  std::uint64_t bytes = 0;
  std::error_code ec;
  fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) {
      const std::uintmax_t size = it->file_size(size_ec);
      if (!size_ec) bytes += size;
    }
  }
  return bytes;
}

TrialStateRemoval remove_trial_state(const std::string& root, TrialId trial) {
  TrialStateRemoval removal;
  const std::string path = trial_state_path(root, trial);
  std::error_code ec;
  removal.existed = fs::exists(fs::symlink_status(path, ec));
  if (!removal.existed) return removal;
  removal.bytes = directory_bytes(path);
  fs::remove_all(path, ec);
  if (ec) {
    removal.error = "cannot remove the state of trial " + std::to_string(trial) + " at '" + path +
                    "': " + ec.message();
  }
  return removal;
}

} // namespace hpsearch
