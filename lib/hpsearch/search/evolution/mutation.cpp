#include "hpsearch/search/evolution/mutation.hpp"

#include <cstdint>
#include <vector>

namespace hpsearch {

namespace {

constexpr int kTries = 100;

/// A value of discrete `p` other than `current`, uniformly among the rest.
Value other_discrete(const Parameter& p, const Value& current, Rng& rng) {
  const auto k = static_cast<std::int64_t>(p.cardinality());
  if (p.kind == ParamKind::integer) {
    const auto low = static_cast<std::int64_t>(p.low);
    const std::int64_t at = std::get<std::int64_t>(current) - low;
    std::int64_t r = rng.integer(0, k - 2);
    if (r >= at) ++r;
    return Value{low + r};
  }
  const int at = p.choice_index(current);
  std::int64_t r = rng.integer(0, k - 2);
  if (r >= at) ++r;
  return p.choices[static_cast<std::size_t>(r)];
}

Value other_value(const Parameter& p, const Value& current, Rng& rng) {
  if (p.kind != ParamKind::real) return other_discrete(p, current, rng);
  for (;;) {
    Value v = p.from_unit(rng.uniform());
    if (v != current) return v;
  }
}

/// The child with gene `gene` set to `value`, the space's conditions decided in order.
Config rebuild(const SearchSpace& space, const Config& parent, std::size_t gene, Value value,
               Rng& rng) {
  const auto& parameters = space.parameters();
  Config child;
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const Parameter& p = parameters[i];
    if (!space.is_active(p, child)) continue;
    if (i == gene) {
      child.set(p.name, value);
    } else if (const Value* kept = parent.find(p.name)) {
      child.set(p.name, *kept);
    } else {
      child.set(p.name, p.from_unit(rng.uniform()));
    }
  }
  return child;
}

} // namespace

bool can_mutate(const Parameter& parameter) {
  if (parameter.kind == ParamKind::real) return parameter.low < parameter.high;
  return parameter.cardinality() > 1;
}

std::optional<Config> mutate(const SearchSpace& space, const Config& parent, Rng& rng) {
  std::vector<std::size_t> genes;
  const auto& parameters = space.parameters();
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    if (parent.contains(parameters[i].name) && can_mutate(parameters[i])) genes.push_back(i);
  }
  if (genes.empty()) return std::nullopt;
  for (int t = 0; t < kTries; ++t) {
    const std::size_t gene = genes[static_cast<std::size_t>(
        rng.integer(0, static_cast<std::int64_t>(genes.size()) - 1))];
    const Parameter& p = parameters[gene];
    Value value = other_value(p, parent.at(p.name), rng);
    Config child = rebuild(space, parent, gene, std::move(value), rng);
    if (!space.is_forbidden(child)) return child;
  }
  return std::nullopt;
}

} // namespace hpsearch
