#include "hpsearch/space/search_space.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::expect_error;
using test::str;
using test::strs;

SearchSpace solver_space() {
  SearchSpace s;
  s.add(Parameter::categorical("solver", strs({"sgd", "adam", "adagrad"})));
  s.add(Parameter::categorical("policy", strs({"fixed", "inv", "exp"})));
  s.add(Parameter::real("lr", 1e-6, 1.0, true));
  s.add(Parameter::real("beta1", 1e-4, 0.1, true)
            .with_condition(Condition::equals("solver", str("adam"))));
  s.add(Parameter::integer("n_layers", 1, 3));
  s.add(Parameter::integer("units_2", 64, 4096, true)
            .with_condition(Condition::greater("n_layers", std::int64_t{1})));
  // A chain: active only when units_2 is (which needs n_layers > 1) and is large.
  s.add(Parameter::real("dropout_2", 0.0, 0.9)
            .with_condition(Condition::greater("units_2", std::int64_t{1000})));
  return s;
}

TEST(SearchSpace, SamplesHoldExactlyTheActiveParameters) {
  const SearchSpace s = solver_space();
  Rng rng(3);
  int with_beta = 0;
  int with_dropout = 0;
  for (int i = 0; i < 2000; ++i) {
    const Config c = s.sample(rng);
    ASSERT_TRUE(s.contains(c)) << c.to_string();
    EXPECT_EQ(c.contains("beta1"), c.at("solver") == str("adam"));
    EXPECT_EQ(c.contains("units_2"), std::get<std::int64_t>(c.at("n_layers")) > 1);
    if (c.contains("dropout_2")) {
      EXPECT_GT(std::get<std::int64_t>(c.at("units_2")), 1000);
      ++with_dropout;
    }
    with_beta += c.contains("beta1");
  }
  EXPECT_GT(with_beta, 500);
  EXPECT_GT(with_dropout, 300);
}

TEST(SearchSpace, ContainsChecksActivityValuesAndForbidden) {
  SearchSpace s = solver_space();
  Config c({{"solver", str("sgd")},
            {"policy", str("fixed")},
            {"lr", 0.01},
            {"n_layers", std::int64_t{1}}});
  EXPECT_TRUE(s.contains(c));
  Config with_inactive = c;
  with_inactive.set("beta1", 0.01); // beta1 is inactive for sgd
  EXPECT_FALSE(s.contains(with_inactive));
  Config missing_active = c;
  missing_active.set("solver", str("adam")); // beta1 now active but absent
  EXPECT_FALSE(s.contains(missing_active));
  Config unknown = c;
  unknown.set("colour", str("red"));
  EXPECT_FALSE(s.contains(unknown));
  Config out_of_range = c;
  out_of_range.set("lr", 2.0);
  EXPECT_FALSE(s.contains(out_of_range));
  s.add_forbidden({{{"solver", {str("sgd")}}, {"policy", {str("fixed")}}}});
  EXPECT_TRUE(s.is_forbidden(c));
  EXPECT_FALSE(s.contains(c));
}

TEST(SearchSpace, ForbiddenClausesNeedEveryTermToMatch) {
  SearchSpace s = solver_space();
  s.add_forbidden({{{"solver", {str("adagrad")}}, {"policy", strs({"inv", "exp"})}}});
  s.add_forbidden({{{"units_2", {std::int64_t{64}}}}});
  EXPECT_EQ(s.forbidden().front().describe(), "solver == adagrad and policy in {inv, exp}");
  Rng rng(11);
  for (int i = 0; i < 3000; ++i) {
    const Config c = s.sample(rng);
    ASSERT_TRUE(s.contains(c)) << c.to_string();
    EXPECT_FALSE(c.at("solver") == str("adagrad") && c.at("policy") != str("fixed"));
  }
  // A term on an inactive (absent) parameter never matches.
  EXPECT_FALSE(s.is_forbidden(Config({{"solver", str("sgd")}, {"n_layers", std::int64_t{1}}})));
}

TEST(SearchSpace, AddForbiddenValidatesNamesKindsAndValues) {
  SearchSpace s = solver_space();
  expect_error(
      [&] {
        s.add_forbidden({{{"solvr", {str("sgd")}}}});
      },
      "forbidden clause 'solvr == sgd' names 'solvr', which is not a parameter");
  expect_error(
      [&] {
        s.add_forbidden({{{"solver", {str("rmsprop")}}}});
      },
      "'rmsprop' is not a value of 'solver' (categorical {sgd, adam, adagrad})");
  expect_error(
      [&] {
        s.add_forbidden({{{"n_layers", {std::int64_t{4}}}}});
      },
      "'4' is not a value of 'n_layers'");
  expect_error([&] { s.add_forbidden({{{"lr", {0.1}}}}); }, "names 'lr', a real parameter");
  expect_error(
      [&] {
        s.add_forbidden({{{"solver", {str("sgd")}}, {"solver", {str("adam")}}}});
      },
      "names 'solver' twice");
  expect_error([&] { s.add_forbidden({}); }, "needs at least one parameter");
  expect_error([&] { s.add_forbidden({{{"solver", {}}}}); }, "'solver' needs at least one value");
  s.add_forbidden({{{"n_layers", {2.0}}}}); // coerced to the int 2
  EXPECT_EQ(s.forbidden().back().terms.front().second.front(), Value{std::int64_t{2}});
}

