#pragma once
// The lookup table of the tabular NAS benchmark (bench/nas_table.cpp): the validation
// accuracy of every configuration of bench/nas_table.yaml's space, read from the CSV that
// `hpsearch export --csv` wrote of the grid search that trained them all
// (bench/nas_table.sh).
#include "hpsearch/core/config.hpp"
#include "hpsearch/space/search_space.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace hpsearch::bench {

class NasTable {
public:
  /// Reads `file`'s p:<name> columns (one per parameter of `space`, each categorical or
  /// ordinal) and `objective`. Throws hpsearch::Error (input) naming the file and line of a
  /// value that is not one of its parameter's choices, a row without an objective or seen
  /// twice, and when some configuration of `space` has no row.
  NasTable(const std::string& file, const SearchSpace& space);

  /// The recorded accuracy of `config`; throws naming it when the table lacks it.
  double accuracy(const Config& config) const;
  std::size_t size() const { return accuracy_.size(); }
  /// The accuracy at quantile q in [0, 1] of the table's rows (1: the best).
  double quantile(double q) const;
  /// How many configurations score strictly more than `accuracy` (0: it is the best).
  std::size_t better_than(double accuracy) const;

private:
  /// The choice indices of `config`'s values, "3.0.1...".
  std::string key(const Config& config) const;

  std::vector<Parameter> parameters_;
  std::map<std::string, double> accuracy_;
  std::vector<double> sorted_;
};

} // namespace hpsearch::bench
