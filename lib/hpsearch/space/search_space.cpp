#include "hpsearch/space/search_space.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <cmath>

namespace hpsearch {

void SearchSpace::add(Parameter parameter) {
  if (find(parameter.name) != nullptr) {
    throw Error("parameter '" + parameter.name + "' is defined twice");
  }
  parameters_.push_back(std::move(parameter));
}

const Parameter* SearchSpace::find(const std::string& name) const {
  for (const auto& p : parameters_) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

namespace {

Value sample_one(const Parameter& p, Rng& rng) {
  switch (p.kind) {
  case ParamKind::real: {
    if (!p.log) return rng.uniform(p.low, p.high);
    const double x = std::exp(rng.uniform(std::log(p.low), std::log(p.high)));
    return std::clamp(x, p.low, p.high);
  }
  case ParamKind::integer: {
    const auto lo = static_cast<std::int64_t>(p.low);
    const auto hi = static_cast<std::int64_t>(p.high);
    if (!p.log) return rng.integer(lo, hi);
    // Log-uniform over the integers: each value owns [v - 0.5, v + 0.5) in log space.
    const double x = std::exp(rng.uniform(std::log(p.low - 0.5), std::log(p.high + 0.5)));
    return std::clamp(static_cast<std::int64_t>(std::llround(x)), lo, hi);
  }
  case ParamKind::categorical:
    return p.choices[static_cast<std::size_t>(
        rng.integer(0, static_cast<std::int64_t>(p.choices.size()) - 1))];
  }
  throw Error("unknown parameter kind", ExitCode::internal_error);
}

} // namespace

Config SearchSpace::sample(Rng& rng) const {
  Config config;
  for (const auto& p : parameters_) config.set(p.name, sample_one(p, rng));
  return config;
}

bool SearchSpace::contains(const Config& config) const {
  if (config.size() != parameters_.size()) return false;
  for (const auto& p : parameters_) {
    const Value* v = config.find(p.name);
    if (v == nullptr || !p.contains(*v)) return false;
  }
  return true;
}

} // namespace hpsearch
