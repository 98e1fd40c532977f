#pragma once
// ManagerCore: every decision the manager makes, as a pure state machine. Events come in
// (a worker is ready, a result arrived, time passed, a stop was requested); actions come
// out (send this job, record this evaluation, shut this worker down). No MPI, no I/O:
// unit-tested in one process, driven by ManagerLoop (over any Transport) and by a simulator.
//
// The search itself is a Scheduler (search/lifecycle/scheduler.hpp): a free worker gets
// scheduler.next(); every progress report goes to scheduler.report(), whose stop or pause
// becomes a StopJob; every result to scheduler.job_ended(), whose answer is the row's
// decision. A job ended by a pause comes back from the evaluator as Status::stopped and is
// recorded as ok (its objective the last value it reached, which samplers learn from) with
// decision paused. When the scheduler has nothing to hand out now but jobs are in flight,
// a free worker waits (it is served again after the next result); when it is exhausted,
// or has nothing while no job is in flight, the search ends.
//
// Resume: a ResumePoint carries what earlier allocations did (finished evaluations count
// towards max_evals, the next job id, the best so far) and the lost jobs to re-queue; the
// re-queued jobs are served, under new ids and with their trial and fidelities, before the
// scheduler is asked again.
#include "hpsearch/core/direction.hpp"
#include "hpsearch/runtime/actions.hpp"
#include "hpsearch/search/lifecycle/scheduler.hpp"
#include "hpsearch/search/pruner/pruner_options.hpp"
#include "hpsearch/search/strategy.hpp"

#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hpsearch {

struct ManagerOptions {
  std::int64_t max_evals = 100; ///< finished evaluations over all allocations
  double max_time = std::numeric_limits<double>::infinity(); ///< seconds from start
  std::uint64_t seed = 42;
  Direction direction = Direction::minimize;
  double eval_timeout = 0.0; ///< passed to workers in each Job; 0 = none
  /// search.pruner — the early-stopping rule applied to progress reports (it judges by
  /// `direction`); name "none": no job is stopped. Used only by the constructor that builds
  /// its own full-fidelity scheduler; a given Scheduler has its own rule.
  PrunerOptions pruner;
};

/// A lost job waiting to be evaluated again, for the same trial and fidelities.
struct Requeue {
  JobId lost_id = -1;
  Config config;
  double fidelity = 0.0;      ///< the job's to-fidelity (0: the evaluator's own)
  TrialId trial = -1;         ///< -1: its own id (a checkpoint written before trials)
  double from_fidelity = 0.0; ///< > 0: it continued the trial's saved state from there
  std::int32_t rung = -1;     ///< the scheduler's rung the job ends at
};

struct ResumePoint {
  JobId next_id = 0;
  std::int64_t finished = 0; ///< finished evaluations (any status but lost) so far
  std::int64_t failed = 0;   ///< of which failed or timed out (not ok, not stopped)
  std::optional<Evaluation> best;
  std::vector<Requeue> requeue;
  /// The learning curves of the finished evaluations: the pruner judges new jobs against
  /// them, as if the search had never stopped.
  std::vector<CurvePoint> curves;
};

/// Why the manager stopped handing out work.
enum class StopReason { none, max_evals, max_time, exhausted, requested };
std::string_view to_string(StopReason reason);

struct ManagerStats {
  std::int64_t submitted = 0; ///< jobs sent in this allocation
  std::int64_t completed = 0; ///< results recorded (any status), earlier allocations included
  std::int64_t resumed = 0;   ///< of which recorded by earlier allocations
  std::int64_t failed = 0;    ///< results with status != ok (stopped ones excepted)
  std::int64_t stopped = 0;   ///< results stopped by the stopping rule, this allocation
  std::int64_t paused = 0;    ///< results paused by the scheduler, this allocation
  int busy_workers = 0;
  int workers = 0;
  std::optional<Evaluation> best; ///< best ok, not paused evaluation so far (by direction)
};

/// A job a worker holds (running, or abandoned at a graceful stop).
struct InFlight {
  int rank = -1;
  const Job* job = nullptr;
  double submitted_at = 0.0;
  const std::string* host = nullptr;
  JobId requeue_of = -1;
};

