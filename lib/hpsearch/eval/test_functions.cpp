#include "hpsearch/eval/test_functions.hpp"

#include "hpsearch/eval/learning_curves.hpp"
#include "hpsearch/eval/pbt_toy.hpp"

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

// Hartmann 3-D constants (Surjanovic & Bingham, hart3).
constexpr std::array<std::array<double, 3>, 4> kHartmann3A = {{
    {3.0, 10.0, 30.0},
    {0.1, 10.0, 35.0},
    {3.0, 10.0, 30.0},
    {0.1, 10.0, 35.0},
}};
constexpr std::array<std::array<double, 3>, 4> kHartmann3P = {{
    {3689, 1170, 2673},
    {4699, 4387, 7470},
    {1091, 8732, 5547},
    {381, 5743, 8828},
}};

template <std::size_t D>
double hartmann(const std::vector<double>& x, const std::array<std::array<double, D>, 4>& a,
                const std::array<std::array<double, D>, 4>& p) {
  double sum = 0.0;
  for (std::size_t i = 0; i < 4; ++i) {
    double exponent = 0.0;
    for (std::size_t j = 0; j < D; ++j) {
      const double diff = x[j] - p[i][j] * 1e-4;
      exponent += a[i][j] * diff * diff;
    }
    sum += kHartmannAlpha[i] * std::exp(-exponent);
  }
  return -sum;
}

std::vector<double> branin_optimum(std::size_t) {
  return {pi, 2.275};
}
std::vector<double> hartmann6_optimum(std::size_t) {
  return {0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573};
}
std::vector<double> hartmann3_optimum(std::size_t) {
  return {0.114614, 0.555649, 0.852547};
}
std::vector<double> six_hump_camel_optimum(std::size_t) {
  return {0.08984201368301331, -0.7126564032704135};
}
std::vector<double> goldstein_price_optimum(std::size_t) {
  return {0.0, -1.0};
}
std::vector<double> dixon_price_optimum(std::size_t d) {
  std::vector<double> x(d);
  for (std::size_t i = 1; i <= d; ++i) {
    const double two_i = std::ldexp(1.0, static_cast<int>(i));
    x[i - 1] = std::pow(2.0, -(two_i - 2.0) / two_i);
  }
  return x;
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
std::vector<std::pair<double, double>> levy_domain(std::size_t d) {
  return {d, {-10.0, 10.0}};
}
std::vector<std::pair<double, double>> griewank_domain(std::size_t d) {
  return {d, {-600.0, 600.0}};
}
std::vector<std::pair<double, double>> zakharov_domain(std::size_t d) {
  return {d, {-5.0, 10.0}};
}
std::vector<std::pair<double, double>> six_hump_camel_domain(std::size_t) {
  return {{-3.0, 3.0}, {-2.0, 2.0}};
}
std::vector<std::pair<double, double>> goldstein_price_domain(std::size_t) {
  return {2, {-2.0, 2.0}};
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
  return hartmann<6>(x, kHartmannA, kHartmannP);
}

double hartmann3(const std::vector<double>& x) {
  return hartmann<3>(x, kHartmann3A, kHartmann3P);
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

double rastrigin(const std::vector<double>& x) {
  double sum = 10.0 * static_cast<double>(x.size());
  for (double xi : x) sum += xi * xi - 10.0 * std::cos(2.0 * pi * xi);
  return sum;
}

double levy(const std::vector<double>& x) {
  auto w = [&](std::size_t i) { return 1.0 + (x[i] - 1.0) / 4.0; };
  const std::size_t d = x.size();
  const double first = std::sin(pi * w(0));
  double sum = first * first;
  for (std::size_t i = 0; i + 1 < d; ++i) {
    const double s = std::sin(pi * w(i) + 1.0);
    sum += (w(i) - 1.0) * (w(i) - 1.0) * (1.0 + 10.0 * s * s);
  }
  const double last = std::sin(2.0 * pi * w(d - 1));
  return sum + (w(d - 1) - 1.0) * (w(d - 1) - 1.0) * (1.0 + last * last);
}

double griewank(const std::vector<double>& x) {
  double sum = 0.0;
  double product = 1.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sum += x[i] * x[i] / 4000.0;
    product *= std::cos(x[i] / std::sqrt(static_cast<double>(i + 1)));
  }
  return 1.0 + sum - product;
}

double zakharov(const std::vector<double>& x) {
  double squares = 0.0;
  double s = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    squares += x[i] * x[i];
    s += 0.5 * static_cast<double>(i + 1) * x[i];
  }
  return squares + s * s + s * s * s * s;
}

