#include "hpsearch/sim/job_plan.hpp"

#include "hpsearch/core/rng.hpp"
#include "hpsearch/core/value.hpp"
#include "hpsearch/eval/learning_curves.hpp"

#include <cmath>
#include <exception>
#include <limits>

namespace hpsearch {

double JobModel::draw(const Job& job, std::int64_t step) const {
  const auto s = static_cast<std::uint64_t>(step);
  if (duration_.kind == DurationModel::Kind::objective) {
    const bool curve = evaluator_.function().curve != nullptr;
    return evaluator_.sleep_seconds(curve ? derive_seed(job.seed, s) : job.seed);
  }
  return duration_.draw(derive_seed(derive_seed(seed_, static_cast<std::uint64_t>(job.id)), s));
}

JobPlan JobModel::plan(const Job& job) const {
  JobPlan plan;
  const TestFunction& function = evaluator_.function();
  const auto fail = [&](std::string message) {
    plan.steps = {PlannedStep{draw(job, 0), 0.0, std::numeric_limits<double>::quiet_NaN()}};
    plan.reports = false;
    plan.status = Status::failed;
    plan.message = std::move(message);
    return plan;
  };
  std::vector<double> x;
  try {
    for (const auto& name : evaluator_.parameters()) {
      const Value* value = job.config.find(name);
      if (value == nullptr) {
        return fail(std::string(function.name) + ": parameter '" + name + "' is missing");
      }
      x.push_back(as_double(*value));
    }
  } catch (const std::exception& e) {
    return fail(std::string(function.name) + ": " + e.what());
  }
  if (function.curve == nullptr) {
    const double value = function.f(x);
    if (!std::isfinite(value)) return fail(std::string(function.name) + ": non-finite value");
    plan.steps = {PlannedStep{draw(job, 0), 0.0, value}};
    return plan;
  }
  const double to = job.fidelity > 0.0 ? job.fidelity : kCurveSteps;
  const auto first = static_cast<std::int64_t>(std::floor(job.from_fidelity + 1e-9)) + 1;
  const auto last = static_cast<std::int64_t>(std::floor(to + 1e-9));
  if (last < first) return fail(std::string(function.name) + ": no whole step to train");
  plan.reports = true;
  for (std::int64_t step = first; step <= last; ++step) {
    const auto s = static_cast<double>(step);
    plan.steps.push_back(PlannedStep{draw(job, step), s, function.curve(x, s)});
  }
  return plan;
}

} // namespace hpsearch
