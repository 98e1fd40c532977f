// mutate(): one gene changes to another valid value; conditions decided again, forbidden
// children never proposed, bounds kept; property-tested over many parents.
#include "hpsearch/search/evolution/mutation.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <map>
#include <set>

namespace hpsearch {
namespace {

using test::mixed_space;

/// The parameters (by position) whose value differs between parent and child, both active.
std::vector<std::size_t> changed(const SearchSpace& space, const Config& a, const Config& b) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < space.size(); ++i) {
    const Value* x = a.find(space.parameters()[i].name);
    const Value* y = b.find(space.parameters()[i].name);
    if (x != nullptr && y != nullptr && *x != *y) out.push_back(i);
  }
  return out;
}

TEST(Mutation, ChangesExactlyOneGeneToAnotherValidValue) {
  const SearchSpace space = mixed_space();
  Rng rng(7);
  std::map<std::string, int> mutated;
  for (int t = 0; t < 3000; ++t) {
    const Config parent = space.sample(rng);
    const std::optional<Config> child = mutate(space, parent, rng);
    ASSERT_TRUE(child);
    // Valid: exactly the active parameters, in range, not forbidden.
    ASSERT_TRUE(space.contains(*child)) << parent.to_string() << " -> " << child->to_string();
    const std::vector<std::size_t> diff = changed(space, parent, *child);
    ASSERT_EQ(diff.size(), 1U) << parent.to_string() << " -> " << child->to_string();
    // Everything defined before the changed gene is untouched (its activity cannot change).
    for (std::size_t i = 0; i < diff[0]; ++i) {
      const std::string& name = space.parameters()[i].name;
      ASSERT_EQ(parent.contains(name), child->contains(name)) << name;
    }
    ++mutated[space.parameters()[diff[0]].name];
  }
  // Every mutable gene is chosen; the constant never is.
  for (const char* gene : {"lr", "units", "size", "opt", "momentum", "nesterov"}) {
    EXPECT_GT(mutated[gene], 50) << gene;
  }
  EXPECT_EQ(mutated.count("seed"), 0U);
}

TEST(Mutation, ConditionsAreDecidedAgain) {
  const SearchSpace space = mixed_space();
  Config parent({{"lr", 0.01},
                 {"units", std::int64_t{4}},
                 {"size", std::string("m")},
                 {"opt", std::string("adam")},
                 {"seed", std::int64_t{3}}});
  ASSERT_TRUE(space.contains(parent));
  Rng rng(3);
  bool activated = false;
  for (int t = 0; t < 500; ++t) {
    const Config child = *mutate(space, parent, rng);
    if (child.at("opt") != Value{std::string("sgd")}) {
      EXPECT_FALSE(child.contains("momentum"));
      continue;
    }
    // adam -> sgd: momentum becomes active and gets a value from its prior; nesterov follows.
    activated = true;
    const double momentum = std::get<double>(child.at("momentum"));
    EXPECT_EQ(child.contains("nesterov"), momentum > 0.5) << child.to_string();
    EXPECT_TRUE(space.contains(child));
  }
  EXPECT_TRUE(activated);
  // sgd -> adam drops momentum and nesterov.
  Config sgd = parent;
  sgd = Config({{"lr", 0.01},
                {"units", std::int64_t{4}},
                {"size", std::string("m")},
                {"opt", std::string("sgd")},
                {"momentum", 0.9},
                {"nesterov", true},
                {"seed", std::int64_t{3}}});
  ASSERT_TRUE(space.contains(sgd));
  bool dropped = false;
  for (int t = 0; t < 500; ++t) {
    const Config child = *mutate(space, sgd, rng);
    if (child.at("opt") == Value{std::string("adam")}) {
      dropped = true;
      EXPECT_FALSE(child.contains("momentum"));
      EXPECT_FALSE(child.contains("nesterov"));
    }
  }
  EXPECT_TRUE(dropped);
}

TEST(Mutation, NeverProposesAForbiddenChild) {
  // units 1 or 2 with size l is forbidden: from (units 3, size l) the mutation of units
  // must avoid 1 and 2, from (units 1, size s) the mutation of size must avoid l.
  const SearchSpace space = mixed_space();
  const auto with = [](std::int64_t units, const char* size) {
    return Config({{"lr", 0.01},
                   {"units", units},
                   {"size", std::string(size)},
                   {"opt", std::string("adam")},
                   {"seed", std::int64_t{3}}});
  };
  Rng rng(11);
  std::set<std::int64_t> units_seen;
  std::set<std::string> sizes_seen;
  for (int t = 0; t < 2000; ++t) {
    const Config a = *mutate(space, with(3, "l"), rng);
    ASSERT_FALSE(space.is_forbidden(a)) << a.to_string();
    units_seen.insert(std::get<std::int64_t>(a.at("units")));
    const Config b = *mutate(space, with(1, "s"), rng);
    ASSERT_FALSE(space.is_forbidden(b)) << b.to_string();
    sizes_seen.insert(std::get<std::string>(b.at("size")));
  }
  EXPECT_EQ(units_seen, (std::set<std::int64_t>{3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(sizes_seen, (std::set<std::string>{"s", "m"}));
}

TEST(Mutation, IntegersAndChoicesReachEveryOtherValueUniformly) {
  SearchSpace space;
  space.add(Parameter::integer("k", -2, 2));
  const Config parent({{"k", std::int64_t{0}}});
  Rng rng(5);
  std::map<std::int64_t, int> seen;
  constexpr int kDraws = 8000;
  for (int t = 0; t < kDraws; ++t)
    ++seen[std::get<std::int64_t>(mutate(space, parent, rng)->at("k"))];
  ASSERT_EQ(seen.size(), 4U);
  EXPECT_EQ(seen.count(0), 0U);
  // Each of 4 values: 2000 expected, sd ~39; 300 is over 7 sd.
  for (const auto& [k, n] : seen) EXPECT_NEAR(n, kDraws / 4, 300) << k;
}

TEST(Mutation, NothingToMutate) {
  SearchSpace space;
  space.add(Parameter::constant("c", std::int64_t{1}));
  space.add(Parameter::categorical("only", {std::string("one")}));
  const Config parent({{"c", std::int64_t{1}}, {"only", std::string("one")}});
  Rng rng(1);
  EXPECT_FALSE(mutate(space, parent, rng));
}

} // namespace
} // namespace hpsearch
