#include "hpsearch/store/checkpoint_lock.hpp"

#include "hpsearch/core/errno_text.hpp"
#include "hpsearch/core/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <signal.h>
#include <sstream>
#include <unistd.h>
#include <utility>

namespace hpsearch {

namespace {

std::string this_host() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown-host";
  return buf;
}

/// Field `n` (3 = state, 22 = start time) of /proc/<pid>/stat, or "" when the process
/// does not exist.
std::string stat_field(std::int64_t pid, int n) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return {};
  const auto paren = stat.rfind(')'); // the command name may contain spaces
  if (paren == std::string::npos || paren + 2 > stat.size()) return {};
  std::istringstream fields(stat.substr(paren + 2));
  std::string field;
  for (int i = 3; i <= n && fields >> field; ++i) {
  }
  return field;
}

std::string start_time_of(std::int64_t pid) {
  return stat_field(pid, 22);
}

std::string format(const LockOwner& o) {
  return "host " + o.host + "\npid " + std::to_string(o.pid) + "\njob " + o.job_id + "\nstart " +
         o.start_time + "\n";
}

LockOwner parse(const std::string& text) {
  LockOwner o;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const auto space = line.find(' ');
    const std::string key = line.substr(0, space);
    const std::string value = space == std::string::npos ? "" : line.substr(space + 1);
    if (key == "host") o.host = value;
    if (key == "pid") o.pid = std::atoll(value.c_str());
    if (key == "job") o.job_id = value;
    if (key == "start") o.start_time = value;
  }
  return o;
}

std::string read_all(const std::string& path, bool& exists) {
  std::ifstream in(path, std::ios::binary);
  exists = static_cast<bool>(in);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool is_stale(const LockOwner& o) {
  if (o.host != this_host() || o.pid <= 0) return false;
  if (kill(static_cast<pid_t>(o.pid), 0) != 0 && errno == ESRCH) return true;
  const std::string state = stat_field(o.pid, 3);
  if (state == "Z" || state == "X") return true; // killed, not yet reaped
  const std::string now = start_time_of(o.pid);
  return !o.start_time.empty() && !now.empty() && now != o.start_time; // pid reused
}

std::string describe(const LockOwner& o) {
  return "host " + (o.host.empty() ? "?" : o.host) + ", pid " + std::to_string(o.pid) + ", job " +
         (o.job_id.empty() ? "none" : o.job_id);
}

/// Creates `path` exclusively with `content`; false when it exists.
bool create_exclusive(const std::string& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    const int error = errno;
    const std::string message = "cannot create lock file '" + path + "': " + errno_text(error);
    // No such directory: the path is wrong. Anything else (no permission, read-only file
    // system, no space) is the machine's.
    throw error == ENOENT || error == ENOTDIR ? Error::input(message) : Error::io(message);
  }
  const auto n = ::write(fd, content.data(), content.size());
  const bool ok = n == static_cast<ssize_t>(content.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    throw Error::io("cannot write lock file '" + path + "': " + errno_text(errno));
  }
  return true;
}

} // namespace

LockOwner CheckpointLock::self(const std::string& job_id) {
  LockOwner o;
  o.host = this_host();
  o.pid = static_cast<std::int64_t>(getpid());
  o.job_id = job_id;
  o.start_time = start_time_of(o.pid);
  return o;
}

CheckpointLock CheckpointLock::acquire(const std::string& checkpoint, const std::string& job_id,
                                       std::string& warning) {
  const std::string path = lock_path(checkpoint);
  const std::string content = format(self(job_id));
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (create_exclusive(path, content)) return CheckpointLock(path, content);
    bool exists = false;
    const std::string held = read_all(path, exists);
    if (!exists) continue; // released meanwhile
    const LockOwner owner = parse(held);
    if (!is_stale(owner)) {
      throw Error::input("checkpoint '" + checkpoint + "' is in use by " + describe(owner) +
                         " (lock file " + path + "; remove it only if that process is gone)");
    }
    // Move the stale lock aside atomically; only one of several racing managers succeeds,
    // and it checks that what it moved is the lock it judged stale.
    const std::string aside = path + ".stale." + std::to_string(getpid());
    if (::rename(path.c_str(), aside.c_str()) != 0) continue;
    bool moved_exists = false;
    if (read_all(aside, moved_exists) != held) {
      ::rename(aside.c_str(), path.c_str()); // someone else's fresh lock: put it back
      continue;
    }
    ::unlink(aside.c_str());
    warning = "took over the stale lock of checkpoint '" + checkpoint + "' (" + describe(owner) +
              ": that process is gone)";
  }
  throw Error::input("cannot take the lock file '" + path + "': it keeps changing");
}

CheckpointLock::CheckpointLock(CheckpointLock&& other) noexcept
    : path_(std::exchange(other.path_, {})), content_(std::move(other.content_)) {}

CheckpointLock& CheckpointLock::operator=(CheckpointLock&& other) noexcept {
  if (this != &other) {
    release();
    path_ = std::exchange(other.path_, {});
    content_ = std::move(other.content_);
  }
  return *this;
}

CheckpointLock::~CheckpointLock() {
  release();
}

void CheckpointLock::release() noexcept {
  if (path_.empty()) return;
  bool exists = false;
  try {
    if (read_all(path_, exists) == content_) ::unlink(path_.c_str());
  } catch (...) {
  }
  path_.clear();
}

} // namespace hpsearch
