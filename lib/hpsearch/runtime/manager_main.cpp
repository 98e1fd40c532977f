#include "hpsearch/runtime/manager_main.hpp"

#include "hpsearch/config/search_notes.hpp"
#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/version.hpp"
#include "hpsearch/runtime/checkpoint_journal.hpp"
#include "hpsearch/runtime/kept_models.hpp"
#include "hpsearch/runtime/manager_loop.hpp"
#include "hpsearch/runtime/run_setup.hpp"
#include "hpsearch/runtime/trial_state_cleanup.hpp"
#include "hpsearch/sched/stop_trigger.hpp"
#include "hpsearch/train/kept_model_path.hpp"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace hpsearch {

namespace {

std::string describe_time(double seconds) {
  if (!std::isfinite(seconds)) return "none";
  return to_string(Value{seconds}) + "s";
}

void print_start(ProgressReporter& progress, const PreparedRun& prepared, const ManagerCore& core,
                 const ManagerOptions& mopts, const Transport& transport, std::size_t requeued) {
  const Problem& problem = prepared.problem;
  const Checkpoint& checkpoint = *prepared.checkpoint;
  progress.start_line("hpsearch " + std::string(version()) + " | " +
                      std::to_string(transport.size()) + " ranks: manager + " +
                      std::to_string(transport.size() - 1) + " workers | transport " +
                      transport.describe() + " | problem " + problem.origin);
  const auto& mf = problem.search.multifidelity;
  const std::string strategy = mf ? std::string(scheduler_kinds.name_of(mf->kind)) + " (sampler " +
                                        std::string(prepared.strategy->name()) + ")"
                                  : std::string(prepared.strategy->name());
  progress.start_line("strategy " + strategy + " | seed " + std::to_string(mopts.seed) + " | " +
                      std::string(to_string(mopts.direction)) + " | max_evals " +
                      std::to_string(mopts.max_evals) + " | max_time " +
                      describe_time(mopts.max_time) + " | checkpoint " + checkpoint.path());
  for (const std::string& note : search_notes(problem)) progress.start_line("note: " + note);
  if (prepared.resumed) {
    progress.start_line("resuming " + checkpoint.path() + " (allocation " +
                        std::to_string(checkpoint.allocation()) +
                        "): " + std::to_string(core.stats().resumed) + " evaluations finished, " +
                        std::to_string(prepared.lost) + " lost in flight, " +
                        std::to_string(requeued) + " re-queued");
  }
  const RunSpec& run = problem.run;
  progress.start_line("batch: " + describe(prepared.job) + " | deadline " +
                      describe(prepared.deadline, wall_seconds()) + " | walltime_margin " +
                      describe_time(run.walltime_margin) + " | drain " + describe_time(run.drain));
}

ExitCode manage(PreparedRun& prepared, Transport& transport, const StopSignals& signals,
                const RunOptions& options, std::ostream& out) {
  const Problem& problem = prepared.problem;
  Checkpoint& checkpoint = *prepared.checkpoint;
  const ManagerOptions mopts = manager_options_for(problem);
  const std::size_t requeued = prepared.resume.requeue.size();
  ManagerCore core(*prepared.scheduler, mopts, transport.size() - 1, monotonic_seconds(),
                   std::move(prepared.resume));
  CheckpointJournal journal(checkpoint, core);
  journal.commit_state(wall_seconds()); // lost rows and re-queues durable before any work
  ProgressReporter progress(out, options.progress_interval, options.quiet, mopts.max_evals);
  if (problem.objective.kind == EvaluatorKind::torch) {
    progress.set_objective_name("validation " + problem.objective.torch.metric);
  }
  print_start(progress, prepared, core, mopts, transport, requeued);
  const RunSpec& run = problem.run;
  StopTrigger trigger(signals, prepared.deadline, run.walltime_margin);
  KeptModels kept(kept_models_dir(prepared.paths.trial_dir), run.kept_models.keep,
                  problem.objective.direction);
  kept.start(prepared.ok_results, out);
  ManagerLoop manager(
      transport, core,
      [&](const Actions& actions) {
        journal.commit(actions, wall_seconds()); // rows durable first, then states go
        kept.record(actions, out);
        remove_ended_trial_states(actions, prepared.paths.trial_dir, run.keep_trial_states, out);
        remove_retired_trial_states(prepared.scheduler->take_retired(), prepared.paths.trial_dir,
                                    run.keep_trial_states, out);
      },
      progress, [&] { return trigger.requested(wall_seconds(), monotonic_seconds()); }, run.drain);
  manager.set_stop_now([&] { return trigger.cut_short(); });
  const bool all_workers_done = manager.run();
  if (prepared.lock && prepared.lock->lost()) {
    out << "hpsearch: warning: the lock " << prepared.lock->path()
        << " was taken over by another manager during this run (this one stalled for longer "
           "than run.lock_lease, or the lock file was removed)"
        << std::endl;
  }
  const double now = monotonic_seconds();
  progress.finish(core.stats(), core.stop_reason(), core.elapsed(now), checkpoint.path());
  progress.start_line(manager.dispatch_latency().summary());
  if (const std::string summary = prepared.scheduler->summary(); !summary.empty()) {
    progress.start_line(summary);
  }
  journal.commit_state(wall_seconds());
  if (core.stop_reason() != StopReason::requested) {
    checkpoint.end_allocation(wall_seconds(), std::string(to_string(core.stop_reason())));
    if (core.stop_reason() == StopReason::max_evals ||
        core.stop_reason() == StopReason::exhausted) {
      // Finished for good (not max_time: a budget a longer run resumes): no paused trial
      // will ever be continued, so their states go too.
      const int removed =
          remove_remaining_trial_states(prepared.paths.trial_dir, run.keep_trial_states, out);
      if (removed > 0 && !options.quiet) {
        out << "hpsearch: removed the states of " << removed
            << " paused trials (run.keep_trial_states: none)" << std::endl;
      }
    }
    return ExitCode::finished;
  }
  const std::string reason = trigger.reason();
  checkpoint.end_allocation(wall_seconds(), "stopped by " + reason);
  // Signal (or deadline) -> exit, as far as this process can see it: what is left after
  // this line is closing the file and ending the transport.
  const auto latency = [&] {
    std::ostringstream line;
    line << "hpsearch: stop latency " << std::fixed << std::setprecision(2)
         << monotonic_seconds() - trigger.triggered_at() << " s (" << reason << " -> exit)";
    return line.str();
  };
  if (!options.quiet) {
    out << "hpsearch: stopped by " << reason << ": " << core.in_flight().size()
        << " evaluations in flight recorded for re-queue; run the same command to resume"
        << std::endl;
  }
  if (!all_workers_done) {
    // Workers still inside an evaluation cannot hear us; the checkpoint is complete and
    // synced, so end the run now rather than wait (mpirun then exits 3).
    prepared.checkpoint.reset();
    prepared.lock.reset();
    out << "hpsearch: workers still busy after a drain of " << run.drain
        << (trigger.cut_short() ? " s (cut short by a second signal)" : " s")
        << ": aborting the job" << std::endl;
    out << latency() << std::endl;
    transport.abort(ExitCode::stopped);
    return ExitCode::stopped;
  }
  out << latency() << std::endl;
  return ExitCode::stopped;
}

} // namespace

