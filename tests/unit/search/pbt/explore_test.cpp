// PBT's explore step (search/pbt/explore.hpp): ×0.8 / ×1.2 for reals and integers, the
// neighbouring choice for ordinals and categoricals, bounds, log scales, conditions and
// the resample probability.
#include "hpsearch/search/pbt/explore.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <set>
#include <string>

namespace hpsearch {
namespace {

Value s(const char* text) {
  return Value{std::string(text)};
}

TEST(PbtExplore, RealsAreScaledByFourFifthsOrSixFifthsWithinTheirBounds) {
  const Parameter lr = Parameter::real("lr", 1e-5, 1e-1, true);
  Rng rng(1);
  std::set<double> seen;
  for (int i = 0; i < 100; ++i) seen.insert(std::get<double>(perturb_value(lr, Value{1e-3}, rng)));
  ASSERT_EQ(seen.size(), 2U);
  EXPECT_DOUBLE_EQ(*seen.begin(), 0.8e-3);
  EXPECT_DOUBLE_EQ(*seen.rbegin(), 1.2e-3);
  for (int i = 0; i < 100; ++i) {
    const double up = std::get<double>(perturb_value(lr, Value{0.095}, rng));
    const double down = std::get<double>(perturb_value(lr, Value{1.1e-5}, rng));
    EXPECT_LE(up, 0.1);
    EXPECT_GE(down, 1e-5);
    // Log scale: the step is the same in log space whatever the magnitude.
    EXPECT_TRUE(std::abs(std::log(up / 0.095) - std::log(1.2)) < 1e-12 || up == 0.1 ||
                std::abs(std::log(up / 0.095) - std::log(0.8)) < 1e-12);
  }
}

TEST(PbtExplore, IntegersMoveAtLeastOneStepAndStayInBounds) {
  const Parameter units = Parameter::integer("units", 1, 12);
  Rng rng(2);
  std::set<std::int64_t> from10;
  std::set<std::int64_t> from1;
  std::set<std::int64_t> from12;
  for (int i = 0; i < 100; ++i) {
    from10.insert(std::get<std::int64_t>(perturb_value(units, Value{std::int64_t{10}}, rng)));
    from1.insert(std::get<std::int64_t>(perturb_value(units, Value{std::int64_t{1}}, rng)));
    from12.insert(std::get<std::int64_t>(perturb_value(units, Value{std::int64_t{12}}, rng)));
  }
  EXPECT_EQ(from10, (std::set<std::int64_t>{8, 12}));
  EXPECT_EQ(from1, (std::set<std::int64_t>{1, 2})) << "round(1.2) = 1 steps to 2; 0 is clamped";
  EXPECT_EQ(from12, (std::set<std::int64_t>{10, 12})) << "round(14.4) is clamped to 12";
}

TEST(PbtExplore, ChoicesMoveToANeighbourInTheList) {
  const Parameter size = Parameter::ordinal("size", {s("small"), s("medium"), s("large")});
  const Parameter act = Parameter::categorical("act", {s("relu"), s("tanh"), s("gelu")});
  Rng rng(3);
  std::set<std::string> from_medium;
  for (int i = 0; i < 100; ++i) {
    from_medium.insert(std::get<std::string>(perturb_value(size, s("medium"), rng)));
    EXPECT_EQ(perturb_value(size, s("small"), rng), s("medium")) << "the only neighbour";
    EXPECT_EQ(perturb_value(act, s("gelu"), rng), s("tanh"));
  }
  EXPECT_EQ(from_medium, (std::set<std::string>{"small", "large"}));
  const Parameter one = Parameter::constant("c", Value{std::int64_t{3}});
  EXPECT_EQ(perturb_value(one, Value{std::int64_t{3}}, rng), Value{std::int64_t{3}});
}

SearchSpace conditional_space() {
  SearchSpace space;
  space.add(Parameter::categorical("opt", {s("sgd"), s("adam")}));
  space.add(Parameter::real("momentum", 0.1, 0.99)
                .with_condition(Condition::equals("opt", std::string("sgd"))));
  space.add(Parameter::real("lr", 1e-4, 1.0, true));
  return space;
}

TEST(PbtExplore, ConditionsAreDecidedOnTheNewValues) {
  const SearchSpace space = conditional_space();
  const Config donor({{"opt", s("sgd")}, {"momentum", Value{0.5}}, {"lr", Value{0.01}}});
  Rng rng(4);
  int adam = 0;
  int sgd = 0;
  for (int i = 0; i < 400; ++i) {
    const Config c = explore(space, donor, 0.25, rng);
    EXPECT_TRUE(space.contains(c)) << c.to_string();
    if (c.at("opt") == s("adam")) {
      ++adam;
      EXPECT_FALSE(c.contains("momentum")) << "inactive under adam: dropped";
    } else {
      ++sgd;
    }
  }
  EXPECT_GT(adam, 0);
  EXPECT_GT(sgd, 0) << "a resample may draw sgd again";
  const Config from_adam({{"opt", s("adam")}, {"lr", Value{0.01}}});
  bool drew_momentum = false;
  for (int i = 0; i < 400 && !drew_momentum; ++i) {
    const Config c = explore(space, from_adam, 0.25, rng);
    EXPECT_TRUE(space.contains(c)) << c.to_string();
    drew_momentum = c.contains("momentum");
  }
  EXPECT_TRUE(drew_momentum) << "a parameter that becomes active is drawn from its prior";
}

TEST(PbtExplore, EachParameterIsResampledWithTheGivenProbability) {
  SearchSpace space;
  space.add(Parameter::real("x", 0.0, 100.0));
  const Config donor({{"x", Value{50.0}}});
  for (const double p : {0.0, 0.25, 1.0}) {
    Rng rng(5);
    int resampled = 0;
    const int n = 4000;
    for (int i = 0; i < n; ++i) {
      const double x = std::get<double>(explore(space, donor, p, rng).at("x"));
      if (x != 40.0 && x != 60.0) ++resampled;
    }
    // Binomial(4000, 0.25): sd 27 draws; +-200 is more than 7 sd (a uniform draw hits
    // 40 or 60 exactly with probability 0).
    EXPECT_NEAR(resampled, p * n, 200) << "resample probability " << p;
  }
}

} // namespace
} // namespace hpsearch
