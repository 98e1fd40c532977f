#include "hpsearch/arch/space_size.hpp"

#include "hpsearch/arch/genes.hpp"
#include "hpsearch/arch/network.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/space/search_space.hpp"

#include <algorithm>
#include <optional>

namespace hpsearch::arch {

namespace {

constexpr std::size_t kDraws = 200;
constexpr std::size_t kStarts = 2;
constexpr std::size_t kMaxSweeps = 4;

class Measure {
public:
  Measure(const Architecture& architecture, SpaceSize& size)
      : architecture_(architecture), size_(size) {}

  /// The parameter count of `genes`' network, nullopt when it cannot be built.
  std::optional<std::int64_t> count(const Config& genes) {
    ++size_.tried;
    try {
      const std::int64_t n = decode_network(architecture_, genes).parameters;
      note(size_.smallest, n, genes, true);
      note(size_.largest, n, genes, false);
      return n;
    } catch (const Error& e) {
      if (size_.unbuildable++ == 0) size_.first_failure = e.what();
      return std::nullopt;
    }
  }

private:
  void note(NetworkExtreme& extreme, std::int64_t n, const Config& genes, bool smaller) {
    const bool first = size_.tried - size_.unbuildable == 1;
    if (first || (smaller ? n < extreme.parameters : n > extreme.parameters)) {
      extreme = {n, genes};
    }
  }

  const Architecture& architecture_;
  SpaceSize& size_;
};

void enumerate(const std::vector<Parameter>& genes, Measure& measure) {
  std::vector<std::size_t> digit(genes.size(), 0);
  while (true) {
    Config config;
    for (std::size_t g = 0; g < genes.size(); ++g)
      config.set(genes[g].name, genes[g].choices[digit[g]]);
    measure.count(config);
    std::size_t g = 0;
    while (g < genes.size() && ++digit[g] == genes[g].choices.size()) digit[g++] = 0;
    if (g == genes.size()) return;
  }
}

/// Coordinate descent from `start` towards fewer (`smaller`) or more parameters.
void descend(const std::vector<Parameter>& genes, Config config, std::int64_t value, bool smaller,
             Measure& measure) {
  for (std::size_t sweep = 0; sweep < kMaxSweeps; ++sweep) {
    bool improved = false;
    for (const Parameter& gene : genes) {
      const Value kept = *config.find(gene.name);
      Value best = kept;
      for (const Value& choice : gene.choices) {
        if (choice == kept) continue;
        config.set(gene.name, choice);
        const auto n = measure.count(config);
        if (n && (smaller ? *n < value : *n > value)) {
          value = *n;
          best = choice;
          improved = true;
        }
      }
      config.set(gene.name, best);
    }
    if (!improved) return;
  }
}

void search(const std::vector<Parameter>& genes, std::uint64_t seed, Measure& measure) {
  SearchSpace space;
  for (const Parameter& gene : genes) space.add(gene);
  Rng rng(seed);
  std::vector<std::pair<std::int64_t, Config>> built;
  for (std::size_t i = 0; i < kDraws; ++i) {
    Config config = space.sample(rng);
    if (const auto n = measure.count(config)) built.emplace_back(*n, std::move(config));
  }
  if (built.empty()) return;
  std::sort(built.begin(), built.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  const std::size_t starts = std::min(kStarts, built.size());
  for (std::size_t s = 0; s < starts; ++s) {
    descend(genes, built[s].second, built[s].first, true, measure);
    const auto& top = built[built.size() - 1 - s];
    descend(genes, top.second, top.first, false, measure);
  }
}

} // namespace

SpaceSize measure_space(const Architecture& architecture, std::uint64_t seed) {
  const std::vector<Parameter> genes = architecture_genes(architecture);
  SpaceSize size;
  size.genes = genes.size();
  for (const Parameter& gene : genes) size.networks *= static_cast<double>(gene.cardinality());
  Measure measure(architecture, size);
  size.exact = size.networks <= SpaceSize::kExactLimit;
  if (size.exact) {
    enumerate(genes, measure);
  } else {
    search(genes, seed, measure);
  }
  if (size.tried == size.unbuildable) {
    throw Error::input("architecture: none of the " + std::to_string(size.tried) +
                       " networks tried can be built; the first: " + size.first_failure);
  }
  return size;
}

} // namespace hpsearch::arch
