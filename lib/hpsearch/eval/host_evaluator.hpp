#pragma once
// HostEvaluator: runs the in-process kinds (plugin, torch) in an evaluation host, a child
// process (`hpsearch-eval-host`, started with core/child_process: posix_spawn, never fork,
// in its own session and process group) that builds the evaluator once and evaluates each
// job the worker sends over a socketpair (host_protocol.hpp), so that user code never runs
// in the worker rank. Progress streams back to the job's Reporter; the manager's stop
// decision goes to the host.
//
// The host's stdout and stderr (the plugin's or trainer's prints) come to the worker through
// a pipe and are copied to the worker's stderr as they arrive; the last lines are kept.
//
// Outcomes beyond the evaluator's own:
//   - the host dies (a signal, abort(), exit()) during a job: failed, "the evaluation host
//     (<what>) was killed by signal SIGSEGV (11) ...", with its last 20 output lines; a
//     fresh host is started for the next job;
//   - job.timeout (+ timeout_slack) passes: the host's process group gets SIGTERM, SIGKILL
//     kill_grace seconds later; timeout; a fresh host for the next job;
//   - the host runs out of memory (memory_limit, or the kernel's OOM killer): failed, "out
//     of memory (limit 8 GiB): the evaluation host (...) killed by signal SIGKILL (9)
//     (enforced by ...)"; a fresh host for the next job;
//   - the host itself reports an allocation failure while memory_limit is set (RLIMIT_DATA:
//     malloc fails inside it, LibTorch's "not enough memory" becomes a failed job): failed,
//     "out of memory (limit 8 GiB): <its message> (enforced by ...)"; the host lives on;
//   - the worker is being torn down: the host is killed at once; stopped.
// The host's start (loading the library, LibTorch and the data) does not count against a
// job's timeout; a restart that takes longer than the job's timeout, or 5 minutes if that is
// longer, ends the job as timeout.
#include "hpsearch/core/memory_cgroup.hpp"
#include "hpsearch/eval/evaluator.hpp"
#include "hpsearch/eval/host_protocol.hpp"

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hpsearch {

struct HostSpec {
  std::string executable; ///< the evaluation host program (find_eval_host())
  HostInit init;          ///< what the host builds its evaluator from
  /// Set in the host's environment on top of the worker's (WorkerContext::child_env).
  std::vector<std::pair<std::string, std::string>> env;
  std::string what;         ///< names the evaluator in messages: "plugin '/x/libf.so'"
  double kill_grace = 10.0; ///< seconds between SIGTERM and SIGKILL (objective.kill_grace)
  /// Seconds past job.timeout before the host is killed: the LibTorch trainer ends a job
  /// that ran out of time itself, between batches, and keeps its host (and data) alive.
  double timeout_slack = 0.0;
  /// run.eval_memory, on the host process as a whole (core/child_process.hpp: a cgroup v2
  /// when the worker can make one, else RLIMIT_DATA): what the library or the trainer and
  /// its data hold count with what the evaluation allocates. Unset: none.
  MemoryLimit memory_limit;
};

/// The evaluation host program: `hpsearch-eval-host` next to the running executable, else
/// the one this build made. Throws hpsearch::Error (environment) naming where it looked.
std::string find_eval_host();

class HostEvaluator final : public Evaluator {
public:
  /// Starts the host and waits until it has built its evaluator. Throws hpsearch::Error:
  /// the host's own error when it could not build it (a library that does not load: bad
  /// input), environment when the host cannot start or dies while starting. `torn_down`:
  /// the worker is being killed (WorkerContext::torn_down; may be empty).
  HostEvaluator(HostSpec spec, std::function<bool()> torn_down = {});
  ~HostEvaluator() override;

  Outcome evaluate(const Job& job, Reporter& reporter) override;

  /// The running host's process id, or -1 between a host's death and the next job.
  int host_pid() const;

private:
  class Host;
  /// Starts a host and waits for its HostReady; `deadline` in monotonic seconds (HUGE_VAL:
  /// none).
  std::unique_ptr<Host> start_host(double deadline);
  Outcome run(const Job& job, Reporter& reporter);
  /// `outcome` (the host's own), prefixed with out_of_memory_message when it failed naming an
  /// allocation failure while a memory limit is set.
  Outcome with_memory_cause(Outcome outcome);

  HostSpec spec_;
  std::function<bool()> torn_down_;
  MemoryLimiter memory_; ///< prepares the worker's cgroup at the first start
  std::unique_ptr<Host> host_;
};

} // namespace hpsearch
