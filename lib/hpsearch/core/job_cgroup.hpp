#pragma once
// One job's own cgroup v2 directory with memory.max (core/child_process.hpp spawns into it;
// core/memory_cgroup.hpp finds the parent).
#include "hpsearch/core/memory_limit.hpp"

#include <string>

namespace hpsearch {

/// Creates <parent>/hpsearch-job-<pid>-<n> (the first free n) with memory.max = limit and
/// memory.swap.max = 0 where the kernel accounts swap (else the job could swap past the
/// limit). Returns its path. Throws hpsearch::Error (environment) naming the directory
/// and the reason when the cgroup cannot be made or limited.
std::string create_job_cgroup(const std::string& parent, MemoryLimit limit);

/// Reads whether memory.events counted an OOM (an allocation the limit refused, or a
/// process the OOM killer ended), kills whatever is left in the cgroup (cgroup.kill, also
/// processes that left the job's process group), waits (at most ~2 s) until it is empty
/// and removes it. Returns the OOM verdict. Never throws.
bool release_job_cgroup(const std::string& dir);

} // namespace hpsearch
