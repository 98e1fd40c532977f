#pragma once
// WorkerLoop: a worker rank's loop, over any Transport. Announces itself, then evaluates
// each Job it receives and returns a Result, until the manager sends Shutdown, or Abandon
// (graceful stop), which it acknowledges. Waits politely (the transport's receive). An
// evaluation runs on this thread, to the end: a manager that cannot wait for it aborts the
// run instead (ManagerLoop's stop grace).
#include "hpsearch/eval/evaluator.hpp"
#include "hpsearch/runtime/transport/transport.hpp"

#include <cstdint>

namespace hpsearch {

class WorkerLoop {
public:
  WorkerLoop(Transport& transport, Evaluator& evaluator, ReadyMsg ready)
      : transport_(transport), evaluator_(evaluator), ready_(std::move(ready)) {}

  /// Returns after Shutdown or Abandon; the number of jobs evaluated. Throws
  /// TransportClosed when the transport is closed under it (an in-process abort).
  std::int64_t run();

  /// The manager's rank.
  static constexpr int kManager = 0;

private:
  /// Runs the evaluator; an exception becomes a failed Outcome, never a dead rank.
  Outcome evaluate(const Job& job);

  Transport& transport_;
  Evaluator& evaluator_;
  ReadyMsg ready_;
};

} // namespace hpsearch
