#include "hpsearch/search/pbt/explore.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace hpsearch {

namespace {

constexpr int max_forbidden_redraws = 100;

Value perturb_integer(const Parameter& p, const Value& value, bool up, double factor) {
  const double v = as_double(value);
  double next = std::round(v * factor);
  if (next == v) next = up ? v + 1.0 : v - 1.0;
  next = std::clamp(next, p.low, p.high);
  return Value{static_cast<std::int64_t>(next)};
}

Value neighbour(const Parameter& p, const Value& value, bool up) {
  const int index = p.choice_index(value);
  const auto n = static_cast<int>(p.choices.size());
  if (index < 0 || n < 2) return value;
  int next = up ? index + 1 : index - 1;
  if (next < 0 || next >= n) next = up ? index - 1 : index + 1;
  return p.choices[static_cast<std::size_t>(next)];
}

} // namespace

Value perturb_value(const Parameter& parameter, const Value& value, Rng& rng) {
  const bool up = rng.uniform() < 0.5;
  const double factor = up ? 1.2 : 0.8;
  switch (parameter.kind) {
  case ParamKind::real:
    return Value{std::clamp(as_double(value) * factor, parameter.low, parameter.high)};
  case ParamKind::integer:
    return perturb_integer(parameter, value, up, factor);
  case ParamKind::categorical:
  case ParamKind::ordinal:
    return neighbour(parameter, value, up);
  case ParamKind::constant:
    return value;
  }
  return value;
}

namespace {

Config explore_once(const SearchSpace& space, const Config& donor, double resample_probability,
                    Rng& rng) {
  Config out;
  for (const Parameter& p : space.parameters()) {
    if (!space.is_active(p, out)) continue;
    const Value* old = donor.find(p.name);
    const bool resample = old == nullptr || rng.uniform() < resample_probability;
    out.set(p.name, resample ? p.from_unit(rng.uniform()) : perturb_value(p, *old, rng));
  }
  return out;
}

} // namespace

Config explore(const SearchSpace& space, const Config& donor, double resample_probability,
               Rng& rng) {
  for (int i = 0; i < max_forbidden_redraws; ++i) {
    Config config = explore_once(space, donor, resample_probability, rng);
    if (!space.is_forbidden(config)) return config;
  }
  return donor;
}

} // namespace hpsearch
