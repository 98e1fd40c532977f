#include "hpsearch/core/error.hpp"
#include "hpsearch/search/random_search.hpp"
#include "hpsearch/search/strategy.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

SearchSpace small_space() {
  SearchSpace space;
  space.add(Parameter::real("lr", 1e-5, 1e-1, true));
  space.add(Parameter::integer("units", 16, 1024, true));
  space.add(Parameter::categorical("act", {std::string("relu"), std::string("tanh")}));
  return space;
}

TEST(RandomSearch, ProposesValidConfigsDeterministicallyPerSeed) {
  const SearchSpace space = small_space();
  auto a = make_strategy("random", {space, Direction::minimize, 5});
  auto b = make_strategy("random", {space, Direction::minimize, 5});
  auto c = make_strategy("random", {space, Direction::minimize, 6});
  for (int i = 0; i < 50; ++i) {
    const Config x = *a->ask();
    EXPECT_TRUE(space.contains(x)) << x.to_string();
    EXPECT_EQ(x, *b->ask());
    EXPECT_NE(x, *c->ask());
  }
}

TEST(RandomSearch, SavedStateContinuesTheSameSequence) {
  const SearchSpace space = small_space();
  auto a = make_strategy("random", {space, Direction::minimize, 9});
  for (int i = 0; i < 7; ++i) a->ask();
  auto b = make_strategy("random", {space, Direction::minimize, 1234});
  b->restore_state(a->save_state());
  for (int i = 0; i < 20; ++i) EXPECT_EQ(*a->ask(), *b->ask());
  EXPECT_THROW(b->restore_state("not a state"), Error);
}

TEST(RandomSearch, DoesNotDependOnTheCallerKeepingTheSpaceAlive) {
  std::unique_ptr<Strategy> s;
  {
    const SearchSpace space = small_space();
    s = make_strategy("random", {space, Direction::minimize, 1});
  }
  EXPECT_EQ(s->ask()->size(), 3u);
}

TEST(StrategyRegistry, UnknownNameListsTheKnownOnes) {
  const SearchSpace space = small_space();
  try {
    make_strategy("bayes", {space, Direction::minimize, 1});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("known: random"), std::string::npos) << e.what();
  }
}

} // namespace
} // namespace hpsearch
