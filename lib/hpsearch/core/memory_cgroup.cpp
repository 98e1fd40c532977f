#include "hpsearch/core/memory_cgroup.hpp"

#include "hpsearch/core/cgroup_file.hpp"
#include "hpsearch/core/errno_text.hpp"

#include <cerrno>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace hpsearch {

namespace {

/// The mount point of the cgroup2 file system and the hierarchy path it shows (its root
/// field), from /proc/self/mountinfo; nullopt when none is mounted.
std::optional<std::pair<std::string, std::string>> cgroup2_mount() {
  std::istringstream lines(read_cgroup_file("/proc/self/mountinfo").value_or(""));
  std::string line;
  while (std::getline(lines, line)) {
    // id parent major:minor root mountpoint options [optional...] - fstype source superopts
    std::istringstream fields(line);
    std::string id, parent, device, root, mountpoint, word;
    fields >> id >> parent >> device >> root >> mountpoint;
    while (fields >> word && word != "-") {
    }
    if (fields >> word && word == "cgroup2") return std::pair{mountpoint, root};
  }
  return std::nullopt;
}

/// This process's path in the cgroup v2 hierarchy ("0::/a/b" in /proc/self/cgroup).
std::optional<std::string> own_cgroup_path() {
  std::istringstream lines(read_cgroup_file("/proc/self/cgroup").value_or(""));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("0::", 0) == 0) return line.substr(3);
  }
  return std::nullopt;
}

MemoryCgroupProbe unusable(std::string reason) {
  return {{}, std::move(reason)};
}

} // namespace

MemoryCgroupProbe prepare_memory_cgroup() {
  const auto mount = cgroup2_mount();
  if (!mount) return unusable("no cgroup v2 file system is mounted");
  std::optional<std::string> path = own_cgroup_path();
  if (!path) return unusable("this process is in no cgroup v2 hierarchy (/proc/self/cgroup)");
  const auto& [mountpoint, root] = *mount;
  if (root != "/" && path->rfind(root, 0) == 0) path = path->substr(root.size());
  return prepare_memory_cgroup_at(mountpoint + (*path == "/" ? "" : *path));
}

MemoryCgroupProbe prepare_memory_cgroup_at(const std::string& own_cgroup) {
  const std::string controllers =
      read_cgroup_file(own_cgroup + "/cgroup.controllers").value_or("(unreadable)");
  if (!has_cgroup_word(controllers, "memory")) {
    return unusable("the memory controller is not available to cgroup v2 at " + own_cgroup +
                    " (cgroup.controllers: '" + trim_cgroup_text(controllers) +
                    "'; on a hybrid v1/v2 host memory belongs to v1; else not delegated)");
  }
  if (::access(own_cgroup.c_str(), W_OK) != 0) {
    return unusable(own_cgroup +
                    " is not writable by this process (the cgroup is not "
                    "delegated to it): " +
                    errno_text(errno));
  }
  const std::string subtree = read_cgroup_file(own_cgroup + "/cgroup.subtree_control").value_or("");
  if (has_cgroup_word(subtree, "memory")) return {own_cgroup, {}};
  // No internal processes: move into a leaf before enabling memory for the children.
  const std::string leaf = own_cgroup + "/hpsearch-worker-" + std::to_string(::getpid());
  if (::mkdir(leaf.c_str(), 0755) != 0 && errno != EEXIST) {
    return unusable("cannot create " + leaf + ": " + errno_text(errno));
  }
  if (const int error = write_cgroup_file(leaf + "/cgroup.procs", "0"); error != 0) {
    ::rmdir(leaf.c_str());
    return unusable("cannot move this process into " + leaf + ": " + errno_text(error));
  }
  if (const int error = write_cgroup_file(own_cgroup + "/cgroup.subtree_control", "+memory");
      error != 0) {
    write_cgroup_file(own_cgroup + "/cgroup.procs", "0");
    ::rmdir(leaf.c_str());
    return unusable("cannot enable the memory controller for the children of " + own_cgroup + ": " +
                    errno_text(error) +
                    (error == EBUSY ? " (other processes share this cgroup, and cgroup v2 "
                                      "allows none in a cgroup whose children get controllers)"
                                    : ""));
  }
  return {own_cgroup, {}};
}

const MemoryCgroupProbe& MemoryLimiter::probe() {
  if (!probe_) probe_ = prepare_memory_cgroup();
  return *probe_;
}

void MemoryLimiter::apply(SpawnSpec& spec) {
  if (!limit_.is_set()) return;
  spec.memory_limit = limit_;
  spec.memory_cgroup = probe().parent;
}

std::string MemoryLimiter::mechanism() {
  if (!limit_.is_set()) return "none";
  const MemoryCgroupProbe& p = probe();
  if (!p.parent.empty()) return "cgroup v2 memory.max under " + p.parent;
  return "RLIMIT_DATA (no cgroup: " + p.reason + ")";
}

} // namespace hpsearch
