#include "hpsearch/config/problem.hpp"
#include "hpsearch/runtime/strategy_factory.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

std::size_t proposals_until_exhausted(Strategy& strategy) {
  std::size_t n = 0;
  while (strategy.ask()) ++n;
  return n;
}

TEST(StrategyFactory, GridPointsFromTheProblemReachTheGrid) {
  const Problem p = parse_problem("space:\n"
                                  "  x1: {type: real, low: -5.0, high: 10.0}\n"
                                  "  x2: {type: real, low: 0.0, high: 15.0}\n"
                                  "objective: {kind: function, name: branin}\n"
                                  "search: {strategy: grid, grid_points: {x1: 4, default: 3}}\n",
                                  "<grid>");
  auto strategy = make_strategy_for(p);
  EXPECT_EQ(strategy->name(), "grid");
  EXPECT_EQ(proposals_until_exhausted(*strategy), 4u * 3u);
}

TEST(StrategyFactory, InitialDesignFromTheProblemChangesTheFirstProposals) {
  auto first = [](const std::string& design) {
    const Problem p = parse_problem("space:\n"
                                    "  x1: {type: real, low: 0.0, high: 1.0}\n"
                                    "  x2: {type: real, low: 0.0, high: 1.0}\n"
                                    "objective: {kind: function, name: sphere}\n"
                                    "search: {strategy: random, initial_design: " +
                                        design + ", initial_points: 4}\n",
                                    "<design>");
    auto strategy = make_strategy_for(p);
    return *strategy->ask();
  };
  EXPECT_NE(first("sobol"), first("random"));
  EXPECT_EQ(first("lhs"), first("lhs"));
}

} // namespace
} // namespace hpsearch
