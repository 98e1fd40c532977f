#include "hpsearch/runtime/mpi_worker.hpp"

#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/backoff.hpp"
#include "hpsearch/runtime/mpi_reporter.hpp"

#include <exception>

namespace hpsearch {

namespace mpi = boost::mpi;

namespace {
constexpr int kManager = 0;
}

std::int64_t MpiWorker::run() {
  world_.send(kManager, tag_value(Tag::ready), ready_);
  std::int64_t evaluated = 0;
  Backoff backoff;
  for (;;) {
    auto status = world_.iprobe(kManager, mpi::any_tag);
    if (!status) {
      backoff.wait();
      continue;
    }
    backoff.reset();
    switch (static_cast<Tag>(status->tag())) {
    case Tag::job: {
      Job job;
      world_.recv(kManager, status->tag(), job);
      ResultMsg result{job.id, evaluate(job)};
      world_.send(kManager, tag_value(Tag::result), result);
      ++evaluated;
      break;
    }
    case Tag::shutdown: {
      int unused = 0;
      world_.recv(kManager, status->tag(), unused);
      return evaluated;
    }
    case Tag::abandon: { // graceful stop: our last result (if any) is already sent
      int unused = 0;
      world_.recv(kManager, status->tag(), unused);
      world_.send(kManager, tag_value(Tag::abandoned), 0);
      return evaluated;
    }
    case Tag::decision: { // about a job that has already ended: nothing left to stop
      DecisionMsg stale;
      world_.recv(kManager, status->tag(), stale);
      break;
    }
    case Tag::ready:
    case Tag::result:
    case Tag::abandoned:
    case Tag::progress:
      throw Error::internal("worker received an unexpected message (tag " +
                            std::to_string(status->tag()) + ")");
    }
  }
}

Outcome MpiWorker::evaluate(const Job& job) {
  const double started = wall_seconds();
  try {
    MpiReporter reporter(world_, kManager, job.id);
    return evaluator_.evaluate(job, reporter);
  } catch (const std::exception& e) {
    Outcome outcome;
    outcome.status = Status::failed;
    outcome.started_at = started;
    outcome.finished_at = wall_seconds();
    outcome.message = std::string("evaluator raised: ") + e.what();
    return outcome;
  }
}

} // namespace hpsearch
