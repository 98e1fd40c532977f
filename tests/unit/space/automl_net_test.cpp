// Acceptance properties on the Auto-Net space (tests/unit/space/automl_net.cpp, the same
// space as configs/automl_net.yaml): every sampler yields only valid configurations, and
// log-scaled parameters are uniform in log space.
#include "automl_net.hpp"
#include "hpsearch/space/sampling/sampler.hpp"
#include "test_util.hpp"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <map>

namespace hpsearch {
namespace {

constexpr std::size_t kSamples = 10000;

std::vector<Config> draw(const SearchSpace& space, std::string_view sampler, std::uint64_t seed) {
  if (sampler == "space.sample") {
    Rng rng(seed);
    std::vector<Config> out;
    for (std::size_t i = 0; i < kSamples; ++i) out.push_back(space.sample(rng));
    return out;
  }
  auto s = make_sampler(sampler, space.dimension(), 1000, seed);
  return sample_configs(space, *s, kSamples);
}

/// Kolmogorov-Smirnov statistic of `u` against the uniform distribution on [0, 1].
double ks_uniform(std::vector<double> u) {
  std::sort(u.begin(), u.end());
  const auto n = static_cast<double>(u.size());
  double d = 0.0;
  for (std::size_t i = 0; i < u.size(); ++i) {
    d = std::max({d, (static_cast<double>(i) + 1) / n - u[i], u[i] - static_cast<double>(i) / n});
  }
  return d;
}

/// Values of real parameter `name` mapped to [0, 1] in log space (active samples only).
std::vector<double> log_positions(const SearchSpace& space, const std::vector<Config>& configs,
                                  const std::string& name) {
  const Parameter& p = *space.find(name);
  std::vector<double> out;
  for (const auto& c : configs) {
    if (const Value* v = c.find(name)) {
      out.push_back((std::log(std::get<double>(*v)) - std::log(p.low)) /
                    (std::log(p.high) - std::log(p.low)));
    }
  }
  return out;
}

/// Chi-square statistic of an integer log-scaled parameter against its exact log-uniform
/// probabilities (value v owns [v - 0.5, v + 0.5) in log space), the values grouped into
/// `bins` bins by where log(v) falls.
double chi_square_log_int(const Parameter& p, const std::vector<Config>& configs, int bins) {
  const double e0 = std::log(p.low - 0.5);
  const double e1 = std::log(p.high + 0.5);
  auto bin_of = [&](std::int64_t v) {
    const double t = (std::log(static_cast<double>(v)) - e0) / (e1 - e0);
    return std::min(bins - 1, static_cast<int>(t * bins));
  };
  std::vector<double> expected(static_cast<std::size_t>(bins), 0.0);
  std::vector<double> observed(static_cast<std::size_t>(bins), 0.0);
  for (auto v = static_cast<std::int64_t>(p.low); v <= static_cast<std::int64_t>(p.high); ++v) {
    const auto x = static_cast<double>(v);
    expected[static_cast<std::size_t>(bin_of(v))] +=
        (std::log(x + 0.5) - std::log(x - 0.5)) / (e1 - e0);
  }
  double n = 0;
  for (const auto& c : configs) {
    if (const Value* v = c.find(p.name)) {
      observed[static_cast<std::size_t>(bin_of(std::get<std::int64_t>(*v)))] += 1.0;
      n += 1.0;
    }
  }
  double chi2 = 0.0;
  for (std::size_t b = 0; b < expected.size(); ++b) {
    const double e = expected[b] * n;
    chi2 += (observed[b] - e) * (observed[b] - e) / e;
  }
  return chi2;
}

class AutoNet : public ::testing::TestWithParam<const char*> {};

// One test per sampler (the draw is the expensive part): validity, then goodness of fit.
TEST_P(AutoNet, TenThousandSamplesAreValidAndLogUniform) {
  const SearchSpace space = test::automl_net_space();
  ASSERT_EQ(space.size(), 63u);
  const auto configs = draw(space, GetParam(), 2016);
  std::map<std::int64_t, std::size_t> layers;
  std::size_t adam = 0;
  std::vector<std::string> units;
  std::vector<std::string> activation;
  std::vector<std::string> leakiness;
  for (int i = 1; i <= 6; ++i) {
    units.push_back("units_" + std::to_string(i));
    activation.push_back("activation_" + std::to_string(i));
    leakiness.push_back("leakiness_" + std::to_string(i));
  }
  const Value adam_value = test::str("adam");
  const Value adagrad = test::str("adagrad");
  const Value leaky = test::str("leaky");
  const Value inv = test::str("inv");
  const Value exp = test::str("exp");
  for (const auto& c : configs) {
    ASSERT_TRUE(space.contains(c)) << c.to_string();
    const auto n = std::get<std::int64_t>(c.at("n_layers"));
    ++layers[n];
    for (std::size_t i = 0; i < 6; ++i) {
      EXPECT_EQ(c.contains(units[i]), static_cast<std::int64_t>(i) < n);
      const Value* act = c.find(activation[i]);
      EXPECT_EQ(c.contains(leakiness[i]), act != nullptr && *act == leaky);
    }
    const Value& solver = c.at("solver");
    adam += solver == adam_value;
    EXPECT_EQ(c.contains("beta1"), solver == adam_value);
    EXPECT_FALSE(solver == adagrad && (c.at("lr_policy") == inv || c.at("lr_policy") == exp));
  }
  EXPECT_EQ(layers.size(), 6u); // every depth occurs
  EXPECT_GT(adam, kSamples / 10);
  // KS critical value at alpha = 0.001 is about 1.95 / sqrt(n).
  for (const char* name : {"learning_rate", "l2", "beta1", "std_init_1"}) {
    const auto u = log_positions(space, configs, name);
    ASSERT_GT(u.size(), 500u) << name;
    EXPECT_LT(ks_uniform(u), 1.95 / std::sqrt(static_cast<double>(u.size())))
        << name << " with " << GetParam();
  }
  // Chi-square with 9 degrees of freedom: 27.9 is the 0.001 critical value.
  for (const char* name : {"batch_size", "units_1", "units_4"}) {
    EXPECT_LT(chi_square_log_int(*space.find(name), configs, 10), 27.9)
        << name << " with " << GetParam();
  }
  // The same data are far from uniform on the linear scale: the test can fail.
  const Parameter& lr = *space.find("learning_rate");
  std::vector<double> linear;
  for (const auto& c : configs)
    linear.push_back((std::get<double>(c.at("learning_rate")) - lr.low) / (lr.high - lr.low));
  EXPECT_GT(ks_uniform(linear), 0.5);
}

INSTANTIATE_TEST_SUITE_P(EverySampler, AutoNet,
                         ::testing::Values("space.sample", "random", "lhs", "sobol"),
                         [](const auto& param_info) {
                           std::string n = param_info.param;
                           std::replace(n.begin(), n.end(), '.', '_');
                           return n;
                         });

TEST(AutoNetSpace, DeterministicPerSeed) {
  const SearchSpace space = test::automl_net_space();
  for (const char* sampler : {"space.sample", "lhs", "sobol"}) {
    auto a = make_sampler(sampler == std::string("space.sample") ? "random" : sampler,
                          space.dimension(), 50, 5);
    auto b = make_sampler(sampler == std::string("space.sample") ? "random" : sampler,
                          space.dimension(), 50, 5);
    EXPECT_EQ(sample_configs(space, *a, 200), sample_configs(space, *b, 200)) << sampler;
  }
  Rng r1(9);
  Rng r2(9);
  for (int i = 0; i < 200; ++i) EXPECT_EQ(space.sample(r1), space.sample(r2));
}

} // namespace
} // namespace hpsearch
