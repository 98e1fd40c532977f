#pragma once
// CheckpointLock: hpsearch's own exclusive lock on a checkpoint, the file "<checkpoint>.lock"
// created with O_EXCL and holding the owner's host, pid, process start time and batch job
// id. It works where HDF5's file locking is off (HDF5_USE_FILE_LOCKING=FALSE on Lustre,
// GPFS) and tells the refused user who holds the checkpoint.
//
// A lock is stale when its host is this host and its pid is gone, or is now another
// process (the start time differs). A stale lock is taken over, with a warning. A lock
// held on another host cannot be checked from here and is always respected.
#include <cstdint>
#include <string>

namespace hpsearch {

struct LockOwner {
  std::string host;
  std::int64_t pid = 0;
  std::string job_id;     ///< "" outside a batch system
  std::string start_time; ///< the process's start time in clock ticks since boot (Linux)
};

class CheckpointLock {
public:
  /// Takes the lock on `checkpoint` for this process. Throws hpsearch::Error (bad_input)
  /// "checkpoint 'F' is in use by host H, pid P, job J (lock file F.lock)" when a live
  /// process holds it. A stale lock is taken over and `warning` says whose it was.
  static CheckpointLock acquire(const std::string& checkpoint, const std::string& job_id,
                                std::string& warning);

  CheckpointLock(CheckpointLock&& other) noexcept;
  CheckpointLock& operator=(CheckpointLock&& other) noexcept;
  CheckpointLock(const CheckpointLock&) = delete;
  CheckpointLock& operator=(const CheckpointLock&) = delete;
  /// Removes the lock file (if it is still ours). Never throws.
  ~CheckpointLock();

  const std::string& path() const { return path_; }

  static std::string lock_path(const std::string& checkpoint) { return checkpoint + ".lock"; }
  /// This process as a lock owner.
  static LockOwner self(const std::string& job_id);

private:
  CheckpointLock(std::string path, std::string content)
      : path_(std::move(path)), content_(std::move(content)) {}
  void release() noexcept;

  std::string path_;    ///< empty once released or moved from
  std::string content_; ///< what we wrote, to recognise our own lock
};

} // namespace hpsearch
