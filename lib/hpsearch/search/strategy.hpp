#pragma once
// Strategy: the ask/tell interface every search algorithm implements. The caller (the
// manager) drives the loop; failures are ordinary outcomes passed to tell().
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/direction.hpp"
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/search/ambs/ambs_options.hpp"
#include "hpsearch/space/search_space.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

class Strategy {
public:
  virtual ~Strategy() = default;
  Strategy() = default;
  Strategy(const Strategy&) = delete;
  Strategy& operator=(const Strategy&) = delete;

  /// The next configuration to evaluate, or nullopt when the strategy has nothing more to
  /// propose (an exhausted grid). Called whenever a worker is free.
  virtual std::optional<Config> ask() = 0;
  /// Reports a finished evaluation of a configuration this strategy proposed.
  virtual void tell(const Evaluation& evaluation) = 0;
  virtual std::string_view name() const = 0;

  /// The strategy's complete mutable state (random streams, counters, queues) as opaque
  /// text, saved in the checkpoint so that a resumed search continues exactly where it
  /// stopped. restore_state() takes back what save_state() returned; it throws
  /// hpsearch::Error (bad_input) on text it cannot parse.
  virtual std::string save_state() const = 0;
  virtual void restore_state(const std::string& state) = 0;
};

/// What make_strategy() hands a strategy. An aggregate: `{space, direction, seed}` still
/// works; later members keep their defaults.
struct StrategyContext {
  const SearchSpace& space;
  Direction direction = Direction::minimize;
  std::uint64_t seed = 42;
  /// Sampler for the first `initial_points` proposals: "random" | "lhs" | "sobol".
  std::string initial_design = "random";
  /// Size of the initial design; 0 means 2 * space.dimension() + 1.
  std::int64_t initial_points = 0;
  /// Grid search: values per real parameter (and per integer parameter with more values).
  std::int64_t grid_points = 5;
  /// Grid search: per-parameter overrides of grid_points, by parameter name.
  std::map<std::string, std::int64_t> grid_points_per_parameter{};
  /// AMBS: everything but the initial design (taken from the members above).
  AmbsOptions ambs{};
  /// Worker ranks the manager serves: AMBS prepares proposals ahead when more than one.
  int workers = 1;
};

/// The strategy registered under `name` ("random", "grid", ...); throws hpsearch::Error listing
/// the known names when `name` is unknown.
std::unique_ptr<Strategy> make_strategy(std::string_view name, const StrategyContext& context);
/// Names make_strategy() accepts.
const std::vector<std::string_view>& strategy_names();

} // namespace hpsearch
