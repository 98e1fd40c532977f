// Regularized evolution: population bookkeeping (ageing removes the oldest, failures never
// join), random samples until the population is full, children one mutation from a
// tournament winner, determinism for a seed, exact resume (results told again + the state).
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/evolution/evolution_strategy.hpp"
#include "hpsearch/search/strategy.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <map>
#include <set>

namespace hpsearch {
namespace {

using test::mixed_objective;
using test::mixed_space;
using test::result;

Config point(std::int64_t k) {
  return Config({{"k", k}});
}

TEST(AgeingPopulation, TheOldestLeavesWhenANewMemberJoins) {
  AgeingPopulation population(3, 2);
  for (std::int64_t k = 0; k < 3; ++k) {
    EXPECT_FALSE(population.full());
    population.add({point(k), static_cast<double>(-k)});
  }
  EXPECT_TRUE(population.full());
  // Member 2 is the best; the oldest (0) leaves, not the worst.
  population.add({point(3), 10.0});
  population.add({point(4), 20.0});
  ASSERT_EQ(population.members().size(), 3U);
  EXPECT_EQ(population.members()[0].config, point(2));
  EXPECT_EQ(population.members()[1].config, point(3));
  EXPECT_EQ(population.members()[2].config, point(4));
}

TEST(AgeingPopulation, TournamentReturnsTheBestOfADistinctSample) {
  // sample == population: always the best. sample 1: every member, about equally often.
  AgeingPopulation all(5, 5);
  AgeingPopulation one(5, 1);
  for (std::int64_t k = 0; k < 5; ++k) {
    const double loss = static_cast<double>((k * 3) % 5); // k = 0 has the lowest loss
    all.add({point(k), loss});
    one.add({point(k), loss});
  }
  Rng rng(2);
  std::map<std::int64_t, int> picked;
  for (int t = 0; t < 5000; ++t) {
    EXPECT_EQ(all.tournament(rng).config, point(0));
    ++picked[std::get<std::int64_t>(one.tournament(rng).config.at("k"))];
  }
  ASSERT_EQ(picked.size(), 5U);
  for (const auto& [k, n] : picked) EXPECT_NEAR(n, 1000, 150) << k; // sd ~28
  // sample 2 of 5 distinct: the worst member (loss 4, k = 3) never wins, the best wins 2/5.
  AgeingPopulation two(5, 2);
  for (const Member& m : all.members()) two.add(m);
  std::map<std::int64_t, int> won;
  for (int t = 0; t < 5000; ++t) ++won[std::get<std::int64_t>(two.tournament(rng).config.at("k"))];
  EXPECT_EQ(won.count(3), 0U);
  EXPECT_NEAR(won[0], 2000, 150);
}

TEST(AgeingPopulation, RefusesSamplesLargerThanThePopulation) {
  EXPECT_THROW(AgeingPopulation(0, 1), Error);
  EXPECT_THROW(AgeingPopulation(5, 0), Error);
  EXPECT_THROW(AgeingPopulation(5, 6), Error);
}

std::unique_ptr<Strategy> evolution(const SearchSpace& space, std::int64_t population,
                                    std::int64_t sample, std::uint64_t seed,
                                    Direction direction = Direction::minimize) {
  StrategyOptions options;
  options.kind = StrategyKind::evolution;
  options.evolution = {population, sample};
  return make_strategy(options, {space, direction, seed});
}

TEST(Evolution, RandomSamplesUntilThePopulationIsFull) {
  const SearchSpace space = mixed_space();
  auto s = evolution(space, 4, 2, 21);
  Rng same(21);
  // Three results in, failures not counted: still the prior's draws, in its stream.
  for (int i = 0; i < 6; ++i) {
    const Config c = *s->ask();
    ASSERT_EQ(c, space.sample(same)) << i;
    s->tell(result(i, c, 1.0, i % 2 == 0 ? Status::ok : Status::failed));
  }
  EXPECT_EQ(dynamic_cast<EvolutionStrategy&>(*s).population().members().size(), 3U);
  EXPECT_EQ(*s->ask(), space.sample(same));
}

TEST(Evolution, FailuresNeverBecomeParentsAndChildrenMutateTheWinner) {
  // Population 5 with sample 5: the parent is the best member. The failures (and a
  // non-finite value) are never members, so every child is one gene from the best success.
  SearchSpace space;
  for (const char* g : {"a", "b", "c", "d"}) space.add(Parameter::integer(g, 0, 9));
  auto s = evolution(space, 5, 5, 3);
  const auto genes = [](std::int64_t v) {
    return Config({{"a", v}, {"b", v}, {"c", v}, {"d", v}});
  };
  JobId id = 0;
  for (std::int64_t v = 0; v < 5; ++v)
    s->tell(result(id++, genes(v), 10.0 + static_cast<double>(v)));
  s->tell(result(id++, genes(7), 0.0, Status::failed));
  s->tell(result(id++, genes(8), 0.0, Status::timeout));
  s->tell(result(id++, genes(9), std::numeric_limits<double>::infinity()));
  const auto& members = dynamic_cast<EvolutionStrategy&>(*s).population().members();
  ASSERT_EQ(members.size(), 5U);
  for (int t = 0; t < 200; ++t) {
    const Config c = *s->ask();
    int differ = 0;
    for (const auto& [name, value] : c.entries()) differ += value != Value{std::int64_t{0}};
    ASSERT_EQ(differ, 1) << c.to_string(); // a mutation of genes(0), loss 10
  }
  // Ageing: five more results push out all five; genes(0) no longer the parent.
  for (std::int64_t v = 1; v <= 5; ++v)
    s->tell(result(id++, genes(v), 20.0 + static_cast<double>(v)));
  EXPECT_EQ(members.front().config, genes(1));
  for (int t = 0; t < 50; ++t) {
    const Config c = *s->ask();
    int differ = 0;
    for (const auto& [name, value] : c.entries()) differ += value != Value{std::int64_t{1}};
    ASSERT_EQ(differ, 1) << c.to_string(); // a mutation of genes(1), loss 21
  }
}

TEST(Evolution, MaximizeTakesTheLargestValueAsTheBest) {
  SearchSpace space;
  space.add(Parameter::integer("j", 0, 99));
  space.add(Parameter::integer("k", 0, 99));
  auto s = evolution(space, 3, 3, 8, Direction::maximize);
  const auto at = [](std::int64_t v) { return Config({{"j", v}, {"k", v}}); };
  s->tell(result(0, at(10), 1.0));
  s->tell(result(1, at(50), 5.0));
  s->tell(result(2, at(90), 3.0));
  // The parent is (50, 50) each time: every child keeps one of its genes.
  for (int t = 0; t < 50; ++t) {
    const Config c = *s->ask();
    const bool j = c.at("j") == Value{std::int64_t{50}};
    const bool k = c.at("k") == Value{std::int64_t{50}};
    ASSERT_TRUE(j != k) << c.to_string();
  }
}

/// `evals` asks and tells of mixed_objective, one worker; every 7th evaluation fails.
std::vector<Config> drive(Strategy& s, int evals, std::vector<Evaluation>* told = nullptr) {
  std::vector<Config> asked;
  for (int i = 0; i < evals; ++i) {
    const Config c = *s.ask();
    asked.push_back(c);
    const Evaluation ev =
        result(i, c, mixed_objective(c), i % 7 == 3 ? Status::failed : Status::ok);
    s.tell(ev);
    if (told != nullptr) told->push_back(ev);
  }
  return asked;
}

TEST(Evolution, DeterministicForASeedAndValidAndImproving) {
  const SearchSpace space = mixed_space();
  auto a = evolution(space, 20, 5, 99);
  auto b = evolution(space, 20, 5, 99);
  auto c = evolution(space, 20, 5, 100);
  const std::vector<Config> from_a = drive(*a, 300);
  EXPECT_EQ(from_a, drive(*b, 300));
  EXPECT_NE(from_a, drive(*c, 300));
  double first = std::numeric_limits<double>::infinity();
  double last = first;
  for (std::size_t i = 0; i < from_a.size(); ++i) {
    ASSERT_TRUE(space.contains(from_a[i])) << from_a[i].to_string();
    (i < 20 ? first : last) = std::min(i < 20 ? first : last, mixed_objective(from_a[i]));
  }
  EXPECT_LT(last, first); // the children improve on the random population
}

TEST(Evolution, ResumesExactly) {
  const SearchSpace space = mixed_space();
  auto original = evolution(space, 20, 5, 4);
  std::vector<Evaluation> told;
  drive(*original, 60, &told);
  const Config in_flight = *original->ask();
  const std::string state = original->save_state();
  // A resumed search: the results told again (in their order), then the state.
  auto resumed = evolution(space, 20, 5, 777);
  for (const Evaluation& ev : told) resumed->tell(ev);
  resumed->restore_state(state);
  EXPECT_EQ(resumed->save_state(), state);
  for (int i = 0; i < 5; ++i) ASSERT_EQ(*original->ask(), *resumed->ask()) << "proposal " << i;
  original->tell(result(100, in_flight, 0.25));
  resumed->tell(result(100, in_flight, 0.25));
  EXPECT_EQ(drive(*original, 30), drive(*resumed, 30));
  EXPECT_THROW(resumed->restore_state("evolution 2\n1 2"), Error);
  EXPECT_THROW(resumed->restore_state("tpe 1\n1 2"), Error);
  EXPECT_THROW(resumed->restore_state("evolution 1\nnot a stream"), Error);
}

} // namespace
} // namespace hpsearch
