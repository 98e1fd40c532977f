#include "hpsearch/core/thread_clock.hpp"

#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace hpsearch {

namespace {

pid_t current_thread() {
  return static_cast<pid_t>(syscall(SYS_gettid));
}

double cpu_clock_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

} // namespace

ThreadClock::~ThreadClock() {
  if (fd_ >= 0) ::close(fd_);
}

ThreadClock::Reading ThreadClock::read() {
  const pid_t thread = current_thread();
  if (thread != thread_) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    tried_ = false;
    thread_ = thread;
  }
  if (!tried_) {
    tried_ = true;
    fd_ = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
  }
  if (fd_ >= 0) {
    char text[128];
    const ssize_t n = ::pread(fd_, text, sizeof text - 1, 0);
    unsigned long long cpu_ns = 0;
    unsigned long long wait_ns = 0;
    if (n > 0) {
      text[n] = '\0';
      if (std::sscanf(text, "%llu %llu", &cpu_ns, &wait_ns) == 2) {
        return {static_cast<double>(cpu_ns) * 1e-9, static_cast<double>(wait_ns) * 1e-9};
      }
    }
    ::close(fd_); // unreadable: fall back for good on this thread
    fd_ = -1;
  }
  return {cpu_clock_seconds(), 0.0};
}

} // namespace hpsearch
