#include "hpsearch/runtime/worker_loop.hpp"

#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/evaluate_guarded.hpp"
#include "hpsearch/runtime/transport_reporter.hpp"

#include <chrono>
#include <exception>

namespace hpsearch {

namespace {
/// How long one receive waits before the loop asks again (the wait itself is polite).
constexpr std::chrono::microseconds kIdleWait = std::chrono::seconds(1);
} // namespace

std::int64_t WorkerLoop::run() {
  transport_.send(kManager, ready_);
  std::int64_t evaluated = 0;
  for (;;) {
    auto envelope = transport_.receive(kIdleWait);
    if (!envelope) continue;
    Message& message = envelope->message;
    if (const auto* job = std::get_if<Job>(&message)) {
      ResultMsg result{job->id, evaluate(*job)};
      transport_.send(kManager, result);
      ++evaluated;
    } else if (std::holds_alternative<ShutdownMsg>(message)) {
      return evaluated;
    } else if (std::holds_alternative<AbandonMsg>(message)) {
      // Graceful stop: our last result (if any) is already sent.
      transport_.send(kManager, AbandonedMsg{});
      return evaluated;
    } else if (std::holds_alternative<DecisionMsg>(message)) {
      // About a job that has already ended: nothing left to stop.
    } else {
      throw Error::internal("worker received an unexpected message (" +
                            std::string(to_string(tag_of(message))) + ") from rank " +
                            std::to_string(envelope->source));
    }
  }
}

Outcome WorkerLoop::evaluate(const Job& job) {
  TransportReporter reporter(transport_, kManager, job.id);
  return evaluate_guarded(evaluator_, job, reporter);
}

} // namespace hpsearch
