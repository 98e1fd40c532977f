#include "hpsearch/runtime/run_setup.hpp"

#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/version.hpp"
#include "hpsearch/runtime/evaluator_factory.hpp"
#include "hpsearch/runtime/replay_source.hpp"
#include "hpsearch/runtime/resume_plan.hpp"
#include "hpsearch/runtime/shared_trial_dir.hpp"
#include "hpsearch/runtime/strategy_factory.hpp"
#include "hpsearch/sched/batch_job.hpp"
#include "hpsearch/sched/job_state.hpp"
#include "hpsearch/sched/query_output.hpp"
#include "hpsearch/search/lifecycle/scheduler_factory.hpp"
#include "hpsearch/store/read_guard.hpp"
#include "hpsearch/store/reader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace hpsearch {

namespace {

void apply_overrides(const RunOptions& options, Problem& problem) {
  RunSpec& run = problem.run;
  if (options.max_evals) {
    if (*options.max_evals <= 0) throw Error::input("--max-evals must be a positive integer");
    run.max_evals = *options.max_evals;
  }
  if (options.seed) run.seed = *options.seed;
  if (options.drain) run.drain = *options.drain;
  if (options.walltime_margin) run.walltime_margin = *options.walltime_margin;
  if (options.max_time) {
    if (!(*options.max_time > 0)) throw Error::input("--max-time must be a positive duration");
    run.max_time = *options.max_time;
  }
}

/// The batch job and its end (--deadline, run.deadline, else what the batch system says).
void locate_allocation(PreparedRun& p, const RunOptions& options) {
  const EnvLookup env = process_environment();
  p.job = detect_batch_job(env, [](const std::string& path) -> std::optional<std::string> {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  });
  DeadlineRequest request;
  if (options.deadline) {
    request = {options.deadline, "--deadline"};
  } else if (!p.problem.run.deadline.empty()) {
    request = {p.problem.run.deadline, "run.deadline in " + p.problem.origin};
  }
  p.deadline = find_deadline(
      request, p.job, env, [](const auto& argv) { return query_output(argv); }, wall_seconds());
}

Allocation this_allocation(int ranks) {
  const LockOwner self = CheckpointLock::self(batch_job_id());
  Allocation a;
  a.start = wall_seconds();
  a.ranks = ranks;
  a.pid = self.pid;
  a.job_id = self.job_id;
  a.host = self.host;
  return a;
}

/// How this manager holds the checkpoint's lock: run.lock_lease, our batch system recorded
/// in the lock, and the scheduler asked about another owner's job (its own recorded batch
/// system, else ours: the same machine; 10 s at most, a missing client is "unknown").
LockPolicy lock_policy(const PreparedRun& p) {
  LockPolicy policy;
  policy.lease = p.problem.run.lock_lease;
  if (p.job.scheduler != BatchSystem::none)
    policy.scheduler = std::string(to_string(p.job.scheduler));
  const BatchSystem ours = p.job.scheduler;
  policy.job_finished = [ours](const LockOwner& owner) {
    const BatchSystem theirs = owner.scheduler.empty() ? ours : scheduler_named(owner.scheduler);
    return query_job_state(theirs, owner.job_id, [](const std::vector<std::string>& argv) {
             return query_output(argv, 10.0);
           }) == JobState::finished;
  };
  return policy;
}

/// The search's scheduler over p.strategy (a multi-fidelity one over p.sampler), given
/// where the search resumes (first job id, learning curves for the stopping rule).
void make_scheduler_for(PreparedRun& p) {
  if (p.problem.search.multifidelity) p.sampler = std::make_unique<ReplaySampler>(*p.strategy);
  p.scheduler = make_scheduler({.strategy = p.sampler ? *p.sampler : *p.strategy,
                                .direction = p.problem.objective.direction,
                                .pruner = p.problem.search.pruner,
                                .multifidelity = p.problem.search.multifidelity,
                                .first_trial = p.resume.next_id,
                                .seed = p.problem.run.seed,
                                .curves = p.resume.curves,
                                .space = &p.problem.space,
                                .replay = p.replay});
}

/// Opens the checkpoint once, read-write, and reads it back through that one open file; a
/// refused resume closes it having written nothing.
/// What a resume does with the problem's declared metrics that the checkpoint's columns
/// differ from: the file's layout decides (store/schema.hpp).
void warn_about_metrics(const CheckpointContents& contents, const std::vector<std::string>& metrics,
                        std::ostream& err) {
  if (!contents.metric_columns) {
    err << "hpsearch: warning: the checkpoint was written before user metrics (no metadata "
           "column): this run records none\n";
    return;
  }
  for (const auto& name : metrics) {
    const auto& columns = contents.metrics;
    if (std::find(columns.begin(), columns.end(), name) == columns.end()) {
      err << "hpsearch: warning: metric '" << name << "' has no column m:" << name
          << " in the checkpoint (declared after it was created): kept in its metadata column\n";
    }
  }
}

void resume(PreparedRun& p, const RunOptions& options, int ranks, std::ostream& err) {
  CheckpointContents contents;
  try {
    guard_checkpoint_read(p.paths.checkpoint, options.read_guard); // libhdf5 may crash or hang
    p.checkpoint.emplace(Checkpoint::open(p.paths.checkpoint));
    contents = p.checkpoint->contents();
  } catch (const Error& e) {
    p.checkpoint.reset();
    throw Error(std::string("cannot resume: ") + e.what() +
                    " (the file was left untouched; use --fresh to move it aside and start over)",
                e.code());
  }
  if (!contents.simulated.empty()) {
    // Its rows are virtual (times, and objectives of a stand-in): continuing it for real would
    // mix them into a real search's history.
    p.checkpoint.reset();
    throw Error::input("cannot resume " + p.paths.checkpoint + ": it was written by `hpsearch " +
                       "simulate` (" + contents.simulated +
                       "), its times are virtual; run the real search with another --checkpoint " +
                       "(the file was left untouched)");
  }
  if (options.seed && *options.seed != contents.info.seed) {
    err << "hpsearch: warning: --seed " << *options.seed << " ignored: the checkpoint continues "
        << "the search seeded " << contents.info.seed << "\n";
  }
  p.problem.run.seed = contents.info.seed;
  p.strategy = make_strategy_for(p.problem, ranks - 1);
  // A multi-fidelity scheduler is resumed itself (its rungs, paused trials and sampler).
  if (p.problem.search.multifidelity) make_scheduler_for(p);
  std::optional<SchedulerReplay> replay;
  if (p.scheduler) replay.emplace(SchedulerReplay{*p.scheduler, *p.sampler});
  ResumePlan plan =
      plan_resume(contents, p.problem, *p.strategy, options.force, replay ? &*replay : nullptr);
  for (const auto& w : plan.warnings) err << "hpsearch: warning: " << w << "\n";
  warn_about_metrics(contents, p.problem.metrics, err);
  p.checkpoint->start_allocation(this_allocation(ranks), plan.killed_end);
  for (const auto& [evaluation, extras] : plan.lost_rows) p.checkpoint->add(evaluation, extras);
  for (const auto& [evaluation, extras] : plan.failed_rows) p.checkpoint->add(evaluation, extras);
  p.lost = plan.lost_rows.size();
  for (const Evaluation& e : contents.evaluations) {
    if (e.status == Status::ok) p.ok_results.emplace_back(e.id, e.objective);
  }
  p.resume = std::move(plan.point);
  p.resumed = true;
}

} // namespace