TEST(SearchSpace, DuplicatesAndBadDefaultsAreRejected) {
  SearchSpace s = solver_space();
  expect_error([&] { s.add(Parameter::real("lr", 0, 1)); }, "parameter 'lr' is defined twice");
  Parameter p = Parameter::integer("epochs", 1, 10);
  p.default_value = std::int64_t{11}; // set directly, bypassing with_default
  expect_error([&] { s.add(p); }, "parameter 'epochs': default '11'");
}

TEST(SearchSpace, ANearlyEmptySpaceIsAClearError) {
  SearchSpace s = solver_space();
  s.add_forbidden({{{"solver", strs({"sgd", "adam", "adagrad"})}}});
  Rng rng(1);
  expect_error([&] { s.sample(rng); },
               "the space is (nearly) empty: 1000 of 1000 draws were forbidden; check the "
               "forbidden clauses");
  expect_error([&] { s.sample(rng, 20); }, "20 of 20 draws");
  expect_error([&] { s.check_not_empty(rng); }, "the space is (nearly) empty");
}

TEST(SearchSpace, CheckNotEmptyEnumeratesSmallDiscreteSpacesExactly) {
  SearchSpace s;
  s.add(Parameter::categorical("a", strs({"x", "y"})));
  s.add(Parameter::integer("n", 1, 3));
  s.add(
      Parameter::ordinal("o", strs({"lo", "hi"})).with_condition(Condition::equals("a", str("y"))));
  s.add_forbidden({{{"a", {str("x")}}}});
  s.add_forbidden({{{"o", {str("lo")}}}});
  Rng rng(5);
  EXPECT_NO_THROW(s.check_not_empty(rng)); // a=y, o=hi remains
  s.add_forbidden(
      {{{"o", {str("hi")}}, {"n", {std::int64_t{1}, std::int64_t{2}, std::int64_t{3}}}}});
  expect_error([&] { s.check_not_empty(rng); },
               "every one of its combinations is forbidden by the forbidden clauses:\n  a == x");
}

TEST(SearchSpace, EncodingMarksInactiveParameters) {
  const SearchSpace s = solver_space();
  const Config c({{"solver", str("sgd")},
                  {"policy", str("inv")},
                  {"lr", 1e-3},
                  {"n_layers", std::int64_t{1}}});
  ASSERT_TRUE(s.contains(c));
  const Eigen::VectorXd index = s.encode(c, Encoding::index);
  ASSERT_EQ(index.size(), 7);
  EXPECT_DOUBLE_EQ(index[0], 0.5 / 3); // sgd: bucket 0 of 3
  EXPECT_DOUBLE_EQ(index[1], 1.5 / 3); // inv: bucket 1 of 3
  EXPECT_NEAR(index[2], 0.5, 1e-12);   // 1e-3 is the log-middle of [1e-6, 1]
  EXPECT_EQ(index[3], -1.0);           // beta1 inactive
  EXPECT_EQ(index[5], -1.0);           // units_2 inactive
  EXPECT_EQ(index[6], -1.0);           // dropout_2 inactive
  EXPECT_EQ(s.encoded_dimension(Encoding::one_hot), 3u + 3u + 5u);
  const Eigen::VectorXd hot = s.encode(c, Encoding::one_hot);
  Eigen::VectorXd expected(11);
  expected << 1, 0, 0, 0, 1, 0, index[2], 0, index[4], 0, 0;
  EXPECT_TRUE(hot.isApprox(expected)) << hot.transpose();
  for (const auto e : {Encoding::index, Encoding::one_hot}) {
    const Config back = s.decode_encoded(e == Encoding::index ? index : hot, e);
    EXPECT_EQ(back.size(), c.size());
    EXPECT_EQ(back.at("solver"), c.at("solver"));
    EXPECT_EQ(back.at("policy"), c.at("policy"));
    EXPECT_EQ(back.at("n_layers"), c.at("n_layers"));
    EXPECT_NEAR(std::get<double>(back.at("lr")), 1e-3, 1e-15);
  }
}

TEST(SearchSpace, DecodeIgnoresCoordinatesOfInactiveParameters) {
  const SearchSpace s = solver_space();
  Eigen::VectorXd u(7);
  u << 0.1, 0.9, 0.5, 0.3, 0.2, 0.99, 0.5; // solver sgd, n_layers 1
  const Config c = s.decode(u);
  EXPECT_EQ(c.size(), 4u);
  EXPECT_TRUE(s.contains(c)) << c.to_string();
  u[4] = 0.99; // n_layers 3: units_2 (about 3900) active, > 1000 -> dropout_2 active
  const Config d = s.decode(u);
  EXPECT_GT(std::get<std::int64_t>(d.at("units_2")), 1000);
  EXPECT_TRUE(d.contains("dropout_2"));
  EXPECT_THROW(s.decode(Eigen::VectorXd::Zero(3)), Error);
}

} // namespace
} // namespace hpsearch
