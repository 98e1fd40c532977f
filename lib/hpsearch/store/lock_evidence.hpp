#pragma once
// Reading a held checkpoint lock from the file system: its text and identity, its age on
// the file system's clock (the rule is in store/lock_staleness.hpp), and whether its
// process is still running when it is on this host.
#include "hpsearch/store/lock_staleness.hpp"

#include <optional>
#include <string>
#include <sys/types.h>

namespace hpsearch {

/// One reading of a lock file, all from one open file descriptor (opening revalidates
/// NFS's cached attributes, so the mtime is the server's current one).
struct HeldLock {
  std::string text;
  dev_t device = 0;
  ino_t inode = 0;
  double mtime = 0.0; ///< the file system's timestamp of its last change
};

/// The lock file at `path`; nullopt when there is none. Throws hpsearch::Error (io) when it
/// exists but cannot be read.
std::optional<HeldLock> read_held_lock(const std::string& path);

/// The file system's clock now, read beside `path`: a probe file "<path>.probe.<host>.<pid>"
/// is written, synced, its mtime read, and removed. Throws hpsearch::Error (io) naming the
/// probe file when it cannot be written.
double file_system_now(const std::string& path);

/// The name of this host for locks: gethostname(), or HPSEARCH_LOCK_HOST when set. That
/// variable exists for tests only (to play a manager on another node on one machine).
std::string lock_host_name();

/// Everything judge_lock needs about `held`, found at `path`.
LockEvidence gather_evidence(const HeldLock& held, const std::string& path);

/// The start time (clock ticks since boot) of process `pid`, "" when there is none.
std::string process_start_time(std::int64_t pid);

} // namespace hpsearch
