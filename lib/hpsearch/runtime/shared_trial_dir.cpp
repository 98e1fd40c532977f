#include "hpsearch/runtime/shared_trial_dir.hpp"

#include "hpsearch/core/error.hpp"

#include <array>
#include <filesystem>
#include <sys/vfs.h>

namespace hpsearch {

namespace fs = std::filesystem;

namespace {

constexpr long tmpfs_magic = 0x01021994;
constexpr long ramfs_magic = 0x858458f6;

bool is_under(const fs::path& path, const fs::path& root) {
  if (root.empty()) return false;
  const fs::path r = root.lexically_normal();
  auto p = path.begin();
  for (auto it = r.begin(); it != r.end(); ++it, ++p) {
    if (it->empty()) continue; // a trailing separator
    if (p == path.end() || *p != *it) return false;
  }
  return true;
}

/// The path itself when it exists, else its nearest existing ancestor.
fs::path existing_ancestor(fs::path path) {
  std::error_code ec;
  while (!path.empty() && !fs::exists(path, ec) && path != path.root_path()) {
    path = path.parent_path();
  }
  return path;
}

} // namespace

std::string node_local_reason(const std::string& trial_dir, std::string_view tmpdir) {
  const fs::path path = fs::absolute(trial_dir).lexically_normal();
  struct statfs info {};
  const fs::path existing = existing_ancestor(path);
  if (!existing.empty() && statfs(existing.c_str(), &info) == 0) {
    const auto type = static_cast<long>(info.f_type);
    if (type == tmpfs_magic) return "it is on a tmpfs file system (memory of one node)";
    if (type == ramfs_magic) return "it is on a ramfs file system (memory of one node)";
  }
  if (!tmpdir.empty() && is_under(path, fs::path(std::string(tmpdir)))) {
    return "it is under $TMPDIR (" + std::string(tmpdir) + "), a node's local scratch";
  }
  for (const char* local : std::array{"/tmp", "/var/tmp", "/dev/shm"}) {
    if (is_under(path, local)) return std::string("it is under ") + local + ", local to each node";
  }
  return "";
}

void check_trial_dir_shared(const std::string& trial_dir, int nodes, std::string_view tmpdir) {
  if (nodes <= 1) return;
  const std::string reason = node_local_reason(trial_dir, tmpdir);
  if (reason.empty()) return;
  throw Error::input("run.trial_dir: '" + trial_dir + "' is node-local (" + reason + "), but " +
                     "the job has " + std::to_string(nodes) + " nodes and trials continue or " +
                     "copy each other's saved states on any worker; expected a directory on a " +
                     "file system every node sees (the default, beside the checkpoint, or a " +
                     "shared scratch path)");
}

} // namespace hpsearch
