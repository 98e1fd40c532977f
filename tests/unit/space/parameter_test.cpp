#include "hpsearch/space/parameter.hpp"
#include "test_util.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::expect_error;
using test::str;
using test::strs;

TEST(Parameter, CardinalityPerKind) {
  EXPECT_EQ(Parameter::real("x", 0, 1).cardinality(), 0u);
  EXPECT_EQ(Parameter::integer("n", -2, 5).cardinality(), 8u);
  EXPECT_EQ(Parameter::categorical("c", strs({"a", "b", "c"})).cardinality(), 3u);
  EXPECT_EQ(Parameter::ordinal("o", strs({"s", "m"})).cardinality(), 2u);
  EXPECT_EQ(Parameter::constant("k", std::int64_t{3}).cardinality(), 1u);
}

TEST(Parameter, DiscreteKindsRoundTripThroughTheUnitIntervalExactly) {
  const std::vector<Parameter> params = {
      Parameter::integer("n", -7, 13), Parameter::integer("u", 1, 4096, true),
      Parameter::categorical("c", {str("a"), std::int64_t{2}, true, 0.5}),
      Parameter::ordinal("o", strs({"small", "medium", "large"})),
      Parameter::constant("k", str("fixed"))};
  for (const auto& p : params) {
    std::vector<Value> values = p.choices;
    if (p.kind == ParamKind::integer) {
      for (auto v = static_cast<std::int64_t>(p.low); v <= static_cast<std::int64_t>(p.high); ++v) {
        values.emplace_back(v);
      }
    }
    for (const auto& v : values) {
      const double u = p.to_unit(v);
      EXPECT_GT(u, 0.0) << p.name;
      EXPECT_LT(u, 1.0) << p.name;
      EXPECT_EQ(p.from_unit(u), v) << p.name << " " << to_string(v);
    }
  }
}

TEST(Parameter, FromUnitCoversTheRangeAndIncludesBothBounds) {
  const auto lr = Parameter::real("lr", 1e-6, 1.0, true);
  EXPECT_DOUBLE_EQ(std::get<double>(lr.from_unit(0.0)), 1e-6);
  EXPECT_DOUBLE_EQ(std::get<double>(lr.from_unit(1.0)), 1.0);
  EXPECT_NEAR(std::get<double>(lr.from_unit(0.5)), 1e-3, 1e-15);
  const auto n = Parameter::integer("n", 1, 6);
  EXPECT_EQ(n.from_unit(0.0), Value{std::int64_t{1}});
  EXPECT_EQ(n.from_unit(0.9999), Value{std::int64_t{6}});
  EXPECT_EQ(n.from_unit(1.0), Value{std::int64_t{6}});
  // Six equal buckets of the unit interval.
  EXPECT_EQ(n.from_unit(1.0 / 6 + 1e-9), Value{std::int64_t{2}});
  const auto o = Parameter::ordinal("o", strs({"s", "m", "l"}));
  EXPECT_EQ(o.from_unit(0.34), str("m"));
}

TEST(Parameter, CoerceConvertsNumbersLosslesslyOnly) {
  const auto real = Parameter::real("x", 0, 10);
  EXPECT_EQ(real.coerce(std::int64_t{2}), Value{2.0});
  EXPECT_FALSE(real.coerce(std::int64_t{11}));
  EXPECT_FALSE(real.coerce(str("2")));
  const auto integer = Parameter::integer("n", 0, 10);
  EXPECT_EQ(integer.coerce(3.0), Value{std::int64_t{3}});
  EXPECT_FALSE(integer.coerce(3.5));
  EXPECT_FALSE(integer.coerce(true));
  const auto cat = Parameter::categorical("c", {std::int64_t{1}, 2.5, str("x")});
  EXPECT_EQ(cat.coerce(1.0), Value{std::int64_t{1}});
  EXPECT_EQ(cat.coerce(std::int64_t{1}), Value{std::int64_t{1}});
  EXPECT_FALSE(cat.coerce(str("1")));
}

TEST(Parameter, DefaultsAreValidatedAndCoerced) {
  EXPECT_EQ(Parameter::real("x", 0, 1).with_default(std::int64_t{1}).default_value, Value{1.0});
  EXPECT_EQ(Parameter::integer("n", 1, 6).with_default(std::int64_t{2}).default_value,
            Value{std::int64_t{2}});
  expect_error([] { (void)Parameter::real("lr", 1e-5, 1e-1, true).with_default(0.5); },
               "parameter 'lr': default '0.5' is not a valid real [1e-05, 0.1] log value");
  expect_error([] { (void)Parameter::integer("n", 1, 6).with_default(std::int64_t{7}); },
               "default '7'");
  expect_error([] { (void)Parameter::integer("n", 1, 6).with_default(2.5); }, "default '2.5'");
  expect_error([] { (void)Parameter::categorical("act", strs({"relu"})).with_default(str("elu")); },
               "default 'elu' is not a valid categorical {relu} value");
  expect_error(
      [] {
        (void)Parameter::ordinal("o", strs({"s", "m"})).with_default(str("xl"));
      },
      "default 'xl'");
  expect_error(
      [] { (void)Parameter::constant("k", std::int64_t{3}).with_default(std::int64_t{4}); },
      "default '4' is not a valid constant 3 value");
  EXPECT_EQ(Parameter::constant("k", std::int64_t{3}).with_default(3.0).default_value,
            Value{std::int64_t{3}});
}

TEST(Parameter, OrdinalAndConstantAreValidated) {
  expect_error(
      [] {
        Parameter::ordinal("size", strs({"s", "m", "s"}));
      },
      "parameter 'size': value 's' appears twice in ordinal values");
  expect_error([] { Parameter::ordinal("size", {}); }, "ordinal values must not be empty");
  expect_error([] { Parameter::constant("k", std::nan("")); }, "is not a finite number");
  expect_error([] { Parameter::categorical("c", {}); }, "choices must not be empty");
  const auto k = Parameter::constant("version", std::int64_t{3});
  EXPECT_TRUE(k.contains(std::int64_t{3}));
  EXPECT_FALSE(k.contains(std::int64_t{4}));
  EXPECT_EQ(k.from_unit(0.77), Value{std::int64_t{3}});
  EXPECT_DOUBLE_EQ(k.to_unit(std::int64_t{3}), 0.5);
}

TEST(Parameter, DescribeNamesKindAndRange) {
  EXPECT_EQ(Parameter::real("lr", 1e-5, 0.1, true).describe(), "real [1e-05, 0.1] log");
  EXPECT_EQ(Parameter::integer("n", 16, 1024).describe(), "int [16, 1024]");
  EXPECT_EQ(Parameter::categorical("a", strs({"relu", "tanh"})).describe(),
            "categorical {relu, tanh}");
  EXPECT_EQ(Parameter::ordinal("s", strs({"small", "large"})).describe(), "ordinal <small, large>");
  EXPECT_EQ(Parameter::constant("v", std::int64_t{3}).describe(), "constant 3");
}

TEST(Parameter, ToUnitRejectsValuesOutsideTheParameter) {
  expect_error([] { (void)Parameter::integer("n", 1, 6).to_unit(std::int64_t{9}); },
               "parameter 'n': value '9' is not a valid int [1, 6] value");
  expect_error([] { (void)Parameter::real("x", 0, 1).to_unit(std::int64_t{0}); }, "value '0'");
}

} // namespace
} // namespace hpsearch
