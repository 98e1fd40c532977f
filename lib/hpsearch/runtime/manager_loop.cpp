#include "hpsearch/runtime/manager_loop.hpp"

#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/backoff.hpp"

namespace hpsearch {

bool ManagerLoop::run() {
  Backoff backoff;
  while (!core_.finished()) {
    bool progressed = false;
    // Every message already here is one batch: its rows and the state are made durable in
    // one flush, then its jobs are sent. Under load this amortizes the flush over many
    // results; no worker still hears of anything before the checkpoint holds it.
    Actions batch;
    for (int n = 0; n < kMaxBatch; ++n) {
      auto envelope = transport_.try_receive();
      if (!envelope) break;
      // One CPU/run-queue reading per batch (a syscall): the receipts of a batch are
      // microseconds apart, and the dispatch loop should not pay it per message.
      if (n == 0) batch_clock_ = thread_clock_.read();
      Actions actions = handle(std::move(*envelope));
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

Actions ManagerLoop::handle(Envelope envelope) {
  const int rank = envelope.source;
  if (const auto* ready = std::get_if<ReadyMsg>(&envelope.message)) {
    latency_.received(rank, monotonic_seconds(), batch_clock_);
    return core_.on_ready(rank, ready->host, monotonic_seconds(), wall_seconds());
  }
  if (const auto* result = std::get_if<ResultMsg>(&envelope.message)) {
    latency_.received(rank, monotonic_seconds(), batch_clock_);
    return core_.on_result(rank, result->job_id, result->outcome, monotonic_seconds(),
                           wall_seconds());
  }
  if (const auto* progress = std::get_if<ProgressMsg>(&envelope.message)) {
    return core_.on_progress(rank, progress->job_id, progress->step, progress->value,
                             monotonic_seconds());
  }
  if (std::holds_alternative<AbandonedMsg>(envelope.message)) return core_.on_abandoned(rank);
  throw Error::internal("manager received an unexpected message (" +
                        std::string(to_string(tag_of(envelope.message))) + ") from rank " +
                        std::to_string(rank));
}

void ManagerLoop::execute(const Actions& actions) {
  if (actions.empty()) return;
  commit_(actions);                                             // durable first: rows, state, flush
  const ThreadClock::Reading sent_clock = thread_clock_.read(); // one per batch, as above
  for (const Action& action : actions) {
    if (const auto* send = std::get_if<SendJob>(&action)) {
      transport_.send(send->rank, send->job);
      latency_.sent(send->rank, monotonic_seconds(), sent_clock);
    } else if (const auto* shutdown = std::get_if<ShutdownWorker>(&action)) {
      transport_.send(shutdown->rank, ShutdownMsg{});
    } else if (const auto* abandon = std::get_if<AbandonJob>(&action)) {
      transport_.send(abandon->rank, AbandonMsg{});
    } else if (const auto* stop = std::get_if<StopJob>(&action)) {
      transport_.send(stop->rank,
                      DecisionMsg{stop->job_id, static_cast<std::int32_t>(stop->decision)});
    }
  }
}

} // namespace hpsearch
