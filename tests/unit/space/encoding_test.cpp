// Property test: encode / decode round-trips on random configurations of randomly
// generated spaces (random kinds, bounds, log scales, conditions and chains).
#include "hpsearch/space/search_space.hpp"
#include "test_util.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

Value random_choice_value(Rng& rng, int i) {
  switch (rng.integer(0, 3)) {
  case 0:
    return "c" + std::to_string(i);
  case 1:
    return std::int64_t{i * 7 - 3};
  case 2:
    return 0.25 * i - 1.0;
  default:
    return i % 2 == 0; // only two distinct booleans: made unique below
  }
}

std::vector<Value> random_choices(Rng& rng) {
  std::vector<Value> out;
  const auto k = rng.integer(1, 6);
  for (int i = 0; static_cast<std::int64_t>(out.size()) < k; ++i) {
    Value v = random_choice_value(rng, i);
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
  }
  return out;
}

Parameter random_parameter(Rng& rng, const std::string& name) {
  const bool log = rng.uniform() < 0.5;
  switch (rng.integer(0, 4)) {
  case 0: {
    const double low = log ? std::exp(rng.uniform(-14.0, 3.0)) : rng.uniform(-100.0, 100.0);
    const double high =
        log ? low * std::exp(rng.uniform(0.01, 14.0)) : low + rng.uniform(1e-3, 200.0);
    return Parameter::real(name, low, high, log);
  }
  case 1: {
    const std::int64_t low = log ? rng.integer(1, 100) : rng.integer(-500, 500);
    return Parameter::integer(name, low, low + rng.integer(1, 5000), log);
  }
  case 2:
    return Parameter::categorical(name, random_choices(rng));
  case 3:
    return Parameter::ordinal(name, random_choices(rng));
  default:
    return Parameter::constant(name, random_choice_value(rng, 1));
  }
}

/// A random leaf condition on one of `space`'s parameters, valid by construction.
Condition random_leaf(Rng& rng, const SearchSpace& space) {
  const auto& parent = space.parameters()[static_cast<std::size_t>(
      rng.integer(0, static_cast<std::int64_t>(space.size()) - 1))];
  const Value v = parent.from_unit(rng.uniform());
  if (parent.kind == ParamKind::real || (parent.is_ordered() && rng.uniform() < 0.5)) {
    return rng.uniform() < 0.5 ? Condition::less(parent.name, v)
                               : Condition::greater(parent.name, v);
  }
  if (rng.uniform() < 0.5) return Condition::equals(parent.name, v);
  return Condition::in(parent.name, {v, parent.from_unit(rng.uniform())});
}

SearchSpace random_space(std::uint64_t seed) {
  Rng rng(seed);
  SearchSpace space;
  const auto n = rng.integer(1, 9);
  for (std::int64_t i = 0; i < n; ++i) {
    Parameter p = random_parameter(rng, "p" + std::to_string(i));
    if (!space.empty() && rng.uniform() < 0.5) {
      if (rng.uniform() < 0.7) {
        p.active_if = random_leaf(rng, space);
      } else {
        auto children = std::vector<Condition>{random_leaf(rng, space), random_leaf(rng, space)};
        p.active_if = rng.uniform() < 0.5 ? Condition::all(children) : Condition::any(children);
      }
    }
    space.add(std::move(p));
  }
  return space;
}

void expect_same(const SearchSpace& space, const Config& expected, const Config& got,
                 const std::string& what) {
  ASSERT_EQ(expected.size(), got.size())
      << what << ": " << expected.to_string() << " vs " << got.to_string();
  for (const auto& [name, value] : expected.entries()) {
    const Value* v = got.find(name);
    ASSERT_NE(v, nullptr) << what << ": lost " << name;
    ASSERT_EQ(v->index(), value.index()) << what << ": " << name << " changed type";
    if (const auto* x = std::get_if<double>(&value)) {
      const Parameter& p = *space.find(name);
      const double scale = std::max({1.0, std::fabs(p.low), std::fabs(p.high)});
      EXPECT_NEAR(std::get<double>(*v), *x, 1e-12 * scale) << what << ": " << name;
    } else {
      EXPECT_EQ(*v, value) << what << ": " << name;
    }
  }
}

TEST(Encoding, RoundTripsOnRandomConfigsOfRandomSpaces) {
  std::size_t checked = 0;
  std::size_t inactive = 0;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const SearchSpace space = random_space(seed);
    Rng rng(1000 + seed);
    for (int draw = 0; draw < 25; ++draw) {
      const Config c = space.sample(rng);
      ASSERT_TRUE(space.contains(c)) << c.to_string();
      inactive += space.size() - c.size();
      for (const Encoding e : {Encoding::index, Encoding::one_hot}) {
        const Eigen::VectorXd x = space.encode(c, e);
        ASSERT_EQ(static_cast<std::size_t>(x.size()), space.encoded_dimension(e));
        const double floor = e == Encoding::index ? -1.0 : 0.0;
        EXPECT_GE(x.minCoeff(), floor);
        EXPECT_LE(x.maxCoeff(), 1.0);
        expect_same(space, c, space.decode_encoded(x, e),
                    "seed " + std::to_string(seed) + " " + std::string(to_string(e)));
      }
      // The index encoding of an active parameter is also a raw sampler coordinate.
      expect_same(space, c, space.decode(space.encode(c, Encoding::index)), "decode");
      ++checked;
    }
  }
  EXPECT_EQ(checked, 200u * 25u);
  EXPECT_GT(inactive, 500u); // the conditions really made parameters inactive
}

} // namespace
} // namespace hpsearch
