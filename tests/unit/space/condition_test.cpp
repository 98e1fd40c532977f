#include "hpsearch/space/condition.hpp"
#include "hpsearch/space/search_space.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::expect_error;
using test::str;
using test::strs;

SearchSpace parents() {
  SearchSpace s;
  s.add(Parameter::categorical("optimizer", strs({"sgd", "adam", "rmsprop"})));
  s.add(Parameter::integer("layers", 1, 6));
  s.add(Parameter::real("lr", 1e-5, 1.0, true));
  s.add(Parameter::ordinal("size", strs({"small", "medium", "large"})));
  return s;
}

Config config(const std::string& optimizer, std::int64_t layers, double lr,
              const std::string& size) {
  return Config({{"optimizer", optimizer}, {"layers", layers}, {"lr", lr}, {"size", size}});
}

TEST(Condition, LeavesCompareTheParentsValue) {
  const SearchSpace s = parents();
  const Config c = config("adam", 3, 0.01, "medium");
  EXPECT_TRUE(Condition::equals("optimizer", str("adam")).holds(c, s));
  EXPECT_FALSE(Condition::equals("optimizer", str("sgd")).holds(c, s));
  EXPECT_TRUE(Condition::in("optimizer", strs({"sgd", "adam"})).holds(c, s));
  EXPECT_FALSE(Condition::in("optimizer", strs({"sgd", "rmsprop"})).holds(c, s));
  EXPECT_TRUE(Condition::greater("layers", std::int64_t{2}).holds(c, s));
  EXPECT_FALSE(Condition::greater("layers", std::int64_t{3}).holds(c, s));
  EXPECT_TRUE(Condition::less("lr", 0.1).holds(c, s));
  EXPECT_FALSE(Condition::less("lr", 0.001).holds(c, s));
  // Ordinals compare by rank, not alphabetically ("large" < "medium" as text).
  EXPECT_TRUE(Condition::less("size", str("large")).holds(c, s));
  EXPECT_TRUE(Condition::greater("size", str("small")).holds(c, s));
  EXPECT_FALSE(Condition::greater("size", str("medium")).holds(c, s));
}

TEST(Condition, AnAbsentParentMakesTheLeafFalse) {
  const SearchSpace s = parents();
  const Config c({{"layers", std::int64_t{3}}});
  EXPECT_FALSE(Condition::equals("optimizer", str("adam")).holds(c, s));
  EXPECT_FALSE(Condition::less("lr", 0.5).holds(c, s));
  EXPECT_FALSE(Condition::greater("lr", 0.5).holds(c, s));
}

TEST(Condition, AllAndAnyCombineChildren) {
  const SearchSpace s = parents();
  const Config c = config("sgd", 4, 0.5, "small");
  const auto deep = Condition::greater("layers", std::int64_t{2});
  const auto adam = Condition::equals("optimizer", str("adam"));
  EXPECT_FALSE(Condition::all({deep, adam}).holds(c, s));
  EXPECT_TRUE(Condition::any({deep, adam}).holds(c, s));
  EXPECT_TRUE(
      Condition::all({deep, Condition::any({adam, Condition::less("lr", 0.9)})}).holds(c, s));
  expect_error([] { Condition::all({}); }, "'all' needs at least one condition");
  expect_error([] { Condition::any({}); }, "'any' needs at least one condition");
  expect_error([] { Condition::in("x", {}); }, "condition on 'x': 'in' needs at least one value");
}

TEST(Condition, DescribeAndParents) {
  EXPECT_EQ(Condition::equals("optimizer", str("sgd")).describe(), "optimizer == sgd");
  const auto c = Condition::all(
      {Condition::greater("layers", std::int64_t{2}),
       Condition::any({Condition::in("a", strs({"x", "y"})), Condition::less("lr", 0.01)})});
  EXPECT_EQ(c.describe(), "layers > 2 and (a in {x, y} or lr < 0.01)");
  EXPECT_EQ(c.parents(), (std::vector<std::string>{"layers", "a", "lr"}));
  EXPECT_EQ(Condition::any({Condition::equals("a", str("x")), Condition::equals("a", str("y"))})
                .parents(),
            std::vector<std::string>{"a"});
}

TEST(Condition, AddValidatesTheParent) {
  SearchSpace s = parents();
  expect_error(
      [&] {
        s.add(
            Parameter::real("m", 0, 1).with_condition(Condition::equals("optimiser", str("sgd"))));
      },
      "parameter 'm': condition 'optimiser == sgd' names 'optimiser', which is not "
      "defined before 'm'");
  expect_error([&] { s.add(Parameter::real("m", 0, 1).with_condition(Condition::less("m", 0.5))); },
               "makes the parameter depend on itself");
  // A parent defined later is rejected when the child is added, which also rules out cycles.
  SearchSpace t;
  expect_error(
      [&] {
        t.add(Parameter::real("momentum", 0, 1)
                  .with_condition(Condition::equals("solver", str("sgd"))));
      },
      "names 'solver', which is not defined before 'momentum'");
  EXPECT_EQ(t.size(), 0u);
}

TEST(Condition, AddValidatesOperatorsAndValues) {
  SearchSpace s = parents();
  expect_error(
      [&] {
        s.add(Parameter::real("m", 0, 1).with_condition(Condition::less("optimizer", str("sgd"))));
      },
      "compares with '<', but 'optimizer' is categorical (unordered)");
  expect_error(
      [&] {
        s.add(Parameter::real("m", 0, 1).with_condition(
            Condition::equals("optimizer", str("adagrad"))));
      },
      "'adagrad' is not a value of 'optimizer' (categorical {sgd, adam, rmsprop})");
  expect_error(
      [&] {
        s.add(Parameter::real("m", 0, 1).with_condition(
            Condition::any({Condition::equals("optimizer", str("sgd")),
                            Condition::in("layers", {std::int64_t{2}, std::int64_t{9}})})));
      },
      "'9' is not a value of 'layers' (int [1, 6])");
  expect_error(
      [&] {
        s.add(Parameter::real("m", 0, 1).with_condition(
            Condition::greater("layers", std::int64_t{7})));
      },
      "'7' is not a number within the bounds of 'layers'");
  expect_error(
      [&] {
        s.add(Parameter::real("m", 0, 1).with_condition(Condition::greater("size", str("huge"))));
      },
      "'huge' is not a value of 'size'");
  expect_error(
      [&] {
        s.add(Parameter::real("m", 0, 1).with_condition(Condition::less("lr", str("small"))));
      },
      "'small' is not a number within the bounds of 'lr'");
}

TEST(Condition, AddCoercesNumericValuesToTheParentsType) {
  SearchSpace s = parents();
  s.add(Parameter::real("m", 0, 1).with_condition(Condition::equals("layers", 2.0)));
  const auto& c = *s.find("m")->active_if;
  EXPECT_EQ(c.values().front(), Value{std::int64_t{2}});
  EXPECT_TRUE(s.is_active(*s.find("m"), config("sgd", 2, 0.1, "small")));
}

} // namespace
} // namespace hpsearch
