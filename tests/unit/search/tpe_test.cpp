#include "hpsearch/eval/test_functions.hpp"
#include "hpsearch/search/strategy.hpp"
#include "hpsearch/search/tpe/parzen_estimator.hpp"
#include "hpsearch/search/tpe/tpe_strategy.hpp"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <numbers>
#include <set>
#include <string>

namespace hpsearch {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

double phi(double z) {
  return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi);
}
double cdf(double z) {
  return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}
/// A normal(mu, sigma) truncated to [low, high]: its density at x, its mass on [a, b].
double truncated_pdf(double x, double mu, double sigma, double low, double high) {
  return phi((x - mu) / sigma) / sigma / (cdf((high - mu) / sigma) - cdf((low - mu) / sigma));
}
double truncated_mass(double a, double b, double mu, double sigma, double low, double high) {
  return (cdf((b - mu) / sigma) - cdf((a - mu) / sigma)) /
         (cdf((high - mu) / sigma) - cdf((low - mu) / sigma));
}
Eigen::VectorXd point(std::initializer_list<double> values) {
  Eigen::VectorXd x(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (double v : values) x[i++] = v;
  return x;
}

using Kind = TpeDimension::Kind;

TEST(ParzenEstimator, OneContinuousObservationMatchesTheHandComputedMixture) {
  // n = 1, d = 1: Scott's sigma 0.2 is below the magic clip 1 / min(100, 1 + 2) = 1/3.
  const ParzenEstimator pe({{Kind::continuous, 0.0, 1.0, 0}}, {point({0.3})}, 1.0);
  ASSERT_EQ(pe.components(), 2U);
  EXPECT_DOUBLE_EQ(pe.weights()[0], 0.5);
  EXPECT_DOUBLE_EQ(pe.sigma(0, 0), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(pe.mu(1, 0), 0.5);
  EXPECT_DOUBLE_EQ(pe.sigma(1, 0), 1.0);
  for (double x : {0.0, 0.1, 0.4, 0.95}) {
    const double expected = 0.5 * truncated_pdf(x, 0.3, 1.0 / 3.0, 0.0, 1.0) +
                            0.5 * truncated_pdf(x, 0.5, 1.0, 0.0, 1.0);
    EXPECT_NEAR(std::exp(pe.log_pdf(point({x}))), expected, 1e-12) << "x = " << x;
  }
}

TEST(ParzenEstimator, ScottBandwidthInSeveralDimensionsAndTheRecencyRamp) {
  // 30 observations in 2 dimensions: sigma = 0.2 * 30^(-1/6) * range (above the clip
  // range / 32); weights: the oldest 5 ramp from 1/30 to 1, the 25 most recent weigh 1.
  std::vector<Eigen::VectorXd> rows;
  for (int i = 0; i < 30; ++i) rows.push_back(point({i / 30.0, 10.0 * i / 30.0}));
  const ParzenEstimator pe({{Kind::continuous, 0.0, 1.0, 0}, {Kind::continuous, 0.0, 10.0, 0}},
                           rows, 1.0);
  EXPECT_NEAR(pe.sigma(3, 0), 0.2 * std::pow(30.0, -1.0 / 6.0), 1e-15);
  EXPECT_NEAR(pe.sigma(3, 1), 2.0 * std::pow(30.0, -1.0 / 6.0), 1e-14);
  const std::vector<double> w = tpe_observation_weights(30);
  EXPECT_DOUBLE_EQ(w[0], 1.0 / 30.0);
  EXPECT_DOUBLE_EQ(w[2], 1.0 / 30.0 + 0.5 * (1.0 - 1.0 / 30.0));
  EXPECT_DOUBLE_EQ(w[4], 1.0);
  double total = 1.0; // the prior's weight
  for (double v : w) total += v;
  EXPECT_NEAR(pe.weights()[0], (1.0 / 30.0) / total, 1e-15);
  EXPECT_NEAR(pe.weights()[30], 1.0 / total, 1e-15);
}

TEST(ParzenEstimator, DiscreteMassesSumToOneAndMatchHandComputedValues) {
  // int in {1, 2, 3}: support [0.5, 3.5]; n = 1: Scott's 0.6 is below the clip 3 / 3 = 1.
  const ParzenEstimator pe({{Kind::discrete, 0.5, 3.5, 0}}, {point({2.0})}, 1.0);
  double total = 0.0;
  for (double x : {1.0, 2.0, 3.0}) {
    const double expected = 0.5 * truncated_mass(x - 0.5, x + 0.5, 2.0, 1.0, 0.5, 3.5) +
                            0.5 * truncated_mass(x - 0.5, x + 0.5, 2.0, 3.0, 0.5, 3.5);
    const double got = std::exp(pe.log_pdf(point({x})));
    EXPECT_NEAR(got, expected, 1e-12) << "x = " << x;
    total += got;
  }
  EXPECT_NEAR(total, 1.0, 1e-12);
}

TEST(ParzenEstimator, CategoricalKernelsAndInactiveDimensions) {
  // Two observations of choice 0 among 3: each row (1/3 + [c == 0]) / 2 = (2/3, 1/6, 1/6),
  // the prior uniform; weights 1/3 each: p(0) = 2 * 1/3 * 2/3 + 1/3 * 1/3 = 5/9.
  const std::vector<TpeDimension> dims = {{Kind::categorical, 0, 0, 3},
                                          {Kind::continuous, 0.0, 1.0, 0}};
  const ParzenEstimator pe(dims, {point({0.0, 0.2}), point({0.0, kNaN})}, 1.0);
  EXPECT_NEAR(pe.probability(0, 0, 0), 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(pe.probability(0, 0, 1), 1.0 / 6.0, 1e-15);
  EXPECT_NEAR(std::exp(pe.log_pdf(point({0.0, kNaN}))), 5.0 / 9.0, 1e-12);
  EXPECT_NEAR(std::exp(pe.log_pdf(point({2.0, kNaN}))), 2.0 / 9.0, 1e-12);
  // The second observation's continuous coordinate is inactive: the prior's kernel there.
  EXPECT_DOUBLE_EQ(pe.mu(1, 1), 0.5);
  EXPECT_DOUBLE_EQ(pe.sigma(1, 1), 1.0);
  const double sigma = pe.sigma(0, 1);
  const double x = 0.25;
  const double expected =
      (2.0 / 3.0 * truncated_pdf(x, 0.2, sigma, 0, 1) + 2.0 / 3.0 * truncated_pdf(x, 0.5, 1, 0, 1) +
       1.0 / 3.0 * truncated_pdf(x, 0.5, 1, 0, 1)) /
      3.0;
  EXPECT_NEAR(std::exp(pe.log_pdf(point({0.0, x}))), expected, 1e-12);
}

TEST(ParzenEstimator, SamplesStayInTheSupportAndFollowTheDensity) {
  const ParzenEstimator pe({{Kind::discrete, -0.5, 4.5, 0}, {Kind::categorical, 0, 0, 3}},
                           {point({4.0, 1.0}), point({4.0, 1.0}), point({3.0, 1.0})}, 1.0);
  Rng rng(7);
  std::vector<int> counts(5, 0);
  const int draws = 20000;
  for (int i = 0; i < draws; ++i) {
    const Eigen::VectorXd x = pe.sample(rng);
    ASSERT_GE(x[0], 0.0);
    ASSERT_LE(x[0], 4.0);
    ASSERT_EQ(x[0], std::round(x[0]));
    ASSERT_TRUE(x[1] == 0.0 || x[1] == 1.0 || x[1] == 2.0);
    ++counts[static_cast<std::size_t>(x[0])];
  }
  for (int v = 0; v < 5; ++v) {
    const double p = std::exp(pe.log_pdf(point({static_cast<double>(v), kNaN})));
    // 5 standard errors of a binomial proportion.
    EXPECT_NEAR(counts[static_cast<std::size_t>(v)] / double(draws), p,
                5.0 * std::sqrt(p * (1 - p) / draws))
        << "value " << v;
  }
}

TEST(ParzenEstimator, LogGaussMassHoldsInTheFarTails) {
  EXPECT_NEAR(log_gauss_mass(-1.0, 1.0), std::log(cdf(1.0) - cdf(-1.0)), 1e-14);
  EXPECT_NEAR(log_gauss_mass(2.0, 3.0), std::log(cdf(-2.0) - cdf(-3.0)), 1e-12);
  // Beyond erfc's range: finite, and decreasing as the interval moves out.
  const double far = log_gauss_mass(40.0, 41.0);
  EXPECT_TRUE(std::isfinite(far));
  EXPECT_NEAR(far, -0.5 * 1600 - std::log(40.0) - 0.5 * std::log(2 * std::numbers::pi), 1e-3);
  EXPECT_LT(log_gauss_mass(50.0, 51.0), far);
}

TEST(TpeSplit, GammaIsOptunasAndTheSplitKeepsChronologicalOrder) {
  const TpeOptions o;
  EXPECT_EQ(o.good_count(10), 1);
  EXPECT_EQ(o.good_count(11), 2);
  EXPECT_EQ(o.good_count(100), 10);
  EXPECT_EQ(o.good_count(1000), 25);
  // Losses by time; +inf (failures, configurations in flight) always in the bad group.
  const std::vector<double> losses = {5.0, 1.0, kInf, 3.0, 0.5, 3.0, 9.0};
  const TpeSplit split = tpe_split(losses, 3);
  EXPECT_EQ(split.good, (std::vector<std::size_t>{1, 3, 4})); // ties: the older 3.0
  EXPECT_EQ(split.bad, (std::vector<std::size_t>{0, 2, 5, 6}));
  EXPECT_EQ(tpe_split({kInf, 1.0}, 5).good, (std::vector<std::size_t>{0, 1}));
}

SearchSpace function_space(const TestFunction& f) {
  SearchSpace space;
  const auto domain = f.domain(f.dimension);
  for (std::size_t i = 0; i < f.dimension; ++i) {
    space.add(Parameter::real("x" + std::to_string(i), domain[i].first, domain[i].second));
  }
  return space;
}

Evaluation result(JobId id, const Config& config, double objective, Status status = Status::ok) {
  Evaluation ev;
  ev.id = id;
  ev.config = config;
  ev.status = status;
  ev.objective = status == Status::ok ? objective : kNaN;
  return ev;
}

/// The best regret of `strategy` after `evals` sequential evaluations of `f`.
double run(const TestFunction& f, const std::string& strategy, std::uint64_t seed, int evals) {
  const SearchSpace space = function_space(f);
  auto s = make_strategy(strategy, {space, Direction::minimize, seed});
  double best = kInf;
  for (int i = 0; i < evals; ++i) {
    const Config c = *s->ask();
    std::vector<double> x;
    for (std::size_t k = 0; k < f.dimension; ++k)
      x.push_back(as_double(c.at("x" + std::to_string(k))));
    const double y = f.f(x);
    best = std::min(best, y);
    s->tell(result(i, c, y));
  }
  return best - f.optimum_value;
}

double median_regret(const std::string& function, const std::string& strategy) {
  std::vector<double> regrets;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    regrets.push_back(run(*find_test_function(function), strategy, seed, 100));
  }
  std::sort(regrets.begin(), regrets.end());
  const double median = 0.5 * (regrets[9] + regrets[10]);
  std::cout << function << " " << strategy << ": median regret over 20 seeds at 100 evaluations "
            << median << " (best " << regrets.front() << ", worst " << regrets.back() << ")\n";
  return median;
}

// The bars: random search's median regret over 20 seeds at 100 evaluations falls below 0.1
// on Branin in 2.8e-4 of 50,000 Monte Carlo runs (its 1 % quantile: 0.161), below 0.5 on
// Hartmann6 in none (1 % quantile: 0.98; bench/tpe_random_bar.py prints both). Measured for
// TPE here: 0.077 and 0.33.
TEST(Tpe, BeatsRandomSearchOnBranin) {
  EXPECT_LT(median_regret("branin", "tpe"), 0.1);
}

TEST(Tpe, BeatsRandomSearchOnHartmann6) {
  EXPECT_LT(median_regret("hartmann6", "tpe"), 0.5);
}

/// Every kind of parameter, a condition chain and a forbidden clause.
SearchSpace mixed_space() {
  SearchSpace space;
  space.add(Parameter::real("lr", 1e-4, 1e-1, true));
  space.add(Parameter::integer("units", 1, 8));
  space.add(Parameter::integer("batch", 8, 512, true));
  space.add(Parameter::ordinal("size", {std::string("s"), std::string("m"), std::string("l")}));
  space.add(Parameter::categorical("opt", {std::string("sgd"), std::string("adam")}));
  space.add(Parameter::real("momentum", 0.0, 0.99)
                .with_condition(Condition::equals("opt", std::string("sgd"))));
  space.add(Parameter::constant("seed", std::int64_t{3}));
  space.add_forbidden(
      {{{"units", {std::int64_t{1}, std::int64_t{2}}}, {"size", {std::string("l")}}}});
  return space;
}

double mixed_objective(const Config& c) {
  const double lr = std::log10(as_double(c.at("lr")));
  double y = (lr + 2.0) * (lr + 2.0) + 0.1 * std::abs(as_double(c.at("units")) - 6.0);
  y += std::get<std::string>(c.at("opt")) == "sgd" ? 1.0 - as_double(c.at("momentum")) : 0.3;
  return y;
}

TEST(Tpe, MixedConditionalSpaceProposalsAreValidAndDeterministic) {
  const SearchSpace space = mixed_space();
  StrategyOptions options;
  options.kind = StrategyKind::tpe;
  auto a = make_strategy(options, {space, Direction::minimize, 5});
  auto b = make_strategy(options, {space, Direction::minimize, 5});
  double best = kInf;
  double first_ten = kInf;
  for (int i = 0; i < 60; ++i) {
    const Config c = *a->ask();
    ASSERT_EQ(c, *b->ask()) << "proposal " << i;
    ASSERT_TRUE(space.contains(c)) << c.to_string();
    const double y = mixed_objective(c);
    best = std::min(best, y);
    if (i < 10) first_ten = best;
    const Status status = i % 7 == 3 ? Status::failed : Status::ok;
    a->tell(result(i, c, y, status));
    b->tell(result(i, c, y, status));
  }
  EXPECT_LT(best, first_ten); // the model improved on the start-up trials
}

TEST(Tpe, MaximizeSeeksLargeValues) {
  SearchSpace space;
  space.add(Parameter::real("x", 0.0, 1.0));
  StrategyOptions options;
  options.kind = StrategyKind::tpe;
  auto s = make_strategy(options, {space, Direction::maximize, 3});
  double sum_last = 0.0;
  for (int i = 0; i < 60; ++i) {
    const Config c = *s->ask();
    const double x = as_double(c.at("x"));
    if (i >= 40) sum_last += x;
    s->tell(result(i, c, x));
  }
  EXPECT_GT(sum_last / 20.0, 0.8); // uniform draws average 0.5
}

TEST(Tpe, ConstantLiarSpreadsProposalsInFlight) {
  SearchSpace space;
  space.add(Parameter::integer("k", 0, 99));
  StrategyOptions options;
  options.kind = StrategyKind::tpe;
  auto s = make_strategy(options, {space, Direction::minimize, 11});
  std::set<std::int64_t> seen;
  for (int i = 0; i < 10; ++i) {
    const Config c = *s->ask();
    seen.insert(std::get<std::int64_t>(c.at("k")));
    s->tell(result(i, c, static_cast<double>(std::get<std::int64_t>(c.at("k")))));
  }
  // Six asks in flight: none repeats a configuration observed or in flight.
  std::set<std::int64_t> handed;
  for (int i = 0; i < 6; ++i) handed.insert(std::get<std::int64_t>(s->ask()->at("k")));
  EXPECT_EQ(handed.size(), 6U);
  for (std::int64_t k : handed) EXPECT_EQ(seen.count(k), 0U) << k;
}

TEST(Tpe, SaveAndRestoreContinueExactly) {
  const SearchSpace space = mixed_space();
  StrategyOptions options;
  options.kind = StrategyKind::tpe;
  auto original = make_strategy(options, {space, Direction::minimize, 9});
  std::vector<Evaluation> told;
  for (int i = 0; i < 25; ++i) {
    const Config c = *original->ask();
    told.push_back(result(i, c, mixed_objective(c)));
    original->tell(told.back());
  }
  const Config in_flight_1 = *original->ask();
  const Config in_flight_2 = *original->ask();
  const std::string state = original->save_state();
  // A resumed search: the results told again, then the state.
  auto resumed = make_strategy(options, {space, Direction::minimize, 1234});
  for (const Evaluation& ev : told) resumed->tell(ev);
  resumed->restore_state(state);
  EXPECT_EQ(resumed->save_state(), state);
  for (int i = 0; i < 5; ++i) {
    const Config c = *original->ask();
    ASSERT_EQ(c, *resumed->ask()) << "proposal " << i;
  }
  original->tell(result(100, in_flight_1, 0.5));
  resumed->tell(result(100, in_flight_1, 0.5));
  EXPECT_EQ(*original->ask(), *resumed->ask());
  (void)in_flight_2;
  EXPECT_THROW(resumed->restore_state("tpe 9 0\nx"), Error);
  EXPECT_THROW(resumed->restore_state("tpe 1 2\n" + std::string("1 2 3")), Error);
}

TEST(Tpe, MultiFidelitySamplerFitsOnTheLargestFidelityWithEnoughResults) {
  // Results at fidelity 1 favour x near 0, at fidelity 9 near 1. With 10 results at 9 the
  // estimators fit on them; with 9 only, on fidelity 1.
  SearchSpace space;
  space.add(Parameter::real("x", 0.0, 1.0));
  const auto proposals_mean = [&](int high_results) {
    StrategyOptions options;
    options.kind = StrategyKind::tpe;
    auto s = make_strategy(options, {space, Direction::minimize, 4});
    Rng rng(1);
    JobId id = 0;
    const auto tell_at = [&](double fidelity, double x, double y) {
      Evaluation ev = result(id++, Config({{"x", Value{x}}}), y);
      ev.fidelity = fidelity;
      ev.rung = fidelity > 1 ? 1 : 0;
      s->tell(ev);
    };
    for (int i = 0; i < 40; ++i) {
      const double x = rng.uniform();
      tell_at(1.0, x, x);
    }
    for (int i = 0; i < high_results; ++i) {
      const double x = rng.uniform();
      tell_at(9.0, x, 1.0 - x);
    }
    double sum = 0.0;
    for (int i = 0; i < 20; ++i) sum += as_double(s->ask()->at("x"));
    return sum / 20.0;
  };
  EXPECT_LT(proposals_mean(9), 0.35);
  EXPECT_GT(proposals_mean(10), 0.65);
}

TEST(Tpe, OptionsOutOfRangeAreRefused) {
  SearchSpace space;
  space.add(Parameter::real("x", 0.0, 1.0));
  StrategyOptions options;
  options.kind = StrategyKind::tpe;
  options.tpe.gamma = 0.0;
  EXPECT_THROW(make_strategy(options, {space}), Error);
  options.tpe = {};
  options.tpe.candidates = 0;
  EXPECT_THROW(make_strategy(options, {space}), Error);
}

} // namespace
} // namespace hpsearch
