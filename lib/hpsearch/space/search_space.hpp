#pragma once
// SearchSpace: an ordered set of parameters; draws configurations from it.
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/space/parameter.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace hpsearch {

class SearchSpace {
public:
  /// Appends a parameter; throws hpsearch::Error on a duplicate name.
  void add(Parameter parameter);

  const std::vector<Parameter>& parameters() const { return parameters_; }
  const Parameter* find(const std::string& name) const;
  std::size_t size() const { return parameters_.size(); }
  bool empty() const { return parameters_.empty(); }

  /// A configuration drawn uniformly (log-uniformly where `log`), one value per parameter,
  /// in the space's order.
  Config sample(Rng& rng) const;
  /// True when `config` has exactly this space's parameters with values each contains().
  bool contains(const Config& config) const;

private:
  std::vector<Parameter> parameters_;
};

} // namespace hpsearch
