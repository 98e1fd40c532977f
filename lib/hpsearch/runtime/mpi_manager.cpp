#include "hpsearch/runtime/mpi_manager.hpp"

#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/backoff.hpp"
#include "hpsearch/runtime/messages.hpp"

#include <boost/mpi/communicator.hpp>

namespace hpsearch {

namespace mpi = boost::mpi;

void MpiManager::run() {
  Backoff backoff;
  while (!core_.finished()) {
    bool progressed = false;
    while (auto status = world_.iprobe(mpi::any_source, mpi::any_tag)) {
      handle(*status);
      progressed = true;
      if (core_.finished()) break;
    }
    const double now = monotonic_seconds();
    execute(core_.on_tick(now));
    progress_.maybe_report(core_.stats(), core_.elapsed(now));
    if (progressed) {
      backoff.reset();
    } else {
      backoff.wait();
    }
  }
}

void MpiManager::handle(const mpi::status& status) {
  const int rank = status.source();
  switch (static_cast<Tag>(status.tag())) {
  case Tag::ready: {
    ReadyMsg ready;
    world_.recv(rank, status.tag(), ready);
    execute(core_.on_ready(rank, ready.host, monotonic_seconds(), wall_seconds()));
    return;
  }
  case Tag::result: {
    ResultMsg result;
    world_.recv(rank, status.tag(), result);
    execute(
        core_.on_result(rank, result.job_id, result.outcome, monotonic_seconds(), wall_seconds()));
    return;
  }
  case Tag::job:
  case Tag::shutdown:
    break;
  }
  throw Error("manager received an unexpected message (tag " + std::to_string(status.tag()) +
                  ") from rank " + std::to_string(rank),
              ExitCode::internal_error);
}

void MpiManager::execute(const Actions& actions) {
  for (const Action& action : actions) {
    if (const auto* record = std::get_if<Record>(&action)) {
      record_(record->evaluation);
    } else if (const auto* send = std::get_if<SendJob>(&action)) {
      world_.send(send->rank, tag_value(Tag::job), send->job);
    } else if (const auto* shutdown = std::get_if<ShutdownWorker>(&action)) {
      world_.send(shutdown->rank, tag_value(Tag::shutdown), 0);
    }
  }
}

} // namespace hpsearch
