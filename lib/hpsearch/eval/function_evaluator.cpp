#include "hpsearch/eval/function_evaluator.hpp"

#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/core/value.hpp"
#include "hpsearch/eval/learning_curves.hpp"
#include "hpsearch/eval/pbt_toy.hpp"
#include "hpsearch/eval/trial_state.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <sstream>
#include <thread>
#include <utility>

namespace hpsearch {

namespace {

const TestFunction& lookup(const std::string& name) {
  const TestFunction* function = find_test_function(name);
  if (function == nullptr) {
    throw Error::input("objective.function: unknown test function '" + name +
                       "' (known: " + test_function_names() + ")");
  }
  return *function;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

std::string format_seconds(double seconds) {
  std::ostringstream out;
  out << seconds;
  return out.str();
}

} // namespace

FunctionEvaluator::FunctionEvaluator(const std::string& function,
                                     std::vector<std::string> parameters, double sleep_min,
                                     double sleep_max, bool sleep_log, std::string trial_root)
    : function_(&lookup(function)), parameters_(std::move(parameters)), sleep_min_(sleep_min),
      sleep_max_(sleep_max), sleep_log_(sleep_log), trial_root_(std::move(trial_root)) {
  if (!function_->accepts(parameters_.size())) {
    throw Error::input("objective.function: test function '" + function + "' takes " +
                       function_->dimension_text() + " parameters, but the space has " +
                       std::to_string(parameters_.size()) + " (" + joined(parameters_) + ")");
  }
  if (!std::isfinite(sleep_min_) || !std::isfinite(sleep_max_) || sleep_min_ < 0.0 ||
      sleep_max_ < sleep_min_) {
    throw Error::input("objective.sleep: expected 0 <= min <= max seconds, got [" +
                       format_seconds(sleep_min_) + ", " + format_seconds(sleep_max_) + "]");
  }
  if (sleep_log_ && sleep_min_ <= 0.0) {
    throw Error::input("objective.sleep: a log-uniform sleep needs min > 0, got " +
                       format_seconds(sleep_min_));
  }
}

double FunctionEvaluator::sleep_seconds(std::uint64_t seed) const {
  if (sleep_max_ <= sleep_min_) return sleep_min_;
  Rng rng(seed);
  if (sleep_log_) {
    return std::clamp(std::exp(rng.uniform(std::log(sleep_min_), std::log(sleep_max_))), sleep_min_,
                      sleep_max_);
  }
  return rng.uniform(sleep_min_, sleep_max_);
}

Outcome FunctionEvaluator::evaluate(const Job& job, Reporter& reporter) {
  Outcome outcome;
  outcome.started_at = wall_seconds();
  auto fail = [&](std::string message) {
    outcome.status = Status::failed;
    outcome.objective = std::numeric_limits<double>::quiet_NaN();
    outcome.message = std::move(message);
    outcome.finished_at = wall_seconds();
    return outcome;
  };
  try {
    std::vector<double> x;
    x.reserve(parameters_.size());
    for (const auto& name : parameters_) {
      const Value* value = job.config.find(name);
      if (value == nullptr) {
        return fail(std::string(function_->name) + ": parameter '" + name +
                    "' is missing from the configuration (" + job.config.to_string() + ")");
      }
      x.push_back(as_double(*value));
    }
    if (function_->curve == &pbt_toy_curve) return train_pbt_toy(job, x, reporter, outcome);
    if (function_->curve != nullptr) return train_curve(job, x, reporter, outcome);
    const double pause = sleep_seconds(job.seed);
    if (pause > 0.0) std::this_thread::sleep_for(std::chrono::duration<double>(pause));
    const double value = function_->f(x);
    if (!std::isfinite(value)) {
      return fail(std::string(function_->name) + " returned a non-finite value (" +
                  format_seconds(value) + ") at " + job.config.to_string());
    }
    outcome.status = Status::ok;
    outcome.objective = value;
    outcome.finished_at = wall_seconds();
    return outcome;
  } catch (const std::exception& e) {
    return fail(std::string(function_->name) + ": " + e.what());
  }
}

Outcome FunctionEvaluator::train_curve(const Job& job, const std::vector<double>& x,
                                       Reporter& reporter, Outcome outcome) const {
  const double to = job.fidelity > 0.0 ? job.fidelity : kCurveSteps;
  const auto first = static_cast<std::int64_t>(std::floor(job.from_fidelity + 1e-9)) + 1;
  const auto last = static_cast<std::int64_t>(std::floor(to + 1e-9));
  outcome.status = Status::failed;
  outcome.objective = std::numeric_limits<double>::quiet_NaN();
  if (last < first) {
    outcome.message = std::string(function_->name) + ": no whole step between fidelity " +
                      format_seconds(job.from_fidelity) + " and " + format_seconds(to);
    outcome.finished_at = wall_seconds();
    return outcome;
  }
  outcome.status = Status::ok;
  for (std::int64_t step = first; step <= last; ++step) {
    const double pause = sleep_seconds(derive_seed(job.seed, static_cast<std::uint64_t>(step)));
    if (pause > 0.0) std::this_thread::sleep_for(std::chrono::duration<double>(pause));
    outcome.objective = function_->curve(x, static_cast<double>(step));
    if (reporter.report(static_cast<double>(step), outcome.objective) && step < last) {
      outcome.status = Status::stopped;
      break;
    }
  }
  outcome.finished_at = wall_seconds();
  return outcome;
}

Outcome FunctionEvaluator::train_pbt_toy(const Job& job, const std::vector<double>& x,
                                         Reporter& reporter, Outcome outcome) const {
  const auto to = static_cast<std::int64_t>(
      std::floor((job.fidelity > 0.0 ? job.fidelity : kCurveSteps) + 1e-9));
  const auto from = static_cast<std::int64_t>(std::floor(job.from_fidelity + 1e-9));
  outcome.status = Status::failed;
  outcome.objective = std::numeric_limits<double>::quiet_NaN();
  const auto fail = [&](std::string message) {
    outcome.message = "pbt_toy: " + std::move(message);
    outcome.finished_at = wall_seconds();
    return outcome;
  };
  if (to <= from)
    return fail("no whole step between fidelity " + format_seconds(job.from_fidelity) + " and " +
                format_seconds(job.fidelity));
  PbtToyState state;
  std::string dir;
  if (!trial_root_.empty()) dir = prepare_trial_state(trial_root_, job);
  if (from > 0) {
    if (dir.empty()) return fail("a continued trial needs a trial state directory (run.trial_dir)");
    const std::optional<PbtToyState> saved = read_pbt_toy_state(dir);
    if (!saved)
      return fail("no saved state in '" + dir + "' to continue from step " + std::to_string(from));
    if (saved->step != from) {
      return fail("the state in '" + dir + "' is at step " + std::to_string(saved->step) +
                  ", the job continues from step " + std::to_string(from));
    }
    state = *saved;
  }
  outcome.status = Status::ok;
  while (state.step < to) {
    pbt_toy_step(state, x.at(0), x.at(1));
    outcome.objective = pbt_toy_q(state);
    if (reporter.report(static_cast<double>(state.step), outcome.objective) && state.step < to) {
      outcome.status = Status::stopped;
      break;
    }
  }
  if (!dir.empty()) write_pbt_toy_state(dir, state);
  outcome.finished_at = wall_seconds();
  return outcome;
}

} // namespace hpsearch
