#pragma once
// MpiReporter: the Reporter a worker rank hands its evaluator for one job. report() posts
// a Progress message (isend: the evaluation never waits for the manager) and drains any
// Decision that has arrived; once a Decision(stop) for this job is seen, report() and
// stop_requested() return true. Decisions for earlier jobs are dropped. Called on the
// worker's main thread only (the only thread that calls MPI).
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/eval/reporter.hpp"
#include "hpsearch/runtime/messages.hpp"

#include <boost/mpi/communicator.hpp>
#include <boost/mpi/request.hpp>
#include <deque>

namespace hpsearch {

class MpiReporter final : public Reporter {
public:
  MpiReporter(const boost::mpi::communicator& world, int manager, JobId job_id)
      : world_(world), manager_(manager), job_id_(job_id) {}
  /// Waits for the Progress messages still being sent (the manager always receives them).
  ~MpiReporter() override;

  bool report(double step, double value) override;
  bool stop_requested() override;

  /// Progress messages sent so far.
  std::int64_t reports() const { return reports_; }

private:
  /// Receives every Decision already here.
  void drain_decisions();
  /// Forgets the sends that have completed (in order; stops at the first pending one).
  void reap_sends();

  const boost::mpi::communicator& world_;
  int manager_;
  JobId job_id_;
  bool stop_ = false;
  std::int64_t reports_ = 0;
  /// Messages in flight and their requests; a deque keeps each message's address stable
  /// while MPI reads it.
  std::deque<ProgressMsg> sending_;
  std::deque<boost::mpi::request> requests_;
};

} // namespace hpsearch
