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
//
// Memory limit (SpawnSpec::memory_limit, `run.eval_memory`). posix_spawn has no hook
// between its clone and the exec, and rlimits are per process (setting one on the worker,
// even briefly, limits every thread of the worker), while prlimit(pid) after the spawn or
// writing the pid into cgroup.procs after it leaves a window in which the program already
// runs (and memory charged before a cgroup v2 migration stays with the old cgroup). So a
// limited child is started through a tiny exec wrapper, /bin/sh: the single-threaded shell
// applies the limit to itself and then execs the program, which inherits it (rlimits and
// cgroup membership survive execve and are inherited by every descendant). No instruction
// of the program runs outside the limit. The program is looked up in PATH by the parent as
// posix_spawnp would, so a missing program is still reported here, not as exit 127. When
// the shell cannot apply the limit it prints why on the child's stderr and exits 125. The
// cost is one more exec (bench/command: +16 ms median per spawn at load average 16 on 2
// cores, where a bare spawn took 20 ms). (glibc 2.41's posix_spawnattr_setcgroup_np, i.e.
// clone3 CLONE_INTO_CGROUP, would spare it for cgroups; Debian 12 has glibc 2.36.)
//   * cgroup v2 (SpawnSpec::memory_cgroup non-empty, see core/memory_cgroup.hpp): the child
//     gets its own cgroup <memory_cgroup>/hpsearch-job-<pid>-<n> with memory.max = limit
//     (and memory.swap.max = 0 where swap accounting exists). Counts what the job and all
//     its descendants have resident together (anonymous memory, page cache, kernel memory
//     such as socket buffers), not address space: CUDA, ASan, the JVM and Go, which
//     reserve huge ranges, run normally. Past the limit the kernel reclaims, then its OOM
//     killer sends SIGKILL to a process of the job; memory.events counts it (oom_kill),
//     which is how out_of_memory() knows for certain. Needs cgroup v2 with the memory
//     controller delegated to this process's cgroup (Slurm's cgroup/v2 plugin, systemd
//     Delegate=yes, or root); not hybrid v1/v2 hosts where memory is bound to v1. The job
//     cgroup is killed (cgroup.kill: also members that left the process group) and removed
//     when the child is reaped.
//   * RLIMIT_DATA otherwise (memory_cgroup empty): the child's private writable address
//     space (heap, anonymous mmap, thread stacks; since Linux 4.7) may not exceed the
//     limit (nor this process's hard RLIMIT_DATA, which the shell could not raise); an allocation
//     past it fails (malloc returns NULL, `new` throws std::bad_alloc, Python raises MemoryError),
//     so the program usually aborts or exits with an error. Chosen over RLIMIT_AS, which also
//     counts code, shared libraries, file mappings and PROT_NONE reservations, so that runtimes
//     reserving large address ranges (CUDA's unified address space, the JVM heap, Go's arenas)
//     still start. It is still a limit on address space, not on resident memory: memory allocated
//     but never touched counts (ASan's shadow, which is writable, breaks it); it is per process, so
//     a job's descendants each get the full limit and their sum is not bounded; shared memory
//     (MAP_SHARED, /dev/shm) and page cache are not counted. Nothing tells for certain that
//     a failure came from the limit: out_of_memory() relies on the exit (see there).
#include "hpsearch/core/memory_limit.hpp"

#include <optional>
#include <string>
#include <string_view>
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
  std::string cwd;          ///< the child's working directory; empty: this process's
  std::string stderr_path;  ///< created (or truncated), receives the child's stderr; empty:
                            ///< /dev/null
  MemoryLimit memory_limit; ///< unset: none (see above)
  /// A cgroup v2 directory whose children get the memory controller (memory_cgroup.hpp,
  /// MemoryLimiter); empty: the limit is RLIMIT_DATA. Ignored without a memory_limit.
  std::string memory_cgroup;
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

  /// Whether the child, once reaped with a failure, ran out of memory: with a job cgroup,
  /// its memory.events counted an OOM kill or an allocation failure (certain). Otherwise
  /// (RLIMIT_DATA, or no limit at all: the kernel's OOM killer) a guess from the exit:
  /// death by SIGKILL (what the OOM killer sends; call this only when the caller did not
  /// send it) or `stderr_text` naming a failed allocation (std::bad_alloc, MemoryError,
  /// "Cannot allocate memory", "out of memory", ...). A crash (SIGSEGV) after an unchecked
  /// NULL from malloc is not recognised.
  bool out_of_memory(std::string_view stderr_text) const;

private:
  pid_t pid_ = -1; ///< also the process group id
  int stdout_fd_ = -1;
  int pidfd_ = -1;
  bool group_gone_ = false;
  std::optional<ExitStatus> status_;
  std::string job_cgroup_;  ///< the child's own cgroup directory until released; empty: none
  bool cgroup_oom_ = false; ///< its memory.events counted an OOM, read when released
};

} // namespace hpsearch
