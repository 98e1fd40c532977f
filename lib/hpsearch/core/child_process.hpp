#pragma once
// ChildProcess: one external program, started with posix_spawn (no fork: Open MPI warns
// about fork() with some fabrics) as the leader of a new session and process group, so
// that everything it starts can be signalled at once. Its stdin reads /dev/null (or a given
// descriptor), its stdout is a non-blocking pipe read by the parent, its stderr goes to a
// file.
//
// The one process spawner of hpsearch: the command evaluator's jobs and the evaluation
// host (eval), batch-system queries and nvidia-smi (sched/query_output) all start programs
// through it.
//
// RAII: the destructor kills whatever is left of the group (SIGKILL) and reaps it. This
// process becomes a child subreaper (PR_SET_CHILD_SUBREAPER), so grandchildren orphaned
// by a job are re-parented here and reaped too: no zombies, no orphans. A descendant that
// leaves the group (setsid/setpgid) escapes the kill.
#include <optional>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace hpsearch {

/// How a process ended.
struct ExitStatus {
  int code = -1;  ///< the exit status when it exited, else -1
  int signal = 0; ///< the signal that killed it, else 0

  bool success() const { return signal == 0 && code == 0; }
  /// "exit status 1", "killed by signal SIGSEGV (11)".
  std::string describe() const;
};

/// This process's environment with `overrides` set (replacing same-named variables), in
/// SpawnSpec::env's form.
std::vector<std::string>
environment_with(const std::vector<std::pair<std::string, std::string>>& overrides);

struct SpawnSpec {
  std::vector<std::string> argv; ///< argv[0] is searched in PATH when it has no '/'
  /// The child's complete environment, "NAME=value" each; nullopt: this process's.
  std::optional<std::vector<std::string>> env;
  std::string cwd;         ///< the child's working directory; empty: this process's
  std::string stderr_path; ///< created (or truncated), receives the child's stderr; empty:
                           ///< /dev/null
  /// The child's stdin: a duplicate of this descriptor (one end of a socketpair, for a
  /// child that talks back on it); -1: /dev/null.
  int stdin_fd = -1;
};

class ChildProcess {
public:
  /// Starts the program. Throws hpsearch::Error naming the program and the reason when
  /// it cannot be started (no such program, not executable, no such cwd, ...).
  explicit ChildProcess(const SpawnSpec& spec);
  ~ChildProcess();
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&&) = delete;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  /// The read end of the child's stdout (non-blocking), or -1 once closed.
  int stdout_fd() const { return stdout_fd_; }
  void close_stdout();
  /// A descriptor that polls readable when the leader exits (a pidfd), or -1 when the
  /// kernel has none: then call try_wait() periodically.
  int exit_fd() const { return pidfd_; }

  /// Reaps the leader if it has exited; its status once reaped.
  std::optional<ExitStatus> try_wait();
  /// Sends `signal` to every process of the group (no-op once the group is gone).
  void signal_group(int signal);
  /// Kills what is left of the group with SIGKILL, waits for the leader and reaps every
  /// member re-parented to this process. Returns the leader's status. Idempotent.
  ExitStatus kill_and_reap();

private:
  pid_t pid_ = -1; ///< also the process group id
  int stdout_fd_ = -1;
  int pidfd_ = -1;
  bool group_gone_ = false;
  std::optional<ExitStatus> status_;
};

} // namespace hpsearch
