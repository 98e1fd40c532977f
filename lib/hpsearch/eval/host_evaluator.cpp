#include "hpsearch/eval/host_evaluator.hpp"

#include "hpsearch/core/allocation_failure.hpp"
#include "hpsearch/core/child_process.hpp"
#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/companion_program.hpp"
#include "hpsearch/core/errno_text.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/memory_limit.hpp"
#include "hpsearch/core/value.hpp"
#include "hpsearch/eval/job_workdir.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace hpsearch {

namespace {

constexpr const char* kHostName = "hpsearch-eval-host";
constexpr std::size_t kOutputLines = 20;
constexpr std::size_t kOutputKept =
    std::size_t{16} * 1024; ///< bytes of the host's output kept for messages
/// How often a waiting worker asks its Reporter whether the manager decided to stop.
constexpr double kStopCheckInterval = 0.02;
/// Seconds a fresh host (after a death) may take to start when jobs have a timeout shorter
/// than this: loading LibTorch and the data again is not the job's time, but a start that
/// hangs (a dead file system) must not hang the worker.
constexpr double kRestartAllowance = 300.0;
/// How long a host whose socket closed may take to exit before it is killed.
constexpr double kExitWait = 1.0;

/// A start that ran past the job's timeout (a restart between jobs).
struct StartTimedOut {
  std::string message;
};

/// An owned descriptor.
class Fd {
public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

private:
  int fd_;
};

std::string seconds_text(double seconds) {
  return to_string(Value{seconds});
}

} // namespace

std::string find_eval_host() {
#ifdef HPSEARCH_EVAL_HOST_BUILD_PATH
  constexpr std::string_view build_path = HPSEARCH_EVAL_HOST_BUILD_PATH;
#else
  constexpr std::string_view build_path;
#endif
  return find_companion_program(kHostName, build_path,
                                "the evaluation host: it runs plugin and torch objectives");
}

/// One running host: the child, its socket, its output.
class HostEvaluator::Host {
public:
  Host(const HostSpec& spec, MemoryLimiter& memory) {
    int fds[2] = {-1, -1};
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
      throw Error::environment("cannot start the evaluation host: socketpair: " +
                               errno_text(errno));
    }
    socket_ = std::make_unique<Fd>(fds[0]);
    const Fd child_end(fds[1]);
    SpawnSpec spawn;
    spawn.argv = {spec.executable, std::to_string(::getpid())};
    spawn.env = environment_with(spec.env);
    spawn.stdin_fd = child_end.get();
    if (memory.limit().is_set()) memory.apply(spawn);
    child_.emplace(spawn);
    socket_open_ = send_message(socket(), spec.init);
  }
  ~Host() {
    socket_.reset(); // an idle host ends at end of stream; ChildProcess kills what is left
  }
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  int socket() const { return socket_->get(); }
  ChildProcess& child() { return *child_; }
  HostDecoder& decoder() { return decoder_; }
  bool alive() { return socket_open_ && !child_->try_wait(); }
  bool send(const HostMessage& message) {
    socket_open_ = socket_open_ && send_message(socket(), message);
    return socket_open_;
  }

  /// Waits up to `seconds` for a message, output or the host's exit; reads what came.
  void wait(double seconds) {
    pollfd fds[3] = {
        {socket(), POLLIN, 0}, {child_->stdout_fd(), POLLIN, 0}, {child_->exit_fd(), POLLIN, 0}};
    const int ms = static_cast<int>(std::ceil(std::clamp(seconds, 0.0, 1.0) * 1000.0));
    if (::poll(fds, 3, ms) <= 0) return;
    if (fds[1].revents != 0) drain_output(16);
    if (fds[0].revents != 0 && !receive_available(socket(), decoder_)) socket_open_ = false;
  }

  /// Copies what the host printed to the worker's stderr and keeps the end of it; reads at
  /// most `max_reads` chunks (a flood cannot starve the timeout).
  void drain_output(int max_reads) {
    char buffer[65536];
    for (int i = 0; i < max_reads && child_->stdout_fd() >= 0; ++i) {
      const ssize_t n = ::read(child_->stdout_fd(), buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n == 0) child_->close_stdout();
      if (n <= 0) return;
      for (ssize_t done = 0; done < n;) { // best effort: a closed stderr loses the copy
        const ssize_t w = ::write(STDERR_FILENO, buffer + done, static_cast<std::size_t>(n - done));
        if (w <= 0 && errno != EINTR) break;
        done += std::max<ssize_t>(w, 0);
      }
      output_.append(buffer, static_cast<std::size_t>(n));
      if (output_.size() > 2 * kOutputKept) output_.erase(0, output_.size() - kOutputKept);
    }
  }

  /// Lets a host whose socket closed exit (up to kExitWait), kills what is left of its
  /// group, reaps it and reads the rest of its output. The leader's status.
  ExitStatus finish() {
    const double until = monotonic_seconds() + kExitWait;
    while (!child_->try_wait() && monotonic_seconds() < until) wait(until - monotonic_seconds());
    const ExitStatus status = child_->kill_and_reap();
    drain_output(1 << 10);
    return status;
  }

  /// "\nhost output (last 20 lines):\n..." or "" when it printed nothing.
  std::string output_tail() const {
    const std::string tail = last_lines(
        output_.size() > kOutputKept ? output_.substr(output_.size() - kOutputKept) : output_,
        kOutputLines, output_.size() > kOutputKept);
    if (tail.empty()) return {};
    return "\nits output (stdout and stderr, last " + std::to_string(kOutputLines) + " lines):\n" +
           tail;
  }

