// AgEBO: the space split (arch.* genes vs hyperparameters, refused when either is missing or
// they are not independent), children = mutated architecture + AMBS's hyperparameters, AMBS
// told every result, the population every success, determinism and exact resume.
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/ambs/ambs_strategy.hpp"
#include "hpsearch/search/evolution/agebo_strategy.hpp"
#include "hpsearch/search/strategy.hpp"
#include "hpsearch/space/space_split.hpp"
#include "test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::result;
using ::testing::HasSubstr;

/// Three architecture genes (one conditional) interleaved with three hyperparameters.
SearchSpace nas_space() {
  SearchSpace space;
  space.add(Parameter::integer("arch.layers", 1, 4));
  space.add(Parameter::real("lr", 1e-4, 1e-1, true));
  space.add(Parameter::categorical(
      "arch.op", {std::string("dense"), std::string("conv"), std::string("identity")}));
  space.add(Parameter::integer("arch.kernel", 1, 7)
                .with_condition(Condition::equals("arch.op", std::string("conv"))));
  space.add(Parameter::integer("batch", 8, 256, true));
  space.add(Parameter::categorical("optimizer", {std::string("sgd"), std::string("adam")}));
  space.add_forbidden(
      {{{"arch.layers", {std::int64_t{4}}}, {"arch.op", {std::string("identity")}}}});
  return space;
}

double nas_objective(const Config& c) {
  const double layers = static_cast<double>(std::get<std::int64_t>(c.at("arch.layers")) - 3);
  const double op = c.at("arch.op") == Value{std::string("conv")} ? 0.0 : 1.0;
  const double lr = std::log10(std::get<double>(c.at("lr"))) + 3.0;
  return layers * layers + op + lr * lr;
}

std::unique_ptr<Strategy> agebo(const SearchSpace& space, std::uint64_t seed,
                                std::int64_t population = 10, std::int64_t sample = 3) {
  StrategyOptions options;
  options.kind = StrategyKind::agebo;
  options.evolution = {population, sample};
  options.initial.points = 5;
  return make_strategy(options, {space, Direction::minimize, seed});
}

std::string error_of(const SearchSpace& space) {
  try {
    agebo(space, 1);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    return e.what();
  }
  ADD_FAILURE() << "accepted";
  return {};
}

TEST(Agebo, RefusesSpacesItCannotSplit) {
  SearchSpace hyper;
  hyper.add(Parameter::real("lr", 0.0, 1.0));
  EXPECT_THAT(error_of(hyper), HasSubstr("strategy agebo needs parameters named 'arch.*', and "
                                         "this space has none"));
  SearchSpace arch;
  arch.add(Parameter::integer("arch.layers", 1, 3));
  EXPECT_THAT(error_of(arch), HasSubstr("needs parameters besides the parameters named 'arch.*'"));
  SearchSpace crossing = arch;
  crossing.add(Parameter::real("dropout", 0.0, 0.5)
                   .with_condition(Condition::greater("arch.layers", std::int64_t{1})));
  EXPECT_THAT(error_of(crossing), HasSubstr("parameter 'dropout' (a parameter outside 'arch.') "
                                            "is active_if on 'arch.layers'"));
  SearchSpace forbidden = arch;
  forbidden.add(Parameter::integer("batch", 8, 64));
  forbidden.add_forbidden({{{"arch.layers", {std::int64_t{3}}}, {"batch", {std::int64_t{8}}}}});
  EXPECT_THAT(error_of(forbidden),
              HasSubstr("forbidden clause 'arch.layers == 3 and batch == 8' names"));
}

TEST(SpaceSplit, KeepsOrderConditionsAndClausesOfEachPart) {
  const SearchSpace space = nas_space();
  const SpaceSplit split = split_space(space, "arch.");
  ASSERT_EQ(split.matching.size(), 3U);
  EXPECT_EQ(split.matching.parameters()[2].name, "arch.kernel");
  EXPECT_EQ(split.matching.forbidden().size(), 1U);
  ASSERT_EQ(split.rest.size(), 3U);
  EXPECT_EQ(split.rest.parameters()[0].name, "lr");
  Rng rng(4);
  for (int t = 0; t < 200; ++t) {
    const Config c = space.sample(rng);
    const Config a = config_part(c, "arch.", true);
    const Config h = config_part(c, "arch.", false);
    EXPECT_TRUE(split.matching.contains(a)) << a.to_string();
    EXPECT_TRUE(split.rest.contains(h)) << h.to_string();
    EXPECT_EQ(join_configs(space, h, a), c);
  }
}

