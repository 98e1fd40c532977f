#include "hpsearch/eval/command_evaluator.hpp"

#include "hpsearch/core/child_process.hpp"
#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/command_output.hpp"
#include "hpsearch/eval/continuation_reporter.hpp"
#include "hpsearch/eval/trial_state.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <poll.h>
#include <unistd.h>

namespace hpsearch {

namespace {

constexpr std::size_t kStderrLines = 20;
/// How often a running job checks stop_requested() (and, without a pidfd, its exit).
constexpr double kCheckInterval = 0.02;

enum class Ending { exited, timed_out, stopped };

std::string env_name(const std::string& parameter) {
  std::string out = "HPS_PARAM_";
  for (const char c : parameter) {
    const auto u = static_cast<unsigned char>(c);
    out += std::isalnum(u) != 0 ? static_cast<char>(std::toupper(u)) : '_';
  }
  return out;
}

/// Runs the child to its end: forwards its stdout to `log` and `parser`, reports
/// progress, enforces the timeout and stop decisions. Leaves the group killed and reaped.
struct Supervisor {
  ChildProcess& child;
  OutputParser& parser;
  std::ofstream& log;
  Reporter& reporter;
  const bool& stop_decided; ///< set by the progress callback when report() answered stop
  double timeout;           ///< seconds from now; 0 = none
  double kill_grace;        ///< seconds
  const std::function<bool()>& torn_down; ///< the worker is being killed: SIGKILL at once

  Ending ending = Ending::exited;
  bool terminating = false;
  double kill_at = 0.0;

  void terminate(Ending why, double now) {
    if (terminating) return;
    terminating = true;
    ending = why;
    child.signal_group(SIGTERM);
    kill_at = now + kill_grace;
  }

