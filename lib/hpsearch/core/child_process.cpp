#include "hpsearch/core/child_process.hpp"

#include "hpsearch/core/allocation_failure.hpp"
#include "hpsearch/core/errno_text.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/job_cgroup.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <string_view>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>

extern char** environ;

namespace hpsearch {

namespace {

ExitStatus decode(int raw) {
  ExitStatus status;
  if (WIFEXITED(raw)) status.code = WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) status.signal = WTERMSIG(raw);
  return status;
}

/// Closes a descriptor owned by a file-actions or attribute object on every path.
struct SpawnResources {
  posix_spawn_file_actions_t actions{};
  posix_spawnattr_t attr{};
  int pipe_fds[2] = {-1, -1};

  SpawnResources() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  ~SpawnResources() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    for (int fd : pipe_fds) {
      if (fd >= 0) ::close(fd);
    }
  }
  SpawnResources(const SpawnResources&) = delete;
  SpawnResources& operator=(const SpawnResources&) = delete;
};

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

/// The exec wrappers (child_process.hpp): the shell limits itself, then becomes the program.
/// $1 is the limit's argument; the program and its arguments follow.
constexpr const char* kJoinCgroup =
    "{ echo 0 >\"$1\"; } 2>/dev/null || { echo \"hpsearch: cannot move the job into its "
    "cgroup ($1)\" >&2; exit 125; }; shift; exec \"$@\"";
constexpr const char* kLimitData =
    "ulimit -d \"$1\" || { echo \"hpsearch: cannot set RLIMIT_DATA to $1 KiB\" >&2; "
    "exit 125; }; shift; exec \"$@\"";

bool executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

/// posix_spawnp's lookup of `program` (PATH when the name has no '/'; relative names
/// against the child's `cwd`): 0 when found, else the errno value it would fail with.
int find_program(const std::string& program, const std::string& cwd) {
  const auto in_cwd = [&](const std::string& path) {
    return path.front() == '/' || cwd.empty() ? path : cwd + "/" + path;
  };
  if (program.find('/') != std::string::npos) {
    return ::access(in_cwd(program).c_str(), X_OK) == 0 ? 0 : errno;
  }
  const char* env_path = std::getenv("PATH"); // NOLINT(concurrency-mt-unsafe): glibc: MT-Safe env
  const std::string_view dirs = env_path != nullptr ? env_path : "/bin:/usr/bin";
  int error = ENOENT;
  std::size_t at = 0;
  while (at <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', at), dirs.size());
    const std::string dir(dirs.substr(at, end - at));
    const std::string path = in_cwd((dir.empty() ? "." : dir) + "/" + program);
    if (executable_file(path)) return 0;
    if (errno == EACCES) error = EACCES;
    at = end + 1;
  }
  return error;
}

/// The argv that starts `spec.argv` under its memory limit: in `job_cgroup`, else with
/// RLIMIT_DATA.
/// RLIMIT_DATA: the limit in KiB (ulimit's unit), at most this process's hard limit (which
/// an unprivileged shell could not raise: the job is then limited tighter than asked).
std::vector<std::string> limited_argv(const SpawnSpec& spec, const std::string& job_cgroup) {
  std::uint64_t bytes = spec.memory_limit.bytes;
  if (rlimit current{};
      ::getrlimit(RLIMIT_DATA, &current) == 0 && current.rlim_max != RLIM_INFINITY) {
    bytes = std::min<std::uint64_t>(bytes, current.rlim_max);
  }
  std::vector<std::string> argv = {
      "/bin/sh", "-c", job_cgroup.empty() ? kLimitData : kJoinCgroup, "hpsearch-limit",
      job_cgroup.empty() ? std::to_string(bytes / 1024) : job_cgroup + "/cgroup.procs"};
  argv.insert(argv.end(), spec.argv.begin(), spec.argv.end());
  return argv;
}

} // namespace

std::vector<std::string>
environment_with(const std::vector<std::pair<std::string, std::string>>& overrides) {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    const std::string_view name = entry.substr(0, entry.find('='));
    const bool replaced = std::any_of(overrides.begin(), overrides.end(),
                                      [&](const auto& o) { return o.first == name; });
    if (!replaced) env.emplace_back(entry);
  }
  for (const auto& [name, value] : overrides) env.push_back(name + "=" + value);
  return env;
}

std::string ExitStatus::describe() const {
  if (signal != 0) {
    const char* abbrev = sigabbrev_np(signal);
    return "killed by signal " + (abbrev ? "SIG" + std::string(abbrev) : "?") + " (" +
           std::to_string(signal) + ")";
  }
  return "exit status " + std::to_string(code);
}

