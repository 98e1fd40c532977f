#pragma once
// The standard output of a short query command (squeue, qstat, nvidia-smi), with a time
// limit: a batch system's client can hang when its server is down, nvidia-smi when a GPU
// or its driver is wedged, and a search must not wait on either. Started by core's
// ChildProcess (posix_spawn, own process group, no shell).
#include <optional>
#include <string>
#include <vector>

namespace hpsearch {

/// Runs argv[0] (looked up in PATH) with the arguments, no shell, standard input from
/// /dev/null, standard error discarded. Returns its standard output when it exits 0
/// within `timeout` seconds; nullopt when it cannot start, fails, or runs too long (its
/// process group is then killed with SIGKILL and reaped).
std::optional<std::string> query_output(const std::vector<std::string>& argv,
                                        double timeout = 10.0);

} // namespace hpsearch
