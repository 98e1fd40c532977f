#include "hpsearch/search/ambs/ambs_strategy.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <utility>

namespace hpsearch {

AmbsStrategy::AmbsStrategy(const SearchSpace& space, AmbsOptions options,
                           const InitialDesign& initial, Direction direction, std::uint64_t seed,
                           int workers)
    : AmbsStrategy(space, options, initial, direction, seed, workers, nullptr) {}

AmbsStrategy::AmbsStrategy(const SearchSpace& space, AmbsOptions options,
                           const InitialDesign& initial, Direction direction, std::uint64_t seed,
                           int workers, std::unique_ptr<Regressor> model)
    : async_(workers > 1), prepared_(std::max<std::int64_t>(1, options.prepared)),
      fresh_wait_(options.fresh_wait),
      proposer_(space, options, initial, direction, seed, workers > 1, std::move(model)) {
  snapshot_ = proposer_.snapshot();
  if (async_) helper_ = std::jthread([this](const std::stop_token& stop) { helper_loop(stop); });
}

AmbsStrategy::~AmbsStrategy() {
  if (helper_.joinable()) {
    helper_.request_stop();
    changed_.notify_all();
  }
}

void AmbsStrategy::helper_loop(const std::stop_token& stop) {
  std::unique_lock lock(mutex_);
  while (!stop.stop_requested()) {
    changed_.wait(lock, stop, [&] {
      return !inbox_.empty() ||
             (!exhausted_ && static_cast<std::int64_t>(ready_.size()) < prepared_);
    });
    if (stop.stop_requested()) break;
    std::deque<Told> told;
    told.swap(inbox_);
    const std::int64_t version = told_; // this proposal knows every result told so far
    for (const Told& t : told) applying_.push_back(t.config);
    busy_ = true;
    lock.unlock();
    const auto start = std::chrono::steady_clock::now();
    std::optional<Config> next;
    std::exception_ptr error;
    try {
      for (const Told& t : told) proposer_.tell(t.config, t.status, t.objective);
      next = proposer_.next();
    } catch (const std::exception&) {
      error = std::current_exception(); // rethrown by the next ask()
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Proposer::Snapshot snapshot = proposer_.snapshot(); // outside the lock: a copy of lists
    lock.lock();
    last_compute_ = seconds;
    if (error) error_ = error;
    if (next && static_cast<std::int64_t>(ready_.size()) >= prepared_ &&
        ready_.front().version < version) {
      // New results made the oldest prepared proposal stale: replace it by this fresher one.
      proposer_.forget(ready_.front().config);
      const auto it =
          std::find(snapshot.pending.begin(), snapshot.pending.end(), ready_.front().config);
      if (it != snapshot.pending.end()) snapshot.pending.erase(it);
      ready_.pop_front();
    }
    snapshot_ = std::move(snapshot);
    applying_.clear();
    busy_ = false;
    if (next) {
      ready_.push_back({std::move(*next), version});
    } else if (inbox_.empty() || error) {
      exhausted_ = true; // nothing new; a later result may still open up the space
    }
    changed_.notify_all();
  }
}

std::optional<Config> AmbsStrategy::ask() {
  if (!async_) return proposer_.next();
  std::unique_lock lock(mutex_);
  if (!ready_.empty() && ready_.front().version < told_ && last_compute_ <= fresh_wait_) {
    // The prepared proposal predates the latest results and a fresher one is about a
    // millisecond away: worth the wait, bounded.
    changed_.wait_for(lock, std::chrono::duration<double>(2 * fresh_wait_), [&] {
      return error_ || (!ready_.empty() && ready_.front().version >= told_);
    });
  }
  if (ready_.empty()) {
    changed_.wait(lock, [&] {
      return !ready_.empty() || error_ || (exhausted_ && !busy_ && inbox_.empty());
    });
  }
  if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  if (ready_.empty()) return std::nullopt;
  Config config = std::move(ready_.front().config);
  ready_.pop_front();
  changed_.notify_all();
  return config;
}

void AmbsStrategy::tell(const Evaluation& evaluation) {
  if (!async_) {
    proposer_.tell(evaluation.config, evaluation.status, evaluation.objective);
    return;
  }
  std::lock_guard lock(mutex_);
  inbox_.push_back({evaluation.config, evaluation.status, evaluation.objective});
  ++told_;
  exhausted_ = false;
  changed_.notify_all();
}

std::string AmbsStrategy::save_state() const {
  if (!async_) return proposer_.save_state();
  Proposer::Snapshot snapshot;
  std::vector<Config> not_pending; // results told since the snapshot, unasked proposals
  {
    std::lock_guard lock(mutex_); // held for a copy only, never across a fit
    snapshot = snapshot_;
    not_pending = applying_;
    for (const Told& t : inbox_) not_pending.push_back(t.config);
    for (const Prepared& p : ready_) not_pending.push_back(p.config);
  }
  return Proposer::encode(std::move(snapshot), not_pending);
}

void AmbsStrategy::restore_state(const std::string& state) {
  if (!async_) {
    proposer_.restore_state(state);
    return;
  }
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !busy_; });
  for (const Told& t : inbox_) proposer_.tell(t.config, t.status, t.objective);
  inbox_.clear();
  for (const Prepared& p : ready_) proposer_.forget(p.config);
  ready_.clear();
  proposer_.restore_state(state);
  snapshot_ = proposer_.snapshot();
  exhausted_ = false;
  changed_.notify_all();
}

} // namespace hpsearch
