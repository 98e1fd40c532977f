#pragma once
// Helpers of the multi-fidelity scheduler tests: a sampler that hands out x = 0, 1, 2, ...
// (a finite grid when given a limit) and keeps what it is told, and job-end shorthands.
#include "hpsearch/search/lifecycle/scheduler.hpp"
#include "hpsearch/search/multifidelity/multifidelity_options.hpp"
#include "hpsearch/search/strategy.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace hpsearch::test {

class CountingSampler final : public Strategy {
public:
  explicit CountingSampler(std::int64_t limit = std::numeric_limits<std::int64_t>::max(),
                           std::vector<Evaluation>* told = nullptr)
      : limit_(limit), told_(told) {}
  std::optional<Config> ask() override {
    if (next_ >= limit_) return std::nullopt;
    return Config({{"x", Value{next_++}}});
  }
  void tell(const Evaluation& e) override {
    if (told_ != nullptr) told_->push_back(e);
  }
  std::string_view name() const override { return "counting"; }
  std::string save_state() const override { return std::to_string(next_); }
  void restore_state(const std::string& state) override { next_ = std::stoll(state); }

private:
  std::int64_t limit_;
  std::vector<Evaluation>* told_;
  std::int64_t next_ = 0;
};

/// Scheduler settings with eta = 3.
inline MultiFidelityOptions settings(SchedulerKind kind, AshaVariant variant, double min,
                                     double max, std::int64_t brackets = 0) {
  MultiFidelityOptions o;
  o.kind = kind;
  o.variant = variant;
  o.min_fidelity = min;
  o.max_fidelity = max;
  o.reduction_factor = 3.0;
  o.brackets = brackets;
  return o;
}

inline Evaluation result(const TrialJob& job, double objective, Status status = Status::ok) {
  Evaluation e;
  e.config = job.config;
  e.status = status;
  e.objective = status == Status::ok ? objective : std::nan("");
  e.fidelity = job.to_fidelity;
  return e;
}

inline TrialDecision end(Scheduler& s, const TrialJob& job, double objective) {
  return s.job_ended(job, result(job, objective));
}

inline TrialDecision end(Scheduler& s, const TrialJob& job, Status status) {
  return s.job_ended(job, result(job, 0.0, status));
}

} // namespace hpsearch::test
