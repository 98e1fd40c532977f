#pragma once
// run_child: one program run to its end with a time limit, its standard output collected.
// For short helpers whose hang must not hang hpsearch: a batch system's query
// (sched/query_output), the checkpoint read guard (store/read_guard). Started by
// ChildProcess (posix_spawn, own process group); past the limit the group is killed
// (SIGKILL) and reaped.
#include "hpsearch/core/child_process.hpp"

#include <optional>
#include <string>

namespace hpsearch {

struct ChildRun {
  std::string output;               ///< its standard output, up to its end or the time limit
  std::optional<ExitStatus> status; ///< how it ended; nullopt: it ran past the time limit
};

/// Starts `spec` and waits at most `timeout` seconds for it to close its standard output and
/// exit. Throws hpsearch::Error (environment) when it cannot be started.
ChildRun run_child(const SpawnSpec& spec, double timeout);

} // namespace hpsearch
