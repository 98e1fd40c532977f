#pragma once
// TransportReporter: the Reporter a worker rank hands its evaluator for one job. report()
// sends a Progress message (the transport never makes the evaluation wait for the manager)
// and drains any Decision that has arrived; once a Decision(stop) or Decision(pause) for
// this job is seen, report() and stop_requested() return true and decision() says which
// (the first one wins). Decisions for earlier jobs are dropped. Called
// on the worker's main thread only (under MPI, the only thread that calls MPI).
#include "hpsearch/eval/reporter.hpp"
#include "hpsearch/runtime/transport/transport.hpp"

#include <cstdint>

namespace hpsearch {

class TransportReporter final : public Reporter {
public:
  TransportReporter(Transport& transport, int manager, JobId job_id)
      : transport_(transport), manager_(manager), job_id_(job_id) {}

  bool report(double step, double value) override;
  bool stop_requested() override;
  ReportDecision decision() override;

  /// Progress messages sent so far.
  std::int64_t reports() const { return reports_; }

private:
  /// Receives every Decision already here (and only Decisions).
  void drain_decisions();

  Transport& transport_;
  int manager_;
  JobId job_id_;
  ReportDecision decision_ = ReportDecision::proceed;
  std::int64_t reports_ = 0;
};

} // namespace hpsearch
