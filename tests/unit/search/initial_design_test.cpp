#include "hpsearch/core/error.hpp"
#include "hpsearch/search/random_search.hpp"
#include "hpsearch/search/strategy.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

SearchSpace space_with_condition() {
  SearchSpace space;
  space.add(Parameter::real("lr", 1e-5, 1e-1, true));
  space.add(Parameter::categorical("opt", {std::string("sgd"), std::string("adam")}));
  space.add(Parameter::real("momentum", 0.0, 0.99)
                .with_condition(Condition::equals("opt", std::string("sgd"))));
  return space;
}

TEST(RandomSearch, TheRandomDesignIsPlainSampling) {
  const SearchSpace space = space_with_condition();
  RandomSearch search(space, 17);
  Rng rng(17);
  for (int i = 0; i < 30; ++i) EXPECT_EQ(*search.ask(), space.sample(rng));
}

TEST(RandomSearch, SpaceFillingDesignsComeFirstThenPlainSampling) {
  const SearchSpace space = space_with_condition();
  for (const char* design : {"lhs", "sobol"}) {
    StrategyOptions options;
    options.initial.sampler = sampler_kinds.at(design);
    const StrategyContext context{space, Direction::minimize, 17};
    auto search = make_strategy(options, context);
    // Default size 2 * 3 + 1 = 7: those come from the design, then the seed's plain stream.
    Rng rng(17);
    std::vector<Config> design_points;
    for (int i = 0; i < 7; ++i) {
      const Config c = *search->ask();
      EXPECT_TRUE(space.contains(c)) << c.to_string();
      EXPECT_NE(c, space.sample(rng)) << design; // (advances a copy of the plain stream)
      design_points.push_back(c);
    }
    Rng plain(17);
    for (int i = 0; i < 10; ++i) EXPECT_EQ(*search->ask(), space.sample(plain)) << design;
    // Deterministic per seed.
    auto again = make_strategy(options, context);
    for (const auto& c : design_points) EXPECT_EQ(*again->ask(), c) << design;
  }
}

TEST(RandomSearch, InitialPointsSetsTheDesignSize) {
  const SearchSpace space = space_with_condition();
  RandomSearch search(space, 3, {SamplerKind::sobol, 2});
  search.ask();
  search.ask();
  Rng plain(3);
  EXPECT_EQ(*search.ask(), space.sample(plain));
  EXPECT_THROW(RandomSearch(space, 3, {SamplerKind::sobol, -1}), Error);
  EXPECT_THROW(sampler_kinds.at("halton"), Error);
}

TEST(RandomSearch, ResumesMidDesignExactly) {
  const SearchSpace space = space_with_condition();
  for (const char* design : {"random", "lhs", "sobol"}) {
    RandomSearch a(space, 5, {sampler_kinds.at(design), 6});
    for (int i = 0; i < 4; ++i) a.ask();
    RandomSearch b(space, 99, {sampler_kinds.at(design), 6});
    b.restore_state(a.save_state());
    for (int i = 0; i < 12; ++i) EXPECT_EQ(*a.ask(), *b.ask()) << design << " " << i;
  }
  RandomSearch with_design(space, 5, {SamplerKind::lhs, 6});
  RandomSearch without(space, 5);
  EXPECT_THROW(without.restore_state(with_design.save_state()), Error);
}

} // namespace
} // namespace hpsearch
