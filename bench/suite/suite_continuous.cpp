// The continuous and integer families of the suite: standard, shifted-and-rotated,
// integer, and the noise wrapper.
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/eval/test_functions.hpp"
#include "suite_builders.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <random>
#include <utility>

namespace hpsearch::bench {

namespace {

const TestFunction& function_named(const std::string& name) {
  const TestFunction* f = find_test_function(name);
  if (f == nullptr) throw Error::internal("suite: no test function " + name);
  return *f;
}

std::string x(std::size_t i) {
  // Not `"x" + std::to_string(i)`: GCC 12 at -O3 reports a false -Wrestrict inside it.
  std::string name = "x";
  name.append(std::to_string(i));
  return name;
}

Config reals(const std::vector<double>& values) {
  Config config;
  for (std::size_t i = 0; i < values.size(); ++i) config.set(x(i), values[i]);
  return config;
}

} // namespace

std::vector<double> coordinates(const Config& config, std::size_t d) {
  std::vector<double> values(d);
  for (std::size_t i = 0; i < d; ++i) values[i] = as_double(config.at(x(i)));
  return values;
}

SuiteProblem standard(const std::string& name, const std::string& function, std::size_t d) {
  const TestFunction& f = function_named(function);
  SuiteProblem p;
  p.name = name;
  const auto domain = f.domain(d);
  for (std::size_t i = 0; i < d; ++i) {
    p.space.add(Parameter::real(x(i), domain[i].first, domain[i].second));
  }
  p.truth = [&f, d](const Config& c) { return f.f(coordinates(c, d)); };
  p.optimum = f.optimum_value;
  p.optimum_at = reals(f.optimum_at(d));
  return p;
}

SuiteProblem rotated(const std::string& name, const std::string& function, std::size_t d,
                     std::uint64_t seed) {
  const TestFunction& f = function_named(function);
  SuiteProblem p = standard(name, function, d);
  Rng rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  Eigen::MatrixXd gaussian(d, d);
  for (Eigen::Index i = 0; i < gaussian.size(); ++i) gaussian.data()[i] = normal(rng.engine());
  const Eigen::MatrixXd rotation = Eigen::HouseholderQR<Eigen::MatrixXd>(gaussian).householderQ();
  const auto domain = f.domain(d);
  std::vector<double> centre(d);
  for (std::size_t i = 0; i < d; ++i) {
    const double width = domain[i].second - domain[i].first;
    centre[i] = rng.uniform(domain[i].first + 0.2 * width, domain[i].second - 0.2 * width);
  }
  const std::vector<double> home = f.optimum_at(d);
  p.truth = [&f, d, rotation, centre, home](const Config& c) {
    const auto v = coordinates(c, d);
    Eigen::VectorXd shifted(d);
    for (std::size_t i = 0; i < d; ++i) shifted(static_cast<Eigen::Index>(i)) = v[i] - centre[i];
    const Eigen::VectorXd turned = rotation * shifted;
    std::vector<double> y(d);
    for (std::size_t i = 0; i < d; ++i) y[i] = home[i] + turned(static_cast<Eigen::Index>(i));
    return f.f(y);
  };
  p.optimum_at = reals(centre);
  return p;
}

SuiteProblem integer(const std::string& name, const std::string& function, std::size_t d,
                     std::size_t integers, std::int64_t low, std::int64_t high) {
  const TestFunction& f = function_named(function);
  SuiteProblem p;
  p.name = name;
  Config at;
  const auto home = f.optimum_at(d);
  for (std::size_t i = 0; i < d; ++i) {
    if (i < integers) {
      p.space.add(Parameter::integer(x(i), low, high));
      at.set(x(i), static_cast<std::int64_t>(std::lround(home[i])));
    } else {
      p.space.add(Parameter::real(x(i), static_cast<double>(low), static_cast<double>(high)));
      at.set(x(i), home[i]);
    }
  }
  p.truth = [&f, d](const Config& c) { return f.f(coordinates(c, d)); };
  p.optimum = f.optimum_value;
  p.optimum_at = std::move(at);
  return p;
}

SuiteProblem noisy(const std::string& name, SuiteProblem problem, double sd, double slope) {
  problem.name = name;
  problem.noise_sd = sd;
  problem.noise_slope = slope;
  return problem;
}

} // namespace hpsearch::bench
