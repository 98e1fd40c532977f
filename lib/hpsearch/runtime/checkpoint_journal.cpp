#include "hpsearch/runtime/checkpoint_journal.hpp"

#include "hpsearch/store/resume_state.hpp"

#include <algorithm>

namespace hpsearch {

void CheckpointJournal::commit(const Actions& actions, double wall) {
  // A StopJob changes nothing durable (the job's result will): no state write, no flush.
  const bool only_stops = std::all_of(actions.begin(), actions.end(), [](const Action& a) {
    return std::holds_alternative<StopJob>(a);
  });
  if (only_stops) return;
  std::string records;
  for (const Action& action : actions) {
    if (const auto* record = std::get_if<Record>(&action)) {
      if (!record->curve.empty()) checkpoint_.add_curve(record->curve);
      checkpoint_.add(record->evaluation, RowExtras{record->requeue_of, 0});
      if (const auto it = in_flight_.find(record->evaluation.id); it != in_flight_.end()) {
        live_bytes_ -= it->second.size();
        in_flight_.erase(it);
        records += job_ended_record(record->evaluation.id);
      }
      ops_ += (ops_count_++ > 0 ? " t" : "t") + std::to_string(record->evaluation.id);
    } else if (const auto* send = std::get_if<SendJob>(&action)) {
      const Job& sent = send->job;
      const PendingJob job{
          sent.id,          sent.config, sent.fidelity, send->submitted_at, send->rank,
          send->requeue_of, send->host,  sent.trial,    sent.from_fidelity, send->rung};
      std::string& line = in_flight_[send->job.id];
      live_bytes_ -= line.size();
      line = job_sent_record(encode_job_line(job));
      live_bytes_ += line.size();
      records += line;
      if (send->requeue_of < 0) {
        ops_ += (ops_count_++ > 0 ? " a" : "a") + std::to_string(sent.id);
      }
    }
  }
  if (ops_count_ >= kSnapshotOps) snapshot();
  log_jobs(records);
  write_state(wall);
}

void CheckpointJournal::log_jobs(const std::string& records) {
  const std::uint64_t length = checkpoint_.jobs_length() + records.size();
  if (started_ && length <= 2 * live_bytes_ + kCompactSlack) {
    if (!records.empty()) jobs_ = checkpoint_.append_jobs(records);
    return;
  }
  std::string live;
  live.reserve(live_bytes_);
  for (const auto& [id, record] : in_flight_) live += record;
  jobs_ = checkpoint_.restart_jobs(live);
  started_ = true;
}

void CheckpointJournal::commit_state(double wall) {
  snapshot();
  if (!started_) log_jobs("");
  write_state(wall);
}

void CheckpointJournal::snapshot() {
  snapshot_ = checkpoint_.write_strategy_snapshot(core_.scheduler().save_state());
  snapshot_rows_ = checkpoint_.rows();
  ops_.clear();
  ops_count_ = 0;
}

void CheckpointJournal::write_state(double wall) {
  // One flush for the rows, curves and state: a kill -9 inside it can leave the new state
  // on disk without the rows it names (seen once in 30 kills when it was the only flush);
  // the state counts its rows and curve points, and the reader then takes the previous
  // state (store/reader.hpp), which is whole: flushed rows and an older state are what
  // resume handles.
  std::string requeue;
  for (const auto& r : core_.pending_requeues()) {
    requeue += encode_job_line(PendingJob{r.lost_id, r.config, r.fidelity, 0.0, -1, -1, "", r.trial,
                                          r.from_fidelity, r.rung});
  }
  checkpoint_.write_state(encode_state(wall, core_.next_id(), checkpoint_.rows(), jobs_, requeue,
                                       core_.pending_requeues().size(), snapshot_, snapshot_rows_,
                                       ops_, ops_count_, checkpoint_.curve_points()));
  checkpoint_.flush();
}

} // namespace hpsearch
