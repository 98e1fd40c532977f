#include "hpsearch/store/checkpoint_lock.hpp"

#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/errno_text.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/store/lock_evidence.hpp"
#include "hpsearch/store/lock_heartbeat.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace hpsearch {

namespace {

/// "<path>.<what>.<host>.<pid>": a name no other process uses.
std::string own_name(const std::string& path, const std::string& what) {
  return path + "." + what + "." + lock_host_name() + "." +
         std::to_string(static_cast<long>(::getpid()));
}

[[noreturn]] void fail_create(const std::string& path, int error) {
  const std::string message = "cannot create lock file '" + path + "': " + errno_text(error);
  // No such directory: the path is wrong. Anything else (no permission, read-only file
  // system, no space) is the machine's.
  throw error == ENOENT || error == ENOTDIR ? Error::input(message) : Error::io(message);
}

/// Writes all of `content` to the new file `fd` and syncs it; false on failure (errno).
bool write_synced(int fd, const std::string& content) {
  const auto n = ::write(fd, content.data(), content.size());
  if (n >= 0 && n != static_cast<ssize_t>(content.size())) errno = ENOSPC;
  return n == static_cast<ssize_t>(content.size()) && ::fsync(fd) == 0;
}

/// O_EXCL create of `path` itself, for a file system without hard links.
int create_direct(const std::string& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0 && errno == EEXIST) return -1;
  if (fd < 0) fail_create(path, errno);
  if (!write_synced(fd, content)) {
    const int error = errno;
    ::close(fd);
    ::unlink(path.c_str());
    throw Error::io("cannot write lock file '" + path + "': " + errno_text(error));
  }
  return fd;
}

/// Creates `path` exclusively with `content` and returns its descriptor (read-write);
/// -1 when it exists. The content is written and synced under a private name first and
/// then hard-linked to `path` (link fails when `path` exists, atomically, NFS included),
/// so no reader ever sees a lock without its owner. A file system without hard links
/// gets an O_EXCL create of `path` itself.
int create_exclusive(const std::string& path, const std::string& content) {
  const std::string fresh = own_name(path, "new");
  const int fd = ::open(fresh.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail_create(path, errno);
  if (!write_synced(fd, content)) {
    const int error = errno;
    ::close(fd);
    ::unlink(fresh.c_str());
    throw Error::io("cannot write lock file '" + fresh + "': " + errno_text(error));
  }
  int error = ::link(fresh.c_str(), path.c_str()) == 0 ? 0 : errno;
  struct stat st {};
  if (error != 0 && error != EEXIST && ::fstat(fd, &st) == 0 && st.st_nlink == 2) {
    error = 0; // NFS: the reply was lost, but the link was made
  }
  ::unlink(fresh.c_str());
  if (error == 0) return fd;
  ::close(fd);
  if (error == EEXIST) return -1;
  if (error == EPERM || error == ENOTSUP || error == EOPNOTSUPP) {
    return create_direct(path, content);
  }
  fail_create(path, error);
}

/// True when the take-over marker (its text: "<host> <pid>") was left by a process of this
/// host that no longer exists: killed during its take-over (kill -9 at the walltime). Such a
/// marker is stale at once; waiting out the lease would refuse every start for minutes.
bool marker_owner_is_gone(const std::string& text) {
  std::istringstream in(text);
  std::string host;
  long pid = 0;
  if (!(in >> host >> pid) || pid <= 0 || host != lock_host_name()) return false;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

/// Removes the take-over marker when the take-over ends, however it ends.
struct MarkerGuard {
  std::string path;
  ~MarkerGuard() { ::unlink(path.c_str()); }
};

/// Replaces the lock at `path`, judged stale as `judged`, by ours. -1 when this contender
/// must look again: another one is taking over, or the lock is no longer what was judged.
int take_over(const std::string& path, const HeldLock& judged, const std::string& content,
              double lease) {
  const std::string marker = path + ".takeover";
  const int mfd = ::open(marker.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (mfd < 0) {
    if (errno != EEXIST) {
      throw Error::io("cannot create '" + marker + "': " + errno_text(errno));
    }
    // Someone is taking over right now (it takes microseconds), or died doing it.
    if (const auto held = read_held_lock(marker);
        held && (marker_owner_is_gone(held->text) || file_system_now(path) - held->mtime > lease)) {
      ::unlink(marker.c_str());
    } else {
      ::usleep(20000);
    }
    return -1;
  }
  const std::string who = lock_host_name() + " " + std::to_string(static_cast<long>(::getpid()));
  [[maybe_unused]] const auto written = ::write(mfd, who.data(), who.size());
  ::close(mfd);
  const MarkerGuard guard{marker};
  const auto now = read_held_lock(path);
  if (!now || now->inode != judged.inode || now->device != judged.device ||
      now->text != judged.text) {
    return -1; // refreshed, released or already replaced: judge it again
  }
  const std::string aside = own_name(path, "stale");
  if (::rename(path.c_str(), aside.c_str()) != 0) return -1;
  int fd = -1;
  try {
    fd = create_exclusive(path, content);
  } catch (...) {
    ::unlink(aside.c_str());
    throw;
  }
  ::unlink(aside.c_str()); // a manager that started meanwhile may have won the create
  return fd;
}

std::string format_seconds(double s) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(1);
  out << s << " s";
  return out.str();
}

} // namespace

LockOwner CheckpointLock::self(const std::string& job_id, const std::string& scheduler) {
  LockOwner o;
  o.host = lock_host_name();
  o.pid = static_cast<std::int64_t>(getpid());
  o.job_id = job_id;
  o.scheduler = scheduler;
  o.start_time = process_start_time(o.pid);
  return o;
}

CheckpointLock CheckpointLock::acquire(const std::string& checkpoint, const std::string& job_id,
                                       std::string& warning) {
  return acquire(checkpoint, job_id, LockPolicy{}, warning);
}

CheckpointLock CheckpointLock::acquire(const std::string& checkpoint, const std::string& job_id,
                                       const LockPolicy& policy, std::string& warning) {
  const std::string path = lock_path(checkpoint);
  LockOwner me = self(job_id, policy.scheduler);
  me.refresh = heartbeat_interval(policy.lease);
  me.heartbeat = wall_seconds();
  const std::string content = format_lock(me);
  // Marker contention lasts microseconds; 100 looks (2 s of back-off at most) is plenty.
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = create_exclusive(path, content);
    if (fd >= 0) return CheckpointLock(path, fd, me.refresh);
    const auto held = read_held_lock(path);
    if (!held) continue; // released meanwhile
    const LockEvidence evidence = gather_evidence(*held, path);
    const LockVerdict verdict = judge_lock(evidence, policy.lease, policy.job_finished);
    if (!verdict.stale) {
      std::string message = "checkpoint '" + checkpoint + "' is in use by ";
      message += describe(evidence.owner);
      message += " (lock file " + path + "): ";
      message += verdict.why;
      throw Error::input(message);
    }
    const int taken = take_over(path, *held, content, policy.lease);
    if (taken < 0) continue;
    warning = "took over the stale lock of checkpoint '" + checkpoint + "' (" +
              describe(evidence.owner) +
              (evidence.same_host
                   ? ""
                   : ", heartbeat " + format_seconds(std::max(0.0, evidence.age)) + " old") +
              "): " + verdict.why;
    return CheckpointLock(path, taken, me.refresh);
  }
  throw Error::input("cannot take the lock file '" + path +
                     "': it keeps changing (another manager is starting on this checkpoint, or a "
                     "take-over marker " +
                     path + ".takeover is held by a process on another host)");
}