private:
  std::unique_ptr<Fd> socket_;
  std::optional<ChildProcess> child_;
  HostDecoder decoder_;
  bool socket_open_ = true;
  std::string output_;
};

HostEvaluator::HostEvaluator(HostSpec spec, std::function<bool()> torn_down)
    : spec_(std::move(spec)), torn_down_(std::move(torn_down)), memory_(spec_.memory_limit) {
  if (!(spec_.kill_grace >= 0.0) || !std::isfinite(spec_.kill_grace)) {
    throw Error::input("objective.kill_grace must be a finite number of seconds >= 0");
  }
  host_ = start_host(HUGE_VAL);
}

HostEvaluator::~HostEvaluator() = default;

int HostEvaluator::host_pid() const {
  return host_ ? host_->child().pid() : -1;
}

Outcome HostEvaluator::evaluate(const Job& job, Reporter& reporter) {
  const double started = wall_seconds();
  Outcome outcome;
  if (!host_) {
    try {
      const double limit = std::max(job.timeout, kRestartAllowance);
      const double deadline = job.timeout > 0.0 ? monotonic_seconds() + limit : HUGE_VAL;
      host_ = start_host(deadline);
    } catch (const StartTimedOut& e) {
      outcome.status = Status::timeout;
      outcome.message = e.message;
    } catch (const std::exception& e) {
      outcome.status = Status::failed;
      outcome.message = std::string("cannot restart the evaluation host: ") + e.what();
    }
  }
  if (host_) return run(job, reporter);
  outcome.started_at = started;
  outcome.finished_at = wall_seconds();
  return outcome;
}