ChildProcess::ChildProcess(const SpawnSpec& spec) {
  const std::string program = spec.argv.empty() ? std::string() : spec.argv.front();
  const auto fail = [&](const std::string& what, int error) {
    throw Error::environment("cannot start '" + program + "': " + what + errno_text(error));
  };
  if (program.empty()) throw Error::input("cannot start a command: the program name is empty");
  // Orphaned grandchildren come back to this process, which reaps them (kill_and_reap).
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);

  if (spec.memory_limit.is_set()) {
    if (const int error = find_program(program, spec.cwd); error != 0) {
      const std::string where =
          spec.cwd.empty() ? "" : ", or no such working directory '" + spec.cwd + "'";
      fail(error == ENOENT
               ? "no such program" + where + " (PATH is searched when the name has no '/'): "
               : std::string(),
           error);
    }
    if (spec.memory_limit.bytes < min_memory_limit) {
      throw Error::input("cannot start '" + program + "': a memory limit of " +
                         format_memory_size(spec.memory_limit.bytes) + " is below the minimum " +
                         format_memory_size(min_memory_limit));
    }
  }

  SpawnResources r;
  if (::pipe2(r.pipe_fds, O_CLOEXEC) != 0) fail("pipe: ", errno);
  if (!spec.cwd.empty()) posix_spawn_file_actions_addchdir_np(&r.actions, spec.cwd.c_str());
  if (spec.stdin_fd >= 0) {
    posix_spawn_file_actions_adddup2(&r.actions, spec.stdin_fd, 0);
  } else {
    posix_spawn_file_actions_addopen(&r.actions, 0, "/dev/null", O_RDONLY, 0);
  }
  posix_spawn_file_actions_adddup2(&r.actions, r.pipe_fds[1], 1);
  if (spec.stderr_path.empty()) {
    posix_spawn_file_actions_addopen(&r.actions, 2, "/dev/null", O_WRONLY, 0);
  } else {
    posix_spawn_file_actions_addopen(&r.actions, 2, spec.stderr_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  posix_spawn_file_actions_addclosefrom_np(&r.actions, 3);

  sigset_t defaults;
  sigfillset(&defaults);
  sigdelset(&defaults, SIGKILL);
  sigdelset(&defaults, SIGSTOP);
  sigset_t empty;
  sigemptyset(&empty);
  posix_spawnattr_setsigdefault(&r.attr, &defaults); // undo the worker's SIG_IGN, if any
  posix_spawnattr_setsigmask(&r.attr, &empty);
  posix_spawnattr_setflags(&r.attr,
                           POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  // Made last, so that only a failed spawn below has to release it; then the destructor's
  // kill_and_reap does.
  if (spec.memory_limit.is_set() && !spec.memory_cgroup.empty()) {
    job_cgroup_ = create_job_cgroup(spec.memory_cgroup, spec.memory_limit);
  }
  const std::vector<std::string> args =
      spec.memory_limit.is_set() ? limited_argv(spec, job_cgroup_) : spec.argv;
  const std::vector<char*> argv = c_strings(args);
  const std::vector<char*> envp = spec.env ? c_strings(*spec.env) : std::vector<char*>{};
  pid_t pid = -1;
  const int rc = ::posix_spawnp(&pid, args.front().c_str(), &r.actions, &r.attr, argv.data(),
                                spec.env ? envp.data() : environ);
  if (rc != 0) {
    if (!job_cgroup_.empty()) release_job_cgroup(std::exchange(job_cgroup_, {}));
    const std::string where =
        spec.cwd.empty() ? "" : ", or no such working directory '" + spec.cwd + "'";
    fail(rc == ENOENT ? "no such program" + where + " (PATH is searched when the name has no '/'): "
                      : std::string(),
         rc);
  }
  pid_ = pid;
  stdout_fd_ = std::exchange(r.pipe_fds[0], -1);
  ::fcntl(stdout_fd_, F_SETFL, ::fcntl(stdout_fd_, F_GETFL) | O_NONBLOCK);
  pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0)); // -1 on old kernels
  if (pidfd_ >= 0) ::fcntl(pidfd_, F_SETFD, FD_CLOEXEC);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), stdout_fd_(std::exchange(other.stdout_fd_, -1)),
      pidfd_(std::exchange(other.pidfd_, -1)), group_gone_(other.group_gone_),
      status_(other.status_), job_cgroup_(std::exchange(other.job_cgroup_, {})),
      cgroup_oom_(other.cgroup_oom_) {}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) kill_and_reap();
  close_stdout();
  if (pidfd_ >= 0) ::close(pidfd_);
}

void ChildProcess::close_stdout() {
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  stdout_fd_ = -1;
}

std::optional<ExitStatus> ChildProcess::try_wait() {
  if (status_ || pid_ <= 0) return status_;
  int raw = 0;
  pid_t got = 0;
  do {
    got = ::waitpid(pid_, &raw, WNOHANG);
  } while (got < 0 && errno == EINTR);
  if (got == pid_) status_ = decode(raw);
  return status_;
}

void ChildProcess::signal_group(int signal) {
  if (pid_ <= 0 || group_gone_) return;
  if (::killpg(pid_, signal) != 0 && errno == ESRCH) group_gone_ = true;
}

ExitStatus ChildProcess::kill_and_reap() {
  if (pid_ <= 0) return status_.value_or(ExitStatus{});
  signal_group(SIGKILL);
  if (!status_) {
    int raw = 0;
    pid_t got = 0;
    do {
      got = ::waitpid(pid_, &raw, 0);
    } while (got < 0 && errno == EINTR);
    status_ = got == pid_ ? decode(raw) : ExitStatus{};
  }
  // Members re-parented here (we are their subreaper) once their parent died.
  signal_group(SIGKILL);
  while (true) {
    const pid_t got = ::waitpid(-pid_, nullptr, 0);
    if (got > 0 || (got < 0 && errno == EINTR)) continue;
    break; // ECHILD: no child of ours is left in the group
  }
  group_gone_ = true;
  if (!job_cgroup_.empty()) cgroup_oom_ = release_job_cgroup(std::exchange(job_cgroup_, {}));
  return *status_;
}

bool ChildProcess::out_of_memory(std::string_view stderr_text) const {
  if (!status_ || status_->success()) return false;
  if (cgroup_oom_ || status_->signal == SIGKILL) return true;
  return names_allocation_failure(stderr_text);
}

} // namespace hpsearch