CheckpointLock::CheckpointLock(std::string path, int fd, double interval)
    : path_(std::move(path)), fd_(fd) {
  const off_t offset =
      static_cast<off_t>(::lseek(fd_, 0, SEEK_END)) - 1 - static_cast<off_t>(heartbeat_width());
  heartbeat_ = std::make_unique<LockHeartbeat>(fd_, offset, interval, path_);
}

CheckpointLock::CheckpointLock(CheckpointLock&& other) noexcept
    : path_(std::exchange(other.path_, {})), fd_(std::exchange(other.fd_, -1)),
      heartbeat_(std::move(other.heartbeat_)) {}

CheckpointLock& CheckpointLock::operator=(CheckpointLock&& other) noexcept {
  if (this != &other) {
    release();
    path_ = std::exchange(other.path_, {});
    fd_ = std::exchange(other.fd_, -1);
    heartbeat_ = std::move(other.heartbeat_);
  }
  return *this;
}

CheckpointLock::~CheckpointLock() {
  release();
}

bool CheckpointLock::lost() const {
  return heartbeat_ && heartbeat_->lost();
}

void CheckpointLock::release() noexcept {
  heartbeat_.reset(); // joined: no heartbeat touches the lock from here on
  if (fd_ < 0) return;
  struct stat ours {};
  struct stat named {};
  // Ours only while the path still names the file we created (our open descriptor keeps
  // its inode number from being reused).
  if (::fstat(fd_, &ours) == 0 && ::stat(path_.c_str(), &named) == 0 &&
      ours.st_ino == named.st_ino && ours.st_dev == named.st_dev) {
    ::unlink(path_.c_str());
  }
  ::close(fd_);
  fd_ = -1;
  path_.clear();
}

} // namespace hpsearch
