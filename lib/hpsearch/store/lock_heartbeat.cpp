#include "hpsearch/store/lock_heartbeat.hpp"

#include "hpsearch/core/clock.hpp"
#include "hpsearch/store/lock_owner.hpp"

#include <chrono>
#include <csignal>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hpsearch {

LockHeartbeat::LockHeartbeat(int fd, off_t offset, double interval, std::string path)
    : fd_(fd), offset_(offset), interval_(interval), path_(std::move(path)) {
  // The thread inherits the creating thread's signal mask: block everything while it
  // starts, so process-directed signals keep going to the manager's main thread.
  sigset_t all;
  sigset_t previous;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &previous);
  thread_ = std::thread([this] { run(); });
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

LockHeartbeat::~LockHeartbeat() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool LockHeartbeat::beat() {
  struct stat ours {};
  struct stat named {};
  if (::fstat(fd_, &ours) != 0) return false;
  if (::stat(path_.c_str(), &named) != 0 || named.st_ino != ours.st_ino ||
      named.st_dev != ours.st_dev) {
    lost_ = true; // our descriptor keeps our inode alive, so its number cannot be reused
    return false;
  }
  // The text is for people; the timestamp is what other managers judge. futimens(NULL)
  // asks the file system for "now" on its own clock (NFS: SETATTR to the server's time,
  // sent at once), without waiting for a data sync as an fsync would on a busy disk.
  const std::string value = heartbeat_text(wall_seconds());
  [[maybe_unused]] const auto written = ::pwrite(fd_, value.data(), value.size(), offset_);
  if (::futimens(fd_, nullptr) == 0) ++beats_;
  return true; // a failed beat (a full disk) is tried again at the next one
}

void LockHeartbeat::run() {
  const auto period = std::chrono::duration<double>(interval_);
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, period, [this] { return stop_; })) {
    lock.unlock();
    const bool ours = beat();
    lock.lock();
    if (!ours) break;
  }
}

} // namespace hpsearch
