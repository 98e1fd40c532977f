#pragma once
// CheckpointLock: hpsearch's own exclusive lock on a checkpoint, the file "<checkpoint>.lock"
// created exclusively (a complete file hard-linked into place, or O_EXCL where there are no
// hard links) and holding the owner's host, pid, process start time, batch job and
// a heartbeat (store/lock_owner.hpp). It works where HDF5's file locking is off
// (HDF5_USE_FILE_LOCKING=FALSE on Lustre, GPFS) and tells the refused user who holds the
// checkpoint.
//
// While held, a thread refreshes the heartbeat every few seconds (store/lock_heartbeat.hpp),
// so a manager killed without cleaning up (SIGKILL at the walltime, node failure, OOM
// killer) leaves a lock that goes stale after the lease, wherever the next allocation
// starts. When a lock is stale, and how its age is measured without trusting any node's
// clock, is store/lock_staleness.hpp. A stale lock is taken over with a warning naming the
// old owner; a live one is refused with how old its heartbeat is and when the lease ends.
//
// Take-over is race-free between several would-be owners: only the one that creates the
// marker file "<lock>.takeover" with O_EXCL may replace a stale lock. Holding it, it checks
// that the lock is still the very file it judged (same inode, same text: a live owner's
// heartbeat changes the text), renames it aside and creates its own exclusively; so it can
// only replace what it judged, and a manager starting meanwhile either wins the exclusive
// create (the taker backs off) or is refused. Other contenders retry and then see the new,
// fresh lock. A marker left by a contender killed within those microseconds is removed once
// it is older than the lease.
#include "hpsearch/store/lock_owner.hpp"
#include "hpsearch/store/lock_staleness.hpp"

#include <memory>
#include <string>

namespace hpsearch {

class LockHeartbeat;

/// How this manager holds a lock and judges another's.
struct LockPolicy {
  double lease = 120.0;     ///< run.lock_lease: seconds without a heartbeat before a take-over
  std::string scheduler;    ///< our batch system, recorded in our lock ("slurm", ...; "" none)
  JobFinished job_finished; ///< asks the scheduler about another owner's job; may be empty
};

class CheckpointLock {
public:
  /// Takes the lock on `checkpoint` for this process and starts its heartbeat. Throws
  /// hpsearch::Error (bad_input) "checkpoint 'F' is in use by host H, pid P, job J (lock
  /// file F.lock): its heartbeat is 4.0 s old; the lease of 120 s expires in 116 s ..."
  /// when a live manager holds it. A stale lock is taken over and `warning` says whose it
  /// was and why it was judged stale.
  static CheckpointLock acquire(const std::string& checkpoint, const std::string& job_id,
                                const LockPolicy& policy, std::string& warning);
  /// The same with the default policy (lease 120 s, no scheduler).
  static CheckpointLock acquire(const std::string& checkpoint, const std::string& job_id,
                                std::string& warning);

  CheckpointLock(CheckpointLock&& other) noexcept;
  CheckpointLock& operator=(CheckpointLock&& other) noexcept;
  CheckpointLock(const CheckpointLock&) = delete;
  CheckpointLock& operator=(const CheckpointLock&) = delete;
  /// Stops the heartbeat, then removes the lock file (if it is still ours). Never throws.
  ~CheckpointLock();

  const std::string& path() const { return path_; }
  /// True once the heartbeat found the lock taken over by another manager.
  bool lost() const;

  static std::string lock_path(const std::string& checkpoint) { return checkpoint + ".lock"; }
  /// This process as a lock owner (no heartbeat yet).
  static LockOwner self(const std::string& job_id, const std::string& scheduler = "");

private:
  CheckpointLock(std::string path, int fd, double interval);
  void release() noexcept;

  std::string path_; ///< empty once released or moved from
  int fd_ = -1;      ///< our lock file, kept open: its inode identifies our lock
  std::unique_ptr<LockHeartbeat> heartbeat_;
};

} // namespace hpsearch