TEST(Agebo, ChildrenJoinAMutatedArchitectureWithAmbsHyperparameters) {
  const SearchSpace space = nas_space();
  const SpaceSplit split = split_space(space, "arch.");
  auto s = agebo(space, 17);
  // AMBS alone over the hyperparameters, seeded as agebo seeds its own, told the same
  // results: it proposes exactly agebo's hyperparameters (one worker: deterministic).
  StrategyOptions options;
  AmbsStrategy ambs(split.rest, options.ambs, {options.initial.sampler, 5}, Direction::minimize,
                    derive_seed(17, 1), 1);
  const auto& population = dynamic_cast<AgeboStrategy&>(*s).population();
  for (int i = 0; i < 60; ++i) {
    const Config c = *s->ask();
    ASSERT_TRUE(space.contains(c)) << c.to_string();
    const Config hyper = *ambs.ask();
    ASSERT_EQ(config_part(c, "arch.", false), hyper) << "proposal " << i;
    const Config arch = config_part(c, "arch.", true);
    if (population.full()) {
      // One gene from a member's architecture.
      bool from_member = false;
      for (const Member& m : population.members()) {
        int differ = 0;
        for (const Parameter& p : split.matching.parameters()) {
          const Value* x = arch.find(p.name);
          const Value* y = m.config.find(p.name);
          differ += x != nullptr && y != nullptr && *x != *y;
        }
        from_member = from_member || differ == 1;
      }
      EXPECT_TRUE(from_member) << "proposal " << i << ": " << arch.to_string();
    }
    const Status status = i % 5 == 2 ? Status::failed : Status::ok;
    const Evaluation ev = result(i, c, nas_objective(c), status);
    const std::deque<Member> before = population.members();
    s->tell(ev);
    Evaluation told = ev;
    told.config = hyper;
    ambs.tell(told);
    // The population holds architectures of successes only.
    if (status == Status::ok) {
      EXPECT_EQ(population.members().back().config, arch);
    } else {
      ASSERT_EQ(population.members().size(), before.size());
      for (std::size_t k = 0; k < before.size(); ++k) {
        EXPECT_EQ(population.members()[k].config, before[k].config);
      }
    }
  }
  for (const Member& m : population.members()) {
    EXPECT_TRUE(split.matching.contains(m.config)) << m.config.to_string();
  }
}

TEST(Agebo, DeterministicAndResumesExactly) {
  const SearchSpace space = nas_space();
  auto original = agebo(space, 5);
  auto twin = agebo(space, 5);
  std::vector<Evaluation> told;
  for (int i = 0; i < 40; ++i) {
    const Config c = *original->ask();
    ASSERT_EQ(c, *twin->ask()) << "proposal " << i;
    told.push_back(result(i, c, nas_objective(c), i % 6 == 1 ? Status::failed : Status::ok));
    original->tell(told.back());
    twin->tell(told.back());
  }
  const Config in_flight = *original->ask();
  const std::string state = original->save_state();
  // The same run.seed, as a resumed run has (AMBS derives its forest's seeds from it).
  auto resumed = agebo(space, 5);
  for (const Evaluation& ev : told) resumed->tell(ev);
  resumed->restore_state(state);
  for (int i = 0; i < 5; ++i) {
    const Config a = *original->ask();
    const Config b = *resumed->ask();
    ASSERT_EQ(a, b) << "proposal " << i << ": " << a.to_string() << " vs " << b.to_string();
  }
  original->tell(result(100, in_flight, 0.5));
  resumed->tell(result(100, in_flight, 0.5));
  EXPECT_EQ(*original->ask(), *resumed->ask());
  EXPECT_THROW(resumed->restore_state("evolution 1\n1"), Error);
}

} // namespace
} // namespace hpsearch