class ManagerCore {
public:
  /// `now` values are monotonic seconds; `wall` values wall-clock seconds for records.
  /// `scheduler` must outlive the core; it has been resumed already (its state restored,
  /// its stopping rule given resume.curves; options.pruner is not used).
  ManagerCore(Scheduler& scheduler, ManagerOptions options, int workers, double now,
              ResumePoint resume = {});
  /// A full-fidelity search: `strategy` under a FullFidelityScheduler with the stopping
  /// rule options.pruner (given resume.curves), owned by the core.
  ManagerCore(Strategy& strategy, ManagerOptions options, int workers, double now,
              ResumePoint resume = {});

  Actions on_ready(int rank, const std::string& host, double now, double wall);
  Actions on_result(int rank, JobId job_id, const Outcome& outcome, double now, double wall);
  /// An intermediate value of the job `rank` runs: buffered for the job's Record (its
  /// curve) and judged by the scheduler, which may answer StopJob with stop or pause (once
  /// per job). The step is kept as given (1.5 stays 1.5) in both.
  /// A report for a job the rank no longer runs is ignored.
  Actions on_progress(int rank, JobId job_id, double step, double value, double now);
  /// Checks the time budget; call it regularly.
  Actions on_tick(double now);
  /// Graceful stop (signal, walltime): no more work; idle workers are shut down, busy ones
  /// told to abandon their job (which stays in flight, to be re-queued on resume).
  Actions on_stop_request();
  /// A worker acknowledged AbandonJob; it has exited its loop.
  Actions on_abandoned(int rank);

  /// True once every worker has been shut down or has abandoned its job.
  bool finished() const { return shut_down_ == workers_; }
  StopReason stop_reason() const { return stop_reason_; }
  const ManagerStats& stats() const { return stats_; }
  double elapsed(double now) const { return now - start_; }
  JobId next_id() const { return next_id_; }
  /// Jobs held by workers, by rank.
  std::vector<InFlight> in_flight() const;
  const Scheduler& scheduler() const { return scheduler_; }
  /// Lost jobs not yet handed out again.
  const std::deque<Requeue>& pending_requeues() const { return requeue_; }

private:
  struct WorkerState {
    std::string host;
    std::optional<Job> job; ///< the job it is running
    double submitted_at = 0.0;
    JobId requeue_of = -1;
    bool shut_down = false;
    bool abandoning = false;
    std::int32_t rung = -1;                            ///< the current job's rung
    ReportDecision ended_by = ReportDecision::proceed; ///< StopJob issued for the current job
    std::vector<CurvePoint> curve;                     ///< progress of the current job
  };

  ManagerCore(std::unique_ptr<Scheduler> owned, ManagerOptions options, int workers, double now,
              ResumePoint resume);
  /// The next job's trial: a re-queued one first, else the scheduler's. nullopt: none now.
  std::optional<TrialJob> next_trial_job(JobId& requeue_of);
  /// The manager's record of `state`'s job ended with `outcome` (decision not set yet).
  Evaluation evaluation_of(int rank, JobId job_id, const WorkerState& state,
                           const Outcome& outcome) const;
  void count(const Evaluation& evaluation);
  /// Gives `rank` a job, or shuts it down when there is no more work; leaves it waiting
  /// when the scheduler has nothing now but jobs are in flight.
  void serve(int rank, double wall, Actions& out);
  /// Serves the workers left waiting, in rank order. Costs O(waiting), not O(workers): at
  /// thousands of workers a scan of every worker per result was the manager's hot spot.
  void serve_waiting(double wall, Actions& out);
  void shut_down(int rank, Actions& out);
  /// Shuts down every idle worker (after the manager stops handing out work), once.
  void release_idle(Actions& out);
  void stop(StopReason reason);
  bool dispatching() const { return stop_reason_ == StopReason::none; }

  std::unique_ptr<Scheduler> owned_; ///< the full-fidelity scheduler built for a Strategy
  Scheduler& scheduler_;
  ManagerOptions options_;
  int workers_;
  double start_;
  JobId next_id_ = 0;
  std::int64_t finished_before_ = 0;
  int shut_down_ = 0;
  StopReason stop_reason_ = StopReason::none;
  bool released_ = false; ///< release_idle() swept the idle workers after dispatch stopped
  ManagerStats stats_;
  std::map<int, WorkerState> worker_states_;
  /// Ranks left waiting by serve(): idle, not shut down, not abandoning.
  std::set<int> waiting_;
  std::deque<Requeue> requeue_;
};

} // namespace hpsearch
