#pragma once
// CommandEvaluator (`objective.kind: command`): runs the user's own training program for
// each job, as DeepHyper's run function, Katib's command template or Orion's command line
// do, and turns whatever happens to it into an Outcome.
//
// Per job: a fresh directory <workdir>/job-<id> (the child's working directory) holding
// config.json (the configuration as one JSON object), stdout.log and stderr.log. The
// child's environment is the worker's plus HPS_PARAM_<NAME> per active parameter (name
// upper-cased, characters other than letters and digits as '_'), HPS_JOB_ID, HPS_SEED,
// HPS_FIDELITY, HPS_WORKDIR, HPS_TRIAL_ID, HPS_RESUME_FROM (Job::from_fidelity: 0, or the
// fidelity the trial's saved state holds), HPS_TRIAL_DIR (the trial's state directory,
// <WorkerContext::trial_root>/trial-<id>, eval/trial_state.hpp; set when the context has a
// trial root) and the WorkerContext's child_env (CUDA_VISIBLE_DEVICES, ...).
//
// Continuation jobs (from_fidelity > 0): a script that saved its state in HPS_TRIAL_DIR
// resumes from it; one that did not re-runs from step 0, and its progress lines for steps
// <= from_fidelity are not forwarded (the trial's earlier jobs reported them:
// eval/continuation_reporter.hpp). Its objective is the re-run's, at the higher fidelity.
//
// The result: the last stdout line `objective: <number>` or {"objective": ...} (see
// command_output.hpp), else {workdir}/result.json. `progress: <step> <value>` lines go to
// the Reporter; when it answers stop, the group gets SIGTERM, SIGKILL kill_grace seconds
// later, and the job ends `stopped` with its last progress value.
//
// Memory: with a memory_limit (run.eval_memory) each job runs in its own cgroup v2 with
// memory.max when the worker can create one, else under RLIMIT_DATA (core/child_process.hpp
// says what each catches); a job that ran out of memory (ChildProcess::out_of_memory) is
// failed with "out of memory (limit 8 GiB)", the exit and stderr's tail following.
//
// Statuses: ok; failed (non-zero exit, death by a signal, no objective, a NaN or infinite
// one, a program that cannot start, out of memory), with the reason and stderr's last 20
// lines in the message; timeout (job.timeout seconds passed: the whole process group is killed, the
// script's own children too); stopped. Never throws for a failing evaluation.
#include "hpsearch/core/memory_cgroup.hpp"
#include "hpsearch/eval/command_template.hpp"
#include "hpsearch/eval/evaluator.hpp"
#include "hpsearch/eval/job_workdir.hpp"
#include "hpsearch/eval/worker_context.hpp"

#include <string>
#include <vector>

namespace hpsearch {

struct CommandSpec {
  std::vector<std::string> command;    ///< argv with placeholders (command_template.hpp)
  std::vector<std::string> parameters; ///< the space's parameter names
  std::string workdir;                 ///< the directory holding every job's directory
  std::string problem_dir;             ///< what {problem_dir} expands to
  KeepWorkdirs keep_workdirs = KeepWorkdirs::failed;
  double kill_grace = 10.0; ///< seconds between SIGTERM and SIGKILL
  MemoryLimit memory_limit; ///< run.eval_memory; unset: none
};

class CommandEvaluator final : public Evaluator {
public:
  /// Throws hpsearch::Error for a bad command template or a negative kill_grace. Relative
  /// workdir and problem_dir are made absolute against the current directory now.
  CommandEvaluator(CommandSpec spec, WorkerContext context = {});

  Outcome evaluate(const Job& job, Reporter& reporter) override;

  const CommandSpec& spec() const { return spec_; }

private:
  Outcome run(const Job& job, const JobWorkdir& dir, Reporter& reporter);

  CommandSpec spec_;
  WorkerContext context_;
  CommandTemplate template_;
  MemoryLimiter memory_; ///< prepares the worker's cgroup at the first job
};

} // namespace hpsearch
