#include "hpsearch/eval/function_evaluator.hpp"

#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/core/value.hpp"

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
                                     double sleep_max, bool sleep_log)
    : function_(&lookup(function)), parameters_(std::move(parameters)), sleep_min_(sleep_min),
      sleep_max_(sleep_max), sleep_log_(sleep_log) {
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

Outcome FunctionEvaluator::evaluate(const Job& job, Reporter& /*reporter*/) {
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

} // namespace hpsearch