double dixon_price(const std::vector<double>& x) {
  double sum = (x[0] - 1.0) * (x[0] - 1.0);
  for (std::size_t i = 1; i < x.size(); ++i) {
    const double term = 2.0 * x[i] * x[i] - x[i - 1];
    sum += static_cast<double>(i + 1) * term * term;
  }
  return sum;
}

double six_hump_camel(const std::vector<double>& x) {
  const double a = x[0] * x[0];
  const double b = x[1] * x[1];
  return (4.0 - 2.1 * a + a * a / 3.0) * a + x[0] * x[1] + (-4.0 + 4.0 * b) * b;
}

double goldstein_price(const std::vector<double>& x) {
  const double x1 = x[0];
  const double x2 = x[1];
  const double s = x1 + x2 + 1.0;
  const double t = 2.0 * x1 - 3.0 * x2;
  const double a =
      1.0 + s * s * (19.0 - 14.0 * x1 + 3.0 * x1 * x1 - 14.0 * x2 + 6.0 * x1 * x2 + 3.0 * x2 * x2);
  const double b =
      30.0 +
      t * t * (18.0 - 32.0 * x1 + 12.0 * x1 * x1 + 48.0 * x2 - 36.0 * x1 * x2 + 27.0 * x2 * x2);
  return a * b;
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
      {"rastrigin", 0, 1, &rastrigin, 0.0, &zeros, &sphere_domain, nullptr},
      {"levy", 0, 1, &levy, 0.0, &ones, &levy_domain, nullptr},
      {"griewank", 0, 1, &griewank, 0.0, &zeros, &griewank_domain, nullptr},
      {"zakharov", 0, 1, &zakharov, 0.0, &zeros, &zakharov_domain, nullptr},
      {"dixon_price", 0, 1, &dixon_price, 0.0, &dixon_price_optimum, &levy_domain, nullptr},
      {"hartmann3", 3, 3, &hartmann3, -3.86278, &hartmann3_optimum, &unit_domain, nullptr},
      {"six_hump_camel", 2, 2, &six_hump_camel, -1.031628453489877, &six_hump_camel_optimum,
       &six_hump_camel_domain, nullptr},
      {"goldstein_price", 2, 2, &goldstein_price, 3.0, &goldstein_price_optimum,
       &goldstein_price_domain, nullptr},
      {"curve_sphere", 0, 1, &curve_sphere_final, 0.0, &sevens, &unit_domain, &curve_sphere},
      {"curve_branin", 2, 2, &curve_branin_final, 5.0 / (4.0 * pi), &branin_optimum, &branin_domain,
       &curve_branin},
      {"curve_hartmann6", 6, 6, &curve_hartmann6_final, -3.32237, &hartmann6_optimum, &unit_domain,
       &curve_hartmann6},
      // Maximized (Q), so its "optimum" is Q's minimum over [0, 1]^2: h = (0, 0), theta never
      // moves, Q = 1.2 - 2 * 0.81.
      {"pbt_toy", 2, 2, &pbt_toy_final, 1.2 - 2.0 * kPbtToyStart * kPbtToyStart, &zeros,
       &unit_domain, &pbt_toy_curve},
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
