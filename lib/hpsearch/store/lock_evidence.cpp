#include "hpsearch/store/lock_evidence.hpp"

#include "hpsearch/core/errno_text.hpp"
#include "hpsearch/core/error.hpp"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <signal.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace hpsearch {

namespace {

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

bool process_gone(const LockOwner& o) {
  if (o.pid <= 0) return false;
  if (kill(static_cast<pid_t>(o.pid), 0) != 0 && errno == ESRCH) return true;
  const std::string state = stat_field(o.pid, 3);
  if (state == "Z" || state == "X") return true; // killed, not yet reaped
  const std::string now = process_start_time(o.pid);
  return !o.start_time.empty() && !now.empty() && now != o.start_time; // pid reused
}

double seconds_of(const timespec& t) {
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

/// Closes a file descriptor when it goes out of scope.
struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

} // namespace

std::string process_start_time(std::int64_t pid) {
  return stat_field(pid, 22);
}

std::optional<HeldLock> read_held_lock(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw Error::io("cannot read lock file '" + path + "': " + errno_text(errno));
  }
  const FdCloser closer{fd};
  HeldLock held;
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    throw Error::io("cannot read lock file '" + path + "': " + errno_text(errno));
  }
  held.device = st.st_dev;
  held.inode = st.st_ino;
  held.mtime = seconds_of(st.st_mtim);
  char buf[4096];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error::io("cannot read lock file '" + path + "': " + errno_text(errno));
    if (n == 0) break;
    held.text.append(buf, static_cast<std::size_t>(n));
  }
  return held;
}

double file_system_now(const std::string& path) {
  const std::string probe =
      path + ".probe." + lock_host_name() + "." + std::to_string(static_cast<long>(::getpid()));
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw Error::io("cannot write the clock probe '" + probe + "': " + errno_text(errno));
  }
  struct stat st {};
  const bool ok = ::write(fd, "t", 1) == 1 && ::fsync(fd) == 0 && ::fstat(fd, &st) == 0;
  const int error = errno;
  ::close(fd);
  ::unlink(probe.c_str());
  if (!ok) throw Error::io("cannot write the clock probe '" + probe + "': " + errno_text(error));
  return seconds_of(st.st_mtim);
}

std::string lock_host_name() {
  if (const char* forced = std::getenv("HPSEARCH_LOCK_HOST"); forced != nullptr && *forced) {
    return forced;
  }
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown-host";
  return buf;
}

LockEvidence gather_evidence(const HeldLock& held, const std::string& path) {
  LockEvidence e;
  e.owner = parse_lock(held.text);
  e.same_host = e.owner.host == lock_host_name();
  if (e.same_host) {
    e.process_gone = process_gone(e.owner);
  } else {
    e.age = file_system_now(path) - held.mtime;
  }
  return e;
}

} // namespace hpsearch