  /// Reads what the pipe holds now, at most `max_reads` chunks (so that a child flooding
  /// its stdout cannot starve the timeout); false at end of file.
  bool drain(int max_reads) {
    char buffer[65536];
    for (int i = 0; i < max_reads; ++i) {
      const ssize_t n = ::read(child.stdout_fd(), buffer, sizeof buffer);
      if (n > 0) {
        const std::string_view bytes(buffer, static_cast<std::size_t>(n));
        log.write(bytes.data(), n);
        parser.feed(bytes);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      log.flush();
      return n < 0; // EAGAIN: open but empty; 0: end of file
    }
    log.flush();
    return true;
  }

  ExitStatus run() {
    const double start = monotonic_seconds();
    const double deadline = timeout > 0.0 ? start + timeout : HUGE_VAL;
    while (!child.try_wait()) {
      const double now = monotonic_seconds();
      if (!terminating && now >= deadline) terminate(Ending::timed_out, now);
      if (!terminating && (stop_decided || reporter.stop_requested())) {
        terminate(Ending::stopped, now);
      }
      if (torn_down && torn_down()) {
        terminate(Ending::stopped, now);
        kill_at = now;
      }
      if (terminating && now >= kill_at) child.signal_group(SIGKILL);
      double wait = terminating ? kill_at - now : std::min(deadline - now, kCheckInterval);
      wait = std::clamp(wait, 0.0, kCheckInterval);
      pollfd fds[2] = {{child.stdout_fd(), POLLIN, 0}, {child.exit_fd(), POLLIN, 0}};
      const int n = ::poll(fds, 2, static_cast<int>(std::ceil(wait * 1000.0)));
      if (n > 0 && fds[0].revents != 0 && !drain(16)) child.close_stdout();
    }
    // Kill what the job left running in its group first: then every writer is gone and
    // the pipe ends after what is buffered (what the child wrote just before exiting).
    const ExitStatus status = child.kill_and_reap();
    if (child.stdout_fd() >= 0) drain(1 << 20);
    child.close_stdout();
    parser.finish();
    return status;
  }
};

std::string with_stderr(std::string message, const std::string& stderr_path) {
  const std::string tail = tail_lines(stderr_path, kStderrLines);
  if (!tail.empty())
    message += "\nstderr (last " + std::to_string(kStderrLines) + " lines):\n" + tail;
  return message;
}

Outcome failed(std::string message) {
  Outcome outcome;
  outcome.status = Status::failed;
  outcome.message = std::move(message);
  return outcome;
}

std::string describe_value(double value) {
  return std::isnan(value) ? "NaN" : to_string(Value{value});
}

} // namespace

CommandEvaluator::CommandEvaluator(CommandSpec spec, WorkerContext context)
    : spec_(std::move(spec)), context_(std::move(context)),
      template_(spec_.command, spec_.parameters), memory_(spec_.memory_limit) {
  if (!(spec_.kill_grace >= 0.0) || !std::isfinite(spec_.kill_grace)) {
    throw Error::input("objective.kill_grace must be a finite number of seconds >= 0");
  }
  if (spec_.workdir.empty()) throw Error::internal("the command evaluator needs a work directory");
  spec_.workdir = std::filesystem::absolute(spec_.workdir).lexically_normal().string();
  if (!spec_.problem_dir.empty()) {
    spec_.problem_dir = std::filesystem::absolute(spec_.problem_dir).lexically_normal().string();
  }
}

Outcome CommandEvaluator::run(const Job& job, const JobWorkdir& dir, Reporter& reporter) {
  const std::string trial_dir =
      context_.trial_root.empty() ? "" : prepare_trial_state(context_.trial_root, job);
  const JobFacts facts{
      job.id,        job.seed,          job.fidelity, dir.path(), spec_.problem_dir,
      trial_of(job), job.from_fidelity, trial_dir};
  std::vector<std::pair<std::string, std::string>> vars;
  for (const auto& [name, value] : job.config.entries()) {
    vars.emplace_back(env_name(name), to_string(value));
  }
  vars.emplace_back("HPS_JOB_ID", std::to_string(job.id));
  vars.emplace_back("HPS_SEED", std::to_string(job.seed));
  vars.emplace_back("HPS_FIDELITY", to_string(Value{job.fidelity}));
  vars.emplace_back("HPS_WORKDIR", dir.path());
  vars.emplace_back("HPS_TRIAL_ID", std::to_string(facts.trial));
  vars.emplace_back("HPS_RESUME_FROM", to_string(Value{job.from_fidelity}));
  if (!trial_dir.empty()) vars.emplace_back("HPS_TRIAL_DIR", trial_dir);
  vars.emplace_back("PWD", dir.path());
  for (const auto& entry : context_.child_env) vars.push_back(entry);
  const std::vector<std::string> argv = template_.expand(job.config, facts);
  const std::string stderr_path = dir.file("stderr.log");

  std::ofstream log(dir.file("stdout.log"), std::ios::binary);
  bool stop_decided = false;
  std::optional<ProgressReport> last_reported; // a stopped job's result
  ContinuationReporter continuation(reporter, job.from_fidelity);
  OutputParser parser([&](const ProgressReport& p) {
    if (stop_decided) return; // lines printed before SIGTERM arrived
    last_reported = p;
    if (continuation.report(p.step, p.value)) stop_decided = true;
  });
  SpawnSpec spawn{argv, environment_with(vars), dir.path(), stderr_path, {}, ""};
  memory_.apply(spawn);
  ChildProcess child(spawn);
  Supervisor supervisor{child,
                        parser,
                        log,
                        reporter,
                        stop_decided,
                        job.timeout,
                        spec_.kill_grace,
                        context_.torn_down};
  const ExitStatus status = supervisor.run();

  Outcome outcome;
  const std::string program = "'" + argv.front() + "'";
  switch (supervisor.ending) {
  case Ending::timed_out:
    outcome.status = Status::timeout;
    outcome.message = with_stderr("timed out after " + to_string(Value{job.timeout}) +
                                      " s (run.eval_timeout): its process group was killed",
                                  stderr_path);
    return outcome;
  case Ending::stopped:
    outcome.status = Status::stopped;
    if (const auto& last = last_reported) {
      outcome.objective = last->value;
      outcome.message = "stopped by the manager after step " + to_string(Value{last->step});
    } else {
      outcome.message = "stopped by the manager before any progress line";
    }
    return outcome;
  case Ending::exited:
    break;
  }
  if (!status.success()) {
    const bool out_of_memory =
        spec_.memory_limit.is_set() && child.out_of_memory(tail_lines(stderr_path, kStderrLines));
    if (!out_of_memory) return failed(with_stderr(program + " " + status.describe(), stderr_path));
    return failed(with_stderr(out_of_memory_message(spec_.memory_limit) + ": " + program + " " +
                                  status.describe() + " (enforced by " + memory_.mechanism() + ")",
                              stderr_path));
  }
  std::optional<ObjectiveReport> result = parser.objective();
  if (!result) {
    if (const auto text = read_small_file(dir.file("result.json"), 1 << 20)) {
      result = parse_result_json(*text);
      if (!result) {
        return failed(with_stderr(program + " wrote a result.json that holds no objective "
                                            "(expected {\"objective\": <number>, ...} or a number)",
                                  stderr_path));
      }
    }
  }
  if (!result) {
    return failed(with_stderr(
        program + " exited with status 0 but reported no objective (expected a stdout line "
                  "'objective: <number>', a JSON line {\"objective\": <number>} or a file "
                  "result.json in its working directory)",
        stderr_path));
  }
  if (!std::isfinite(result->value)) {
    return failed(
        with_stderr(program + " reported a non-finite objective: " + describe_value(result->value),
                    stderr_path));
  }
  outcome.objective = result->value;
  outcome.metadata = std::move(result->metadata_json);
  return outcome;
}

Outcome CommandEvaluator::evaluate(const Job& job, Reporter& reporter) {
  const double started = wall_seconds();
  Outcome outcome;
  std::optional<JobWorkdir> dir;
  try {
    dir.emplace(spec_.workdir, job);
    outcome = run(job, *dir, reporter);
  } catch (const std::exception& e) {
    outcome = failed(e.what()); // cannot create the directory, cannot start the program
  }
  outcome.started_at = started;
  outcome.finished_at = wall_seconds();
  if (dir && dir->finish(spec_.keep_workdirs, outcome.status) && outcome.status != Status::ok &&
      outcome.status != Status::stopped) {
    outcome.message += "\n(job directory kept: " + dir->path() + ")";
  }
  return outcome;
}

} // namespace hpsearch
