#pragma once
// LockHeartbeat: the thread that keeps a held checkpoint lock fresh. Every `interval`
// seconds it rewrites the lock file's fixed-width heartbeat line in place (pwrite on the
// lock's own descriptor) and has the file system stamp a new mtime on its own clock
// (futimens with no time given): the age other managers judge the lock by
// (store/lock_staleness.hpp).
//
// Why a thread and not a timer in the manager loop: the manager's own stalls (an HDF5
// flush on a slow file system, fitting a surrogate, a long drain) are exactly what the
// lease must not mistake for death, and the loop cannot promise to come round within
// seconds; the heartbeat must never wait on dispatch either. The thread touches only its
// own descriptor (no HDF5, no MPI, no shared state but a stop flag), so it cannot delay a
// dispatch. It is started with every signal blocked, so SIGTERM/SIGUSR1 still reach the
// manager's handlers (sched/stop_signals.hpp) on the main thread.
//
// RAII: the destructor wakes the thread, joins it, and only then does the owner remove the
// lock (CheckpointLock::release), so a heartbeat never touches a lock being released. Every
// way out of the manager (normal end, exceptions, handled signals, the disk-full exit)
// passes through that destructor; only SIGKILL does not, and that is what the lease is for.
//
// Writing through the descriptor only ever touches the file this manager created: once the
// lock was taken over (its path now names another inode), the heartbeat notices, stops
// writing, and lost() says so.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <thread>

namespace hpsearch {

class LockHeartbeat {
public:
  /// `fd`: the lock file, open for writing (not owned); `offset`: where the heartbeat
  /// value (heartbeat_width() characters, store/lock_owner.hpp) starts; `path`: the lock's
  /// name, to notice a take-over.
  LockHeartbeat(int fd, off_t offset, double interval, std::string path);
  ~LockHeartbeat();
  LockHeartbeat(const LockHeartbeat&) = delete;
  LockHeartbeat& operator=(const LockHeartbeat&) = delete;

  /// True once the lock's path named another file (taken over after a stall beyond the
  /// lease, or removed by hand).
  bool lost() const { return lost_.load(); }
  /// Heartbeats written so far.
  long beats() const { return beats_.load(); }

private:
  void run();
  bool beat();

  int fd_;
  off_t offset_;
  double interval_;
  std::string path_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::atomic<bool> lost_{false};
  std::atomic<long> beats_{0};
  std::thread thread_; ///< last: started once everything above exists
};

} // namespace hpsearch
