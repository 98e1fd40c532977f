#pragma once
// Strategy: the ask/tell interface every search algorithm implements. The caller (the
// manager) drives the loop; failures are ordinary outcomes passed to tell().
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/direction.hpp"
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/search/strategy_options.hpp"
#include "hpsearch/space/search_space.hpp"

#include <cstdint>
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

  /// One line on how the strategy served its proposals, printed at the end of a run
  /// (AMBS: proposals from the model, the reserve and the fallback; fits; waits for the
  /// helper). Empty when there is nothing to say.
  virtual std::string summary() const { return {}; }
};

/// What a strategy runs on, besides its options. An aggregate: `{space, direction, seed}`
/// works; `workers` keeps its default.
struct StrategyContext {
  const SearchSpace& space;
  Direction direction = Direction::minimize;
  std::uint64_t seed = 42;
  /// Worker ranks the manager serves: AMBS prepares proposals ahead when more than one.
  int workers = 1;
  /// The fidelity range of the multi-fidelity scheduler the strategy samples for ({0, 0}:
  /// a full-fidelity search). AMBS's `input` fidelity model normalizes fidelities by it.
  FidelityRange fidelities{};
};

/// The strategy `options.kind` names, built from its part of `options`. Throws
/// hpsearch::Error (bad_input) when the options cannot apply to this space.
std::unique_ptr<Strategy> make_strategy(const StrategyOptions& options,
                                        const StrategyContext& context);
/// The same for a strategy given by name (strategy_kinds), with its default options.
std::unique_ptr<Strategy> make_strategy(std::string_view name, const StrategyContext& context);

} // namespace hpsearch
