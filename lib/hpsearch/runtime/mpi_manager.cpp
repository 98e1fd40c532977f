#include "hpsearch/runtime/mpi_manager.hpp"

#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/backoff.hpp"
#include "hpsearch/runtime/messages.hpp"

#include <boost/mpi/communicator.hpp>

namespace hpsearch {

namespace mpi = boost::mpi;

bool MpiManager::run() {
  Backoff backoff;
  while (!core_.finished()) {
    bool progressed = false;
    // Every message already here is one batch: its rows and the state are made durable in
    // one flush, then its jobs are sent. Under load this amortizes the flush over many
    // results; no worker still hears of anything before the checkpoint holds it.
    Actions batch;
    for (int n = 0; n < kMaxBatch; ++n) {
      auto status = world_.iprobe(mpi::any_source, mpi::any_tag);
      if (!status) break;
      Actions actions = handle(*status);
      batch.insert(batch.end(), std::make_move_iterator(actions.begin()),
                   std::make_move_iterator(actions.end()));
      progressed = true;
      if (core_.finished()) break;
    }
    execute(batch);
    const double now = monotonic_seconds();
    if (!stopping_ && stop_requested_ && stop_requested_()) {
      stopping_ = true;
      stop_deadline_ = now + stop_grace_;
      execute(core_.on_stop_request());
      if (core_.finished()) break;
    }
    if (stopping_ && (now > stop_deadline_ || (stop_now_ && stop_now_()))) return false;
    execute(core_.on_tick(now));
    progress_.maybe_report(core_.stats(), core_.elapsed(now));
    if (progressed) {
      backoff.reset();
    } else {
      backoff.wait();
    }
  }
  return true;
}

Actions MpiManager::handle(const mpi::status& status) {
  const int rank = status.source();
  switch (static_cast<Tag>(status.tag())) {
  case Tag::ready: {
    ReadyMsg ready;
    world_.recv(rank, status.tag(), ready);
    latency_.received(rank, monotonic_seconds());
    return core_.on_ready(rank, ready.host, monotonic_seconds(), wall_seconds());
  }
  case Tag::result: {
    ResultMsg result;
    world_.recv(rank, status.tag(), result);
    latency_.received(rank, monotonic_seconds());
    return core_.on_result(rank, result.job_id, result.outcome, monotonic_seconds(),
                           wall_seconds());
  }
  case Tag::progress: {
    ProgressMsg progress;
    world_.recv(rank, status.tag(), progress);
    return core_.on_progress(rank, progress.job_id, progress.step, progress.value,
                             monotonic_seconds());
  }
  case Tag::abandoned: {
    int unused = 0;
    world_.recv(rank, status.tag(), unused);
    return core_.on_abandoned(rank);
  }
  case Tag::job:
  case Tag::shutdown:
  case Tag::abandon:
  case Tag::decision:
    break;
  }
  throw Error::internal("manager received an unexpected message (tag " +
                        std::to_string(status.tag()) + ") from rank " + std::to_string(rank));
}

void MpiManager::execute(const Actions& actions) {
  if (actions.empty()) return;
  commit_(actions); // durable first: rows, state, flush
  for (const Action& action : actions) {
    if (const auto* send = std::get_if<SendJob>(&action)) {
      world_.send(send->rank, tag_value(Tag::job), send->job);
      latency_.sent(send->rank, monotonic_seconds());
    } else if (const auto* shutdown = std::get_if<ShutdownWorker>(&action)) {
      world_.send(shutdown->rank, tag_value(Tag::shutdown), 0);
    } else if (const auto* abandon = std::get_if<AbandonJob>(&action)) {
      world_.send(abandon->rank, tag_value(Tag::abandon), 0);
    } else if (const auto* stop = std::get_if<StopJob>(&action)) {
      world_.send(stop->rank, tag_value(Tag::decision), DecisionMsg{stop->job_id, 1});
    }
  }
}

} // namespace hpsearch
