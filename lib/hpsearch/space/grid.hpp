#pragma once
// Grid enumeration of a search space: lazily visits every valid combination of the given
// per-parameter value lists exactly once, in a fixed depth-first order (the first
// parameter varies slowest). Only active parameters are multiplied out: an inactive
// parameter contributes a single "absent" option, so a conditional parameter varies only
// where it is active. Forbidden combinations are skipped.
#include "hpsearch/core/config.hpp"
#include "hpsearch/space/search_space.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hpsearch {

/// The grid values of one parameter. real: `points` evenly spaced values (log-spaced when
/// log) including both bounds (1 point: the middle of the unit interval); integer: every
/// value when there are at most `points`, else `points` evenly (log-) spaced values,
/// rounded, without repeats; categorical / ordinal: every choice; constant: the value.
/// Throws hpsearch::Error when points < 1.
std::vector<Value> grid_values(const Parameter& parameter, std::int64_t points);

class GridEnumerator {
public:
  /// `values[i]` lists the values of parameter i (non-empty, each a valid value).
  GridEnumerator(const SearchSpace& space, std::vector<std::vector<Value>> values);

  /// The next valid combination, or nullopt when exhausted.
  std::optional<Config> next();
  /// Combinations returned so far.
  std::uint64_t visited() const { return visited_; }

  /// The position as text, and back (throws hpsearch::Error on text it cannot parse).
  std::string save_state() const;
  void restore_state(const std::string& state);

private:
  bool advance();
  void fill_from(std::size_t first);
  Config current() const;

  SearchSpace space_;
  std::vector<std::vector<Value>> values_;
  std::vector<std::size_t> index_; // per parameter; meaningless when inactive
  std::vector<bool> active_;       // per parameter, for the current prefix
  bool started_ = false;
  bool done_ = false;
  std::uint64_t visited_ = 0;
};

} // namespace hpsearch
