#include "hpsearch/core/error.hpp"
#include "hpsearch/search/grid_search.hpp"
#include "hpsearch/search/strategy.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <set>

namespace hpsearch {
namespace {

Value s(const char* text) {
  return std::string(text);
}

/// 3 x 4 x 2 with a conditional third parameter: `bn` exists only for the mlp model.
SearchSpace conditional_space() {
  SearchSpace space;
  space.add(Parameter::categorical("model", {s("mlp"), s("cnn"), s("rnn")}));
  space.add(Parameter::integer("layers", 1, 4));
  space.add(Parameter::categorical("bn", {true, false})
                .with_condition(Condition::equals("model", s("mlp"))));
  return space;
}

std::vector<Config> drain(Strategy& strategy) {
  std::vector<Config> out;
  while (auto c = strategy.ask()) out.push_back(*c);
  return out;
}

TEST(GridSearch, VisitsExactlyTheValidCombinationsOnce) {
  const SearchSpace space = conditional_space();
  auto grid = make_strategy("grid", {space, Direction::minimize, 1});
  const auto visited = drain(*grid);
  // By hand: mlp has 4 layer counts x 2 bn values = 8; cnn and rnn have 4 each, without bn.
  std::set<std::string> expected;
  for (const char* model : {"mlp", "cnn", "rnn"}) {
    for (int layers = 1; layers <= 4; ++layers) {
      const std::string base = std::string("model=") + model + " layers=" + std::to_string(layers);
      if (std::string(model) == "mlp") {
        expected.insert(base + " bn=true");
        expected.insert(base + " bn=false");
      } else {
        expected.insert(base);
      }
    }
  }
  ASSERT_EQ(expected.size(), 16u);
  std::set<std::string> got;
  for (const auto& c : visited) {
    EXPECT_TRUE(space.contains(c)) << c.to_string();
    got.insert(c.to_string());
  }
  EXPECT_EQ(visited.size(), 16u); // no repeats
  EXPECT_EQ(got, expected);
  EXPECT_FALSE(grid->ask()); // stays exhausted
}

TEST(GridSearch, SkipsForbiddenCombinations) {
  SearchSpace space = conditional_space();
  space.add_forbidden({{{"model", {s("cnn")}}, {"layers", {std::int64_t{3}, std::int64_t{4}}}}});
  space.add_forbidden({{{"bn", {false}}}});
  GridSearch grid(space, GridOptions{5});
  const auto visited = drain(grid);
  EXPECT_EQ(visited.size(), 16u - 2u - 4u);
  for (const auto& c : visited) EXPECT_TRUE(space.contains(c)) << c.to_string();
}

TEST(GridSearch, RealParametersGetEvenlySpacedValuesIncludingBothBounds) {
  SearchSpace space;
  space.add(Parameter::real("lr", 1e-4, 1.0, true));
  space.add(Parameter::real("dropout", 0.0, 0.5));
  space.add(Parameter::integer("units", 16, 1024, true));
  space.add(Parameter::integer("depth", 1, 3));
  space.add(Parameter::ordinal("size", {s("s"), s("m"), s("l")}));
  space.add(Parameter::constant("version", std::int64_t{3}));
  StrategyOptions options;
  options.kind = StrategyKind::grid;
  options.grid.points = 3;
  options.grid.points_per_parameter = {{"lr", 5}};
  auto grid = make_strategy(options, {space, Direction::minimize, 1});
  const auto visited = drain(*grid);
  EXPECT_EQ(visited.size(), 5u * 3u * 3u * 3u * 3u * 1u);
  std::set<double> lrs;
  std::set<double> dropouts;
  std::set<std::int64_t> units;
  for (const auto& c : visited) {
    lrs.insert(std::get<double>(c.at("lr")));
    dropouts.insert(std::get<double>(c.at("dropout")));
    units.insert(std::get<std::int64_t>(c.at("units")));
    EXPECT_EQ(c.at("version"), Value{std::int64_t{3}});
  }
  const std::vector<double> lr(lrs.begin(), lrs.end());
  ASSERT_EQ(lr.size(), 5u);
  EXPECT_EQ(lr.front(), 1e-4);
  EXPECT_EQ(lr.back(), 1.0);
  EXPECT_NEAR(lr[2], 1e-2, 1e-15); // log-spaced: 1e-4, 1e-3, 1e-2, 1e-1, 1
  EXPECT_EQ(dropouts, (std::set<double>{0.0, 0.25, 0.5}));
  EXPECT_EQ(units, (std::set<std::int64_t>{16, 128, 1024}));
}

TEST(GridValues, IntegersAreAllValuesOrDistinctSpacedOnes) {
  EXPECT_EQ(grid_values(Parameter::integer("n", 1, 4), 5).size(), 4u);
  const auto spaced = grid_values(Parameter::integer("n", 1, 100), 5);
  EXPECT_EQ(spaced, (std::vector<Value>{std::int64_t{1}, std::int64_t{26}, std::int64_t{51},
                                        std::int64_t{75}, std::int64_t{100}}));
  // Log spacing over 1..8 with 7 points rounds to repeats, which are dropped.
  const auto dense = grid_values(Parameter::integer("n", 1, 10, true), 7);
  EXPECT_EQ(std::set<Value>(dense.begin(), dense.end()).size(), dense.size());
  EXPECT_THROW(grid_values(Parameter::real("x", 0, 1), 0), Error);
}

TEST(GridSearch, SavedPositionContinuesExactly) {
  const SearchSpace space = conditional_space();
  GridSearch a(space, GridOptions{5});
  for (int i = 0; i < 6; ++i) a.ask();
  GridSearch b(space, GridOptions{5});
  b.restore_state(a.save_state());
  EXPECT_EQ(drain(a), drain(b));
  EXPECT_THROW(b.restore_state("grid 9 1 0 0 0"), Error);
  EXPECT_THROW(b.restore_state("nonsense"), Error);
  GridSearch c(space, GridOptions{5});
  c.restore_state(a.save_state()); // saved when exhausted: stays exhausted
  EXPECT_FALSE(c.ask());
}

TEST(GridSearch, RejectsUnknownOverridesAndBadCounts) {
  const SearchSpace space = conditional_space();
  EXPECT_THROW(GridSearch(space, GridOptions{5, {{"layer", 3}}}), Error);
  SearchSpace real;
  real.add(Parameter::real("x", 0, 1));
  EXPECT_THROW(GridSearch(real, GridOptions{0}), Error);
}

TEST(GridSearch, EnumeratesHugeGridsLazily) {
  SearchSpace space;
  for (int i = 0; i < 30; ++i) space.add(Parameter::real("x" + std::to_string(i), 0, 1));
  GridSearch grid(space, GridOptions{10}); // 10^30 points
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(grid.ask());
}

} // namespace
} // namespace hpsearch