Outcome HostEvaluator::run(const Job& job, Reporter& reporter) {
  enum class Ending { running, timed_out, torn_down };
  Host& host = *host_;
  const double started = wall_seconds();
  const double start = monotonic_seconds();
  const double deadline =
      job.timeout > 0.0 ? start + job.timeout + std::max(spec_.timeout_slack, 0.0) : HUGE_VAL;
  host.drain_output(16);
  host.send(job);
  Ending ending = Ending::running;
  bool stop_sent = false;
  double next_stop_check = start + kStopCheckInterval;
  double kill_at = HUGE_VAL;
  const auto stop = [&] {
    if (!stop_sent) {
      host.send(HostStop{reporter.decision() == ReportDecision::pause ? ReportDecision::pause
                                                                      : ReportDecision::stop});
    }
    stop_sent = true;
  };
  while (true) {
    while (auto message = host.decoder().next()) {
      if (const auto* progress = std::get_if<HostProgress>(&*message)) {
        // Reported even after a stop decision, as an in-process evaluator's would be.
        if (ending == Ending::running && reporter.report(progress->step, progress->value)) stop();
      } else if (auto* result = std::get_if<HostResult>(&*message);
                 result && ending == Ending::running) {
        return with_memory_cause(std::move(result->outcome));
      }
    }
    if (!host.alive()) break;
    const double now = monotonic_seconds();
    if (ending == Ending::running && !stop_sent && now >= next_stop_check) {
      if (reporter.stop_requested()) stop();
      next_stop_check = now + kStopCheckInterval;
    }
    if (ending == Ending::running && now >= deadline) {
      ending = Ending::timed_out;
      host.child().signal_group(SIGTERM);
      kill_at = now + spec_.kill_grace;
    }
    if (torn_down_ && torn_down_()) {
      ending = Ending::torn_down;
      kill_at = now;
    }
    if (now >= kill_at) host.child().signal_group(SIGKILL);
    const double wake = std::min({next_stop_check, deadline, kill_at});
    host.wait(std::clamp(wake - now, 0.0, kStopCheckInterval));
  }

  const ExitStatus status = host.finish();
  Outcome outcome;
  outcome.started_at = started;
  outcome.finished_at = wall_seconds();
  const std::string output = host.output_tail();
  switch (ending) {
  case Ending::timed_out:
    outcome.status = Status::timeout;
    outcome.message = "timed out after " + seconds_text(job.timeout) +
                      " s (run.eval_timeout): the evaluation host (" + spec_.what +
                      ") was killed (" + status.describe() + ")" + output;
    break;
  case Ending::torn_down:
    outcome.status = Status::stopped;
    outcome.message = "stopped: the worker is being torn down";
    break;
  case Ending::running:
    outcome.status = Status::failed;
    outcome.message = "the evaluation host (" + spec_.what + ") " + status.describe() +
                      " during the evaluation; a fresh host runs the next job";
    if (spec_.memory_limit.is_set() && host.child().out_of_memory(output)) {
      outcome.message = out_of_memory_message(spec_.memory_limit) + ": " + outcome.message +
                        " (enforced by " + memory_.mechanism() + ")";
    }
    outcome.message += output;
    break;
  }
  host_.reset();
  return outcome;
}

Outcome HostEvaluator::with_memory_cause(Outcome outcome) {
  // Under RLIMIT_DATA an allocation past the limit fails inside the host, which may catch
  // it (the trainer turns LibTorch's "not enough memory" into a failed job) and live on.
  if (outcome.status == Status::failed && spec_.memory_limit.is_set() &&
      names_allocation_failure(outcome.message)) {
    outcome.message = out_of_memory_message(spec_.memory_limit) + ": " + outcome.message +
                      " (enforced by " + memory_.mechanism() + ")";
  }
  return outcome;
}

std::unique_ptr<HostEvaluator::Host> HostEvaluator::start_host(double deadline) {
  const HostSpec& spec = spec_;
  auto host = std::make_unique<Host>(spec, memory_);
  while (true) {
    if (auto message = host->decoder().next()) {
      if (const auto* ready = std::get_if<HostReady>(&*message)) {
        if (ready->error.empty()) return host;
        throw Error(ready->error, static_cast<ExitCode>(ready->exit_code));
      }
      continue;
    }
    if (!host->alive()) {
      const ExitStatus status = host->finish();
      throw Error::environment("the evaluation host (" + spec.what + ", " + spec.executable + ") " +
                               status.describe() + " while starting" + host->output_tail());
    }
    if (monotonic_seconds() >= deadline) {
      host->child().signal_group(SIGKILL);
      host->finish();
      throw StartTimedOut{"timed out while a fresh evaluation host (" + spec.what +
                          ") was starting (limit: run.eval_timeout, at least " +
                          seconds_text(kRestartAllowance) + " s)" + host->output_tail()};
    }
    if (torn_down_ && torn_down_()) {
      throw Error::environment("the worker was torn down while its evaluation host started");
    }
    host->wait(kStopCheckInterval * 5);
  }
}

} // namespace hpsearch
