#pragma once
// ManagerCore: every decision the manager makes, as a pure state machine. Events come in
// (a worker is ready, a result arrived, time passed, a stop was requested); actions come
// out (send this job, record this evaluation, shut this worker down). No MPI, no I/O:
// unit-tested in one process, driven by MpiManager in production and by a simulator later.
//
// Resume: a ResumePoint carries what earlier allocations did (finished evaluations count
// towards max_evals, the next job id, the best so far) and the lost jobs to re-queue; the
// re-queued jobs are served, under new ids, before the strategy is asked again.
#include "hpsearch/core/direction.hpp"
#include "hpsearch/runtime/actions.hpp"
#include "hpsearch/search/pruner/pruner.hpp"
#include "hpsearch/search/pruner/pruner_options.hpp"
#include "hpsearch/search/strategy.hpp"

#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <optional>
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
  /// `direction`); name "none": no job is stopped.
  PrunerOptions pruner;
};

/// A lost job waiting to be evaluated again.
struct Requeue {
  JobId lost_id = -1;
  Config config;
  double fidelity = 0.0;
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
  int busy_workers = 0;
  int workers = 0;
  std::optional<Evaluation> best; ///< best ok evaluation so far (by direction)
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
  ManagerCore(Strategy& strategy, ManagerOptions options, int workers, double now,
              ResumePoint resume = {});

  Actions on_ready(int rank, const std::string& host, double now, double wall);
  Actions on_result(int rank, JobId job_id, const Outcome& outcome, double now, double wall);
  /// An intermediate value of the job `rank` runs: buffered for the job's Record (its
  /// curve) and judged by the pruner, which may answer StopJob (once per job). The step is
  /// kept as given (1.5 stays 1.5) in both.
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
    bool stop_sent = false;        ///< StopJob already issued for the current job
    std::vector<CurvePoint> curve; ///< progress of the current job
  };

  /// Gives `rank` a job, or shuts it down when there is no more work.
  void serve(int rank, double wall, Actions& out);
  void shut_down(int rank, Actions& out);
  /// Shuts down every idle worker (after the manager stops handing out work).
  void release_idle(Actions& out);
  void stop(StopReason reason);
  bool dispatching() const { return stop_reason_ == StopReason::none; }

  Strategy& strategy_;
  ManagerOptions options_;
  int workers_;
  double start_;
  JobId next_id_ = 0;
  std::int64_t finished_before_ = 0;
  int shut_down_ = 0;
  StopReason stop_reason_ = StopReason::none;
  ManagerStats stats_;
  std::map<int, WorkerState> worker_states_;
  std::deque<Requeue> requeue_;
  std::unique_ptr<Pruner> pruner_; ///< null: no pruning
};

} // namespace hpsearch
