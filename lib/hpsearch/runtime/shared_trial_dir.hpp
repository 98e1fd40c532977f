#pragma once
// The trial directory must be visible to every worker that continues or copies a trial's
// state (DESIGN.md §5b): a multi-fidelity scheduler continues a paused trial on whichever
// worker is free, and population-based training copies a donor's state into another
// trial's. On a job of several nodes, a run.trial_dir on node-local storage (tmpfs or
// ramfs, or under /tmp, /var/tmp, /dev/shm or $TMPDIR) would leave each node its own
// copy, and a continuation on another node would not find its state: refused before any
// rank starts (issue 19, "states not visible across nodes", ray#12172).
#include <string>
#include <string_view>

namespace hpsearch {

/// Why `trial_dir` (absolute or relative to the working directory) is node-local, or ""
/// when nothing says so. `tmpdir` is $TMPDIR ("" when unset). Reads the file system type
/// of the nearest existing ancestor of the path.
std::string node_local_reason(const std::string& trial_dir, std::string_view tmpdir);

/// Throws hpsearch::Error (bad_input) naming run.trial_dir, the path and the reason when
/// `nodes` > 1 and the directory is node-local.
void check_trial_dir_shared(const std::string& trial_dir, int nodes, std::string_view tmpdir);

} // namespace hpsearch
