#pragma once
// Test rig for the manager and worker loops over the in-process transport: a deterministic
// strategy, evaluators the test controls, and a ManagerLoop whose commits are recorded.
#include "hpsearch/runtime/manager_loop.hpp"
#include "hpsearch/runtime/transport/in_process_transport.hpp"
#include "hpsearch/runtime/worker_loop.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <vector>

namespace hpsearch::test {

/// Proposes x = 0, 1, 2, ...
class CountingStrategy final : public Strategy {
public:
  std::optional<Config> ask() override {
    Config c;
    c.set("x", std::int64_t{asked_++});
    return c;
  }
  void tell(const Evaluation&) override {}
  std::string_view name() const override { return "counting"; }
  std::string save_state() const override { return std::to_string(asked_); }
  void restore_state(const std::string& state) override { asked_ = std::stoi(state); }

private:
  int asked_ = 0;
};

/// A flag one thread sets and another waits for (no wall-clock limit: a hang is a failure
/// ctest's timeout reports).
class Flag {
public:
  void set() {
    {
      const std::lock_guard lock(mutex_);
      set_ = true;
    }
    changed_.notify_all();
  }
  void wait() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return set_; });
  }
  bool is_set() {
    const std::lock_guard lock(mutex_);
    return set_;
  }

private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool set_ = false;
};

/// Returns objective x (the job's "x") at once.
class InstantEvaluator final : public Evaluator {
public:
  Outcome evaluate(const Job& job, Reporter&) override {
    Outcome o;
    o.status = Status::ok;
    o.objective = static_cast<double>(std::get<std::int64_t>(job.config.at("x")));
    return o;
  }
};

/// Signals `started`, then waits for `release` before returning ok.
class BlockingEvaluator final : public Evaluator {
public:
  Outcome evaluate(const Job&, Reporter&) override {
    started.set();
    release.wait();
    Outcome o;
    o.status = Status::ok;
    o.objective = 1.0;
    return o;
  }
  Flag started;
  Flag release;
};

template <class T> std::vector<T> all_of(const std::vector<Actions>& batches) {
  std::vector<T> out;
  for (const auto& batch : batches) {
    for (const auto& a : batch) {
      if (const auto* x = std::get_if<T>(&a)) out.push_back(*x);
    }
  }
  return out;
}

template <class T> std::size_t count_of(const Actions& batch) {
  std::size_t n = 0;
  for (const auto& a : batch) n += std::holds_alternative<T>(a) ? 1 : 0;
  return n;
}

/// A ManagerLoop on rank 0 of `network`, recording each commit; `stop` and `stop_now` are
/// the first and second signal.
struct ManagerRig {
  ManagerRig(InProcessNetwork& network, ManagerOptions options, double stop_grace = 1e9)
      : transport(network.endpoint(0)), core(strategy, options, network.size() - 1, 0.0),
        progress(sink, 1e9, /*quiet=*/true, options.max_evals),
        loop(
            transport, core,
            [this](const Actions& actions) {
              {
                const std::lock_guard lock(mutex);
                commits.push_back(actions);
              }
              committed.notify_all();
            },
            progress, [this] { return stop.load(); }, stop_grace) {
    loop.set_stop_now([this] { return stop_now.load(); });
  }

  /// Waits until some commit holds an action of type T.
  template <class T> void wait_for_commit_of() {
    std::unique_lock lock(mutex);
    committed.wait(lock, [&] { return !all_of<T>(commits).empty(); });
  }

  Transport transport;
  CountingStrategy strategy;
  ManagerCore core;
  std::ostringstream sink;
  ProgressReporter progress;
  ManagerLoop loop;
  std::atomic<bool> stop{false};
  std::atomic<bool> stop_now{false};
  std::mutex mutex;
  std::condition_variable committed;
  std::vector<Actions> commits; ///< read by the test thread after the loop ended
};

inline ManagerOptions max_evals(std::int64_t n) {
  ManagerOptions o;
  o.max_evals = n;
  return o;
}

/// A message a scripted rank waits for (forever: a hang fails by ctest's timeout).
inline Envelope next(Transport& transport, std::optional<Tag> only = std::nullopt) {
  for (;;) {
    if (auto e = transport.receive(std::chrono::seconds(1), only)) return std::move(*e);
  }
}

} // namespace hpsearch::test
