#pragma once
// Where per-job memory cgroups can be made (cgroup v2), and MemoryLimiter, which an
// evaluator holds to put `run.eval_memory` on every child it spawns (core/child_process.hpp
// says what each mechanism catches and misses).
//
// cgroup v2 lets a process create child cgroups under its own cgroup when that directory
// is writable to it and the memory controller is available there (listed in its
// cgroup.controllers: delegated by the parent, as Slurm's cgroup/v2 plugin, systemd's
// Delegate=yes or root do). The "no internal processes" rule says a non-root cgroup that
// enables a controller for its children (cgroup.subtree_control) holds no process itself;
// so this process first moves itself into a leaf child, hpsearch-worker-<pid>, then enables
// +memory, and the jobs' cgroups become siblings of that leaf. When other processes share
// the cgroup (several ranks of one node in one Slurm task cgroup, a shell), enabling fails
// with EBUSY: this process moves back and the limit falls back to RLIMIT_DATA.
#include "hpsearch/core/child_process.hpp"
#include "hpsearch/core/memory_limit.hpp"

#include <optional>
#include <string>

namespace hpsearch {

/// The parent directory for per-job memory cgroups, or why there is none.
struct MemoryCgroupProbe {
  std::string parent; ///< empty: unusable
  std::string reason; ///< why not, when parent is empty ("cgroup v2 has no memory controller")
};

/// Reads this process's cgroup v2 path ("0::<path>" in /proc/self/cgroup) and the cgroup2
/// mount point (/proc/self/mountinfo), then prepares it as above. Moves this process into
/// a leaf cgroup when it has to: call it in the process that spawns the jobs (a worker),
/// never in the manager, and once.
MemoryCgroupProbe prepare_memory_cgroup();

/// The same from explicit places (tests): `own_cgroup` is this process's cgroup directory.
MemoryCgroupProbe prepare_memory_cgroup_at(const std::string& own_cgroup);

/// Applies one MemoryLimit to every SpawnSpec it is given; prepares the cgroup on first
/// use (not at construction, which may happen in the manager to validate the problem).
class MemoryLimiter {
public:
  explicit MemoryLimiter(MemoryLimit limit) : limit_(limit) {}

  MemoryLimit limit() const { return limit_; }
  /// Sets spec.memory_limit and spec.memory_cgroup (when a cgroup can be used).
  void apply(SpawnSpec& spec);
  /// "cgroup v2 memory.max under <dir>" or "RLIMIT_DATA (no cgroup: <reason>)"; "none"
  /// without a limit. Prepares the cgroup when not done yet.
  std::string mechanism();

private:
  const MemoryCgroupProbe& probe();

  MemoryLimit limit_;
  std::optional<MemoryCgroupProbe> probe_;
};

} // namespace hpsearch
