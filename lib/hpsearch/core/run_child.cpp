#include "hpsearch/core/run_child.hpp"

#include "hpsearch/core/clock.hpp"

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace hpsearch {

namespace {

/// Milliseconds left until `end` for poll(), at least 1 while any time is left.
int poll_ms(double end) {
  return static_cast<int>((end - monotonic_seconds()) * 1000.0) + 1;
}

/// Reads the child's stdout to its end; false when `end` came first.
bool read_all(ChildProcess& child, std::string& out, double end) {
  char buf[4096];
  while (monotonic_seconds() < end) {
    pollfd p{child.stdout_fd(), POLLIN, 0};
    const int ready = ::poll(&p, 1, poll_ms(end));
    if (ready <= 0) continue; // timeout (the loop ends) or EINTR
    const ssize_t n = ::read(child.stdout_fd(), buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) return true;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return false;
}

/// Waits for the leader's exit status until `end` (it closed stdout, so it is ending).
std::optional<ExitStatus> wait_exit(ChildProcess& child, double end) {
  while (true) {
    if (auto status = child.try_wait()) return status;
    if (monotonic_seconds() >= end) return std::nullopt;
    if (child.exit_fd() >= 0) {
      pollfd p{child.exit_fd(), POLLIN, 0};
      ::poll(&p, 1, poll_ms(end));
    } else {
      ::usleep(2000);
    }
  }
}

} // namespace

ChildRun run_child(const SpawnSpec& spec, double timeout) {
  const double end = monotonic_seconds() + timeout;
  ChildProcess child(spec);
  ChildRun run;
  if (read_all(child, run.output, end)) run.status = wait_exit(child, end);
  return run; // ~ChildProcess kills what is left of the group and reaps it
}

} // namespace hpsearch
