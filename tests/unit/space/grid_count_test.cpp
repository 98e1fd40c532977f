#include "hpsearch/space/grid.hpp"
#include "hpsearch/space/grid_count.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

std::vector<Value> strings(std::initializer_list<const char*> names) {
  std::vector<Value> out;
  for (const char* name : names) out.emplace_back(std::string(name));
  return out;
}

TEST(GridCount, CountsOnlyActiveCombinations) {
  // 3 x 2 raw, but b only exists when a == x: 2 + 1 + 1.
  SearchSpace space;
  space.add(Parameter::categorical("a", strings({"x", "y", "z"})));
  space.add(Parameter::integer("b", 1, 2).with_condition(
      Condition::equals("a", Value{std::string("x")})));
  double raw = 0.0;
  EXPECT_EQ(count_grid(space, {}, &raw), std::optional<std::uint64_t>(4));
  EXPECT_EQ(raw, 6.0);
  EXPECT_EQ(count_configurations(space), std::optional<std::uint64_t>(4));
}

TEST(GridCount, UsesTheGivenValueLists) {
  SearchSpace space;
  space.add(Parameter::real("x", 0.0, 1.0));
  space.add(Parameter::integer("n", 1, 4));
  EXPECT_EQ(count_grid(space, {grid_values(space.parameters()[0], 3)}),
            std::optional<std::uint64_t>(12))
      << "x: the 3 values given, n: its 4 values";
  EXPECT_EQ(count_configurations(space), std::nullopt) << "a real parameter has no count";
}

TEST(GridCount, DoesNotEnumerateMoreThanTheBound) {
  SearchSpace space;
  space.add(Parameter::integer("a", 1, 1000));
  space.add(Parameter::integer("b", 1, 1000));
  double raw = 0.0;
  EXPECT_EQ(count_grid(space, {}, &raw), std::nullopt);
  EXPECT_EQ(raw, 1e6);
  EXPECT_GT(raw, max_counted_combinations);
}

} // namespace
} // namespace hpsearch