PreparedRun prepare_run(const RunOptions& options, int ranks, std::ostream& err) {
  PreparedRun p;
  p.problem = load_problem(options.problem_path);
  apply_overrides(options, p.problem);
  p.replay = replay_schedule_for(p.problem, options.problem_path);
  locate_allocation(p, options);
  p.paths = resolve_run_paths(options.problem_path, options.checkpoint, p.problem.run.checkpoint,
                              p.problem.run.workdir, p.problem.run.trial_dir);
  // Build what the workers will build, so an objective they cannot evaluate is rejected here.
  check_evaluator(p.problem, p.paths.workdir);
  if (p.problem.search.multifidelity || p.problem.run.kept_models.keep > 0) {
    // Its trials continue (or copy) saved states on whichever worker is free; kept models,
    // written by the workers, are pruned by the manager.
    const std::optional<std::string> tmpdir = process_environment()("TMPDIR");
    check_trial_dir_shared(p.paths.trial_dir, p.job.nodes, tmpdir.value_or(""));
  }
  std::string warning;
  p.lock.emplace(
      CheckpointLock::acquire(p.paths.checkpoint, batch_job_id(), lock_policy(p), warning));
  if (!warning.empty()) err << "hpsearch: warning: " << warning << "\n";
  const bool exists = path_exists(p.paths.checkpoint);
  if (exists && options.fresh) {
    err << "hpsearch: --fresh: moved the old checkpoint to " << move_aside(p.paths.checkpoint)
        << "\n";
  } else if (exists) {
    resume(p, options, ranks, err);
  }
  if (!p.checkpoint) {
    p.strategy = make_strategy_for(p.problem, ranks - 1);
    p.checkpoint.emplace(Checkpoint::create(
        p.paths.checkpoint, p.problem.space,
        CheckpointInfo{p.problem.text, std::string(p.strategy->name()), p.problem.run.seed,
                       p.problem.objective.direction, std::string(version()), wall_seconds()},
        this_allocation(ranks), p.problem.metrics));
  }
  if (!p.scheduler) make_scheduler_for(p);
  p.checkpoint->set_fsync(options.fsync);
  return p;
}

} // namespace hpsearch
