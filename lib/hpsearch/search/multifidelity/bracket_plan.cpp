#include "hpsearch/search/multifidelity/bracket_plan.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace hpsearch {

namespace {

// Rounding slack for powers of eta computed in floating point (9 * 3^-2 must floor to 1).
constexpr double kSlack = 1e-9;

std::string number(double x) {
  std::string text = std::to_string(x);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

void check(const MultiFidelityOptions& o) {
  if (!(o.min_fidelity > 0.0) || !std::isfinite(o.min_fidelity)) {
    throw Error::input("search.min_fidelity must be a positive number, got " +
                       number(o.min_fidelity));
  }
  if (!(o.max_fidelity >= o.min_fidelity) || !std::isfinite(o.max_fidelity)) {
    throw Error::input("search.max_fidelity must be at least search.min_fidelity (" +
                       number(o.min_fidelity) + "), got " + number(o.max_fidelity));
  }
  if (!(o.reduction_factor > 1.0) || !std::isfinite(o.reduction_factor)) {
    throw Error::input("search.reduction_factor must be a number above 1, got " +
                       number(o.reduction_factor));
  }
  if (o.brackets < 0) {
    throw Error::input("search.brackets must not be negative, got " + std::to_string(o.brackets));
  }
  if (o.top_k < 0) {
    throw Error::input("search.top_k must not be negative, got " + std::to_string(o.top_k));
  }
}

std::int64_t floor_count(double x) {
  return static_cast<std::int64_t>(std::floor(x + kSlack));
}

BracketPlan hyperband_bracket(const std::vector<double>& ladder, double eta, std::int32_t s) {
  const auto s_max = static_cast<std::int32_t>(ladder.size()) - 1;
  const double n_real = (s_max + 1.0) / (s + 1.0) * std::pow(eta, s);
  const auto n = static_cast<std::int64_t>(std::ceil(n_real - kSlack));
  BracketPlan plan;
  for (std::int32_t i = 0; i <= s; ++i) {
    const std::int32_t rung = s_max - s + i;
    plan.push_back(
        {ladder[static_cast<std::size_t>(rung)], rung,
         std::max<std::int64_t>(1, floor_count(static_cast<double>(n) * std::pow(eta, -i)))});
  }
  return plan;
}

} // namespace

std::vector<double> rung_fidelities(const MultiFidelityOptions& options) {
  check(options);
  std::vector<double> ladder;
  double fidelity = options.min_fidelity;
  while (fidelity < options.max_fidelity * (1.0 - kSlack)) {
    ladder.push_back(fidelity);
    fidelity *= options.reduction_factor;
  }
  ladder.push_back(options.max_fidelity);
  const auto brackets = static_cast<std::int64_t>(ladder.size());
  if (options.brackets > brackets) {
    throw Error::input("search.brackets must be at most " + std::to_string(brackets) +
                       " (the rungs from min_fidelity " + number(options.min_fidelity) +
                       " to max_fidelity " + number(options.max_fidelity) +
                       " with reduction_factor " + number(options.reduction_factor) + "), got " +
                       std::to_string(options.brackets));
  }
  return ladder;
}

std::vector<BracketPlan> hyperband_plans(const MultiFidelityOptions& options) {
  const std::vector<double> ladder = rung_fidelities(options);
  const auto s_max = static_cast<std::int32_t>(ladder.size()) - 1;
  const std::int64_t count = options.brackets == 0 ? s_max + 1 : options.brackets;
  std::vector<BracketPlan> plans;
  for (std::int32_t s = s_max; s > s_max - count; --s) {
    plans.push_back(hyperband_bracket(ladder, options.reduction_factor, s));
  }
  return plans;
}

BracketPlan successive_halving_plan(const MultiFidelityOptions& options) {
  const std::vector<double> ladder = rung_fidelities(options);
  return hyperband_bracket(ladder, options.reduction_factor,
                           static_cast<std::int32_t>(ladder.size()) - 1);
}

BracketPlan one_epoch_plan(const MultiFidelityOptions& options) {
  const std::vector<double> ladder = rung_fidelities(options);
  const auto s_max = static_cast<std::int32_t>(ladder.size()) - 1;
  const std::int64_t first =
      std::max(floor_count(std::pow(options.reduction_factor, s_max)), options.top_k);
  if (s_max == 0) return {{ladder.front(), 0, first}};
  const std::int64_t top_k =
      options.top_k > 0 ? options.top_k
                        : std::max<std::int64_t>(1, floor_count(static_cast<double>(first) /
                                                                options.reduction_factor));
  return {{ladder.front(), 0, first}, {ladder.back(), s_max, top_k}};
}

} // namespace hpsearch