ExitCode run_manager(const RunOptions& options, Transport& transport, const StopSignals& signals,
                     std::ostream& out, std::ostream& err) {
  StartMsg start;
  std::optional<PreparedRun> prepared;
  try {
    prepared.emplace(prepare_run(options, transport.size(), err));
    start.problem_text = prepared->problem.text;
    start.problem_origin = prepared->problem.origin;
    start.workdir = prepared->paths.workdir;
    start.trial_dir = prepared->paths.trial_dir;
  } catch (const Error& e) {
    err << "hpsearch: error: " << e.what() << "\n";
    start.exit_code = static_cast<int>(e.code());
    prepared.reset(); // closes the checkpoint, releases the lock
  }
  for (int rank = 1; rank < transport.size(); ++rank) transport.send(rank, start);
  if (start.exit_code != 0) return static_cast<ExitCode>(start.exit_code);
  transport.node_place(); // collective: the workers find their place on their node
  return manage(*prepared, transport, signals, options, out);
}

ManagerOptions manager_options_for(const Problem& problem) {
  ManagerOptions mopts;
  mopts.max_evals = problem.run.max_evals;
  mopts.max_time = problem.run.max_time;
  mopts.seed = problem.run.seed;
  mopts.direction = problem.objective.direction;
  mopts.eval_timeout = problem.run.eval_timeout;
  return mopts;
}

} // namespace hpsearch
