#pragma once
// Simulation: a discrete-event simulation in virtual seconds of a search with N virtual
// workers, driving the real ManagerCore (its Scheduler and strategy, and through `commit`
// the real checkpoint journal). Messages cross the in-process transport (one endpoint per
// rank) at their virtual arrival time.
//
// What costs virtual time:
// - a worker's job: its JobPlan's step durations (the duration model);
// - every message, either way: `latency` seconds from send to arrival;
// - the manager: one batch at a time, like ManagerLoop (every message waiting, at most
//   ManagerLoop::kMaxBatch, one commit, then on_tick), charged the steady-clock time the
//   batch really took (the core's tell/ask/fit, the journal write and flush, the sends)
//   minus the time the manager thread spent runnable but waiting for a CPU (ThreadClock:
//   the machine's other load, which a cluster's dedicated manager core would not have),
//   or `manager_cost` seconds per batch when given. Messages arriving meanwhile wait; the
//   batch's jobs leave when it ends.
// A progress report is delivered at its virtual time; a stop or pause decision that reaches
// the worker before a step ends stops the job at that step, as the real reporter does.
#include "hpsearch/core/thread_clock.hpp"
#include "hpsearch/runtime/actions.hpp"
#include "hpsearch/runtime/manager_core.hpp"
#include "hpsearch/runtime/transport/in_process_transport.hpp"
#include "hpsearch/sim/event_queue.hpp"
#include "hpsearch/sim/job_plan.hpp"
#include "hpsearch/sim/sim_report.hpp"

#include <functional>
#include <limits>
#include <optional>
#include <ostream>
#include <utility>
#include <vector>

namespace hpsearch {

struct SimulationOptions {
  int workers = 1;
  double latency = 25e-6;             ///< seconds per message, one way
  std::optional<double> manager_cost; ///< seconds per manager batch instead of measured
  double max_time = std::numeric_limits<double>::infinity(); ///< virtual seconds (run.max_time)
  double progress_interval = 10.0; ///< real seconds between progress lines; 0: none
};

class Simulation {
public:
  /// Makes a batch's actions durable before they take effect (CheckpointJournal::commit);
  /// `wall` is the virtual time as a wall-clock stamp.
  using Commit = std::function<void(const Actions&, double wall)>;

  /// `core` was made for options.workers workers at virtual time 0. Timestamps handed to
  /// the core and the journal are `wall0` + virtual seconds.
  Simulation(ManagerCore& core, const JobModel& jobs, SimulationOptions options, Commit commit,
             double wall0);

  /// Runs until the manager has shut every worker down. Progress lines go to `progress`.
  SimReport run(std::ostream& progress);

private:
  struct Worker {
    std::optional<Job> job;
    JobPlan plan;
    std::size_t next = 0; ///< the step running
    double started = 0.0; ///< virtual time the job arrived
    double free_since = 0.0;
    bool decided = false; ///< a stop or pause for this job has arrived
  };

  void deliver_to_manager(SimEvent event);
  void manager_batch(double now);
  Actions handle(const Envelope& envelope, double now);
  void execute(const Actions& actions, double now, std::vector<std::pair<int, Message>>& out);
  void worker_receives(int rank, double now);
  void worker_steps(int rank, double now);
  void finish(int rank, double now, Status status, double objective, std::string message);
  /// Worker `w`'s job ends (finished or abandoned) at `now`: its busy time is counted.
  void job_leaves(Worker& w, double now);
  void send_to_manager(int rank, Message message, double now);
  void note_best(double now);
  double virtual_now(double batch_start, double real_start) const;
  void report_progress(std::ostream& out, double now);

  ManagerCore& core_;
  const JobModel& jobs_;
  SimulationOptions options_;
  Commit commit_;
  double wall0_;
  InProcessNetwork network_;
  std::vector<Transport> endpoints_; ///< by rank; 0 the manager's
  std::vector<Worker> workers_;      ///< by rank; 0 unused
  EventQueue queue_;
  double manager_free_at_ = 0.0;
  bool manager_scheduled_ = false;
  double real_start_ = 0.0;
  double last_progress_ = 0.0;
  SimReport report_;
  ThreadClock clock_;         ///< the manager thread's run-queue wait, left out of its cost
  int running_ = 0;           ///< jobs running on workers
  double running_starts_ = 0; ///< the sum of their start times (busy so far: n x now - this)
};

} // namespace hpsearch
