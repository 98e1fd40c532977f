#include "hpsearch/eval/test_functions.hpp"

#include "hpsearch/eval/learning_curves.hpp"

#include <array>
#include <cmath>
#include <numbers>

namespace hpsearch {

namespace {

using std::numbers::pi;

// Hartmann 6-D constants (Surjanovic & Bingham, hart6).
constexpr std::array<double, 4> kHartmannAlpha = {1.0, 1.2, 3.0, 3.2};
constexpr std::array<std::array<double, 6>, 4> kHartmannA = {{
    {10.0, 3.0, 17.0, 3.5, 1.7, 8.0},
    {0.05, 10.0, 17.0, 0.1, 8.0, 14.0},
    {3.0, 3.5, 1.7, 10.0, 17.0, 8.0},
    {17.0, 8.0, 0.05, 10.0, 0.1, 14.0},
}};
constexpr std::array<std::array<double, 6>, 4> kHartmannP = {{
    {1312, 1696, 5569, 124, 8283, 5886},
    {2329, 4135, 8307, 3736, 1004, 9991},
    {2348, 1451, 3522, 2883, 3047, 6650},
    {4047, 8828, 8732, 5743, 1091, 381},
}};

std::vector<double> branin_optimum(std::size_t) {
  return {pi, 2.275};
}
std::vector<double> hartmann6_optimum(std::size_t) {
  return {0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573};
}
std::vector<double> zeros(std::size_t d) {
  return std::vector<double>(d, 0.0);
}
std::vector<double> ones(std::size_t d) {
  return std::vector<double>(d, 1.0);
}
std::vector<double> sevens(std::size_t d) {
  return std::vector<double>(d, 0.7);
}

std::vector<std::pair<double, double>> branin_domain(std::size_t) {
  return {{-5.0, 10.0}, {0.0, 15.0}};
}
std::vector<std::pair<double, double>> unit_domain(std::size_t d) {
  return {d, {0.0, 1.0}};
}
std::vector<std::pair<double, double>> ackley_domain(std::size_t d) {
  return {d, {-32.768, 32.768}};
}
std::vector<std::pair<double, double>> rosenbrock_domain(std::size_t d) {
  return {d, {-5.0, 10.0}};
}
std::vector<std::pair<double, double>> sphere_domain(std::size_t d) {
  return {d, {-5.12, 5.12}};
}

} // namespace

double branin(const std::vector<double>& x) {
  const double a = 1.0;
  const double b = 5.1 / (4.0 * pi * pi);
  const double c = 5.0 / pi;
  const double r = 6.0;
  const double s = 10.0;
  const double t = 1.0 / (8.0 * pi);
  const double inner = x[1] - b * x[0] * x[0] + c * x[0] - r;
  return a * inner * inner + s * (1.0 - t) * std::cos(x[0]) + s;
}

double hartmann6(const std::vector<double>& x) {
  double sum = 0.0;
  for (std::size_t i = 0; i < 4; ++i) {
    double exponent = 0.0;
    for (std::size_t j = 0; j < 6; ++j) {
      const double diff = x[j] - kHartmannP[i][j] * 1e-4;
      exponent += kHartmannA[i][j] * diff * diff;
    }
    sum += kHartmannAlpha[i] * std::exp(-exponent);
  }
  return -sum;
}

double ackley(const std::vector<double>& x) {
  const double a = 20.0;
  const double b = 0.2;
  const double c = 2.0 * pi;
  const auto d = static_cast<double>(x.size());
  double squares = 0.0;
  double cosines = 0.0;
  for (double xi : x) {
    squares += xi * xi;
    cosines += std::cos(c * xi);
  }
  return -a * std::exp(-b * std::sqrt(squares / d)) - std::exp(cosines / d) + a + std::numbers::e;
}

double rosenbrock(const std::vector<double>& x) {
  double sum = 0.0;
  for (std::size_t i = 0; i + 1 < x.size(); ++i) {
    const double valley = x[i + 1] - x[i] * x[i];
    const double offset = x[i] - 1.0;
    sum += 100.0 * valley * valley + offset * offset;
  }
  return sum;
}

double sphere(const std::vector<double>& x) {
  double sum = 0.0;
  for (double xi : x) sum += xi * xi;
  return sum;
}

std::string TestFunction::dimension_text() const {
  if (dimension != 0) return std::to_string(dimension);
  return "any >= " + std::to_string(min_dimension);
}

const std::vector<TestFunction>& test_functions() {
  static const std::vector<TestFunction> functions = {
      {"branin", 2, 2, &branin, 5.0 / (4.0 * pi), &branin_optimum, &branin_domain, nullptr},
      {"hartmann6", 6, 6, &hartmann6, -3.32237, &hartmann6_optimum, &unit_domain, nullptr},
      {"ackley", 0, 1, &ackley, 0.0, &zeros, &ackley_domain, nullptr},
      {"rosenbrock", 0, 2, &rosenbrock, 0.0, &ones, &rosenbrock_domain, nullptr},
      {"sphere", 0, 1, &sphere, 0.0, &zeros, &sphere_domain, nullptr},
      {"curve_sphere", 0, 1, &curve_sphere_final, 0.0, &sevens, &unit_domain, &curve_sphere},
      {"curve_branin", 2, 2, &curve_branin_final, 5.0 / (4.0 * pi), &branin_optimum, &branin_domain,
       &curve_branin},
      {"curve_hartmann6", 6, 6, &curve_hartmann6_final, -3.32237, &hartmann6_optimum, &unit_domain,
       &curve_hartmann6},
  };
  return functions;
}

const TestFunction* find_test_function(std::string_view name) {
  for (const auto& function : test_functions()) {
    if (function.name == name) return &function;
  }
  return nullptr;
}

std::string test_function_names() {
  std::string names;
  for (const auto& function : test_functions()) {
    if (!names.empty()) names += ", ";
    names += function.name;
  }
  return names;
}

} // namespace hpsearch
