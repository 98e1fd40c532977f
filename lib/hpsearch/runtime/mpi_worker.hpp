#pragma once
// MpiWorker: a worker rank's loop. Announces itself, then evaluates each Job it receives
// and returns a Result, until the manager sends Shutdown, or Abandon (graceful stop), which
// it acknowledges. Waits politely (Backoff). An evaluation runs on this thread, to the end:
// a manager that cannot wait for it aborts the job instead (MpiManager's stop grace).
#include "hpsearch/eval/evaluator.hpp"
#include "hpsearch/runtime/messages.hpp"

#include <boost/mpi/communicator.hpp>

namespace hpsearch {

class MpiWorker {
public:
  MpiWorker(const boost::mpi::communicator& world, Evaluator& evaluator, ReadyMsg ready)
      : world_(world), evaluator_(evaluator), ready_(std::move(ready)) {}

  /// Returns after Shutdown or Abandon; the number of jobs evaluated.
  std::int64_t run();

private:
  /// Runs the evaluator; an exception becomes a failed Outcome, never a dead rank.
  Outcome evaluate(const Job& job);

  const boost::mpi::communicator& world_;
  Evaluator& evaluator_;
  ReadyMsg ready_;
};

} // namespace hpsearch
