#pragma once
// Standard optimisation test functions, exactly as defined in Surjanovic & Bingham's
// Virtual Library of Simulation Experiments (https://www.sfu.ca/~ssurjano/optimization.html),
// and a registry of them by name (the `objective.function` of a problem file), followed by
// the learning-curve family built on them (learning_curves.hpp: curve_sphere, curve_branin,
// curve_hartmann6), whose f is the value at full fidelity.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hpsearch {

/// Branin-Hoo, 2-D: a(x2 - b x1^2 + c x1 - r)^2 + s(1 - t)cos(x1) + s with a=1,
/// b=5.1/(4 pi^2), c=5/pi, r=6, s=10, t=1/(8 pi). Minimum 5/(4 pi) = 0.397887... at
/// (-pi, 12.275), (pi, 2.275) and (3 pi, 2.475). Domain x1 in [-5, 10], x2 in [0, 15].
double branin(const std::vector<double>& x);

/// Hartmann 6-D: -sum_i alpha_i exp(-sum_j A_ij (x_j - P_ij)^2) with the standard
/// alpha, A and P (x 1e-4). Minimum -3.32237 at (0.20169, 0.150011, 0.476874, 0.275332,
/// 0.311652, 0.6573). Domain [0, 1]^6.
double hartmann6(const std::vector<double>& x);

/// Ackley, any d >= 1: -a exp(-b sqrt(mean x_i^2)) - exp(mean cos(c x_i)) + a + e with
/// a=20, b=0.2, c=2 pi. Minimum 0 at the origin. Domain [-32.768, 32.768]^d.
double ackley(const std::vector<double>& x);

/// Rosenbrock, d >= 2: sum_{i<d} 100(x_{i+1} - x_i^2)^2 + (x_i - 1)^2. Minimum 0 at
/// (1, ..., 1). Domain [-5, 10]^d.
double rosenbrock(const std::vector<double>& x);

/// Sphere, any d >= 1: sum x_i^2. Minimum 0 at the origin. Domain [-5.12, 5.12]^d.
double sphere(const std::vector<double>& x);

/// Rastrigin, any d >= 1: 10 d + sum x_i^2 - 10 cos(2 pi x_i). Minimum 0 at the origin.
/// Domain [-5.12, 5.12]^d.
double rastrigin(const std::vector<double>& x);

/// Levy, any d >= 1, with w_i = 1 + (x_i - 1)/4: sin^2(pi w_1) + sum_{i<d} (w_i - 1)^2
/// (1 + 10 sin^2(pi w_i + 1)) + (w_d - 1)^2 (1 + sin^2(2 pi w_d)). Minimum 0 at (1, ..., 1).
/// Domain [-10, 10]^d.
double levy(const std::vector<double>& x);

/// Griewank, any d >= 1: 1 + sum x_i^2 / 4000 - prod cos(x_i / sqrt(i)) (i from 1).
/// Minimum 0 at the origin. Domain [-600, 600]^d.
double griewank(const std::vector<double>& x);

/// Zakharov, any d >= 1: sum x_i^2 + s^2 + s^4 with s = sum 0.5 i x_i (i from 1).
/// Minimum 0 at the origin. Domain [-5, 10]^d.
double zakharov(const std::vector<double>& x);

/// Dixon-Price, any d >= 1: (x_1 - 1)^2 + sum_{i>=2} i (2 x_i^2 - x_{i-1})^2. Minimum 0 at
/// x_i = 2^(-(2^i - 2) / 2^i) (i from 1). Domain [-10, 10]^d.
double dixon_price(const std::vector<double>& x);

/// Hartmann 3-D: as hartmann6 with the 3-D alpha, A and P. Minimum -3.86278 at
/// (0.114614, 0.555649, 0.852547). Domain [0, 1]^3.
double hartmann3(const std::vector<double>& x);

/// Six-hump camel, 2-D: (4 - 2.1 x1^2 + x1^4/3) x1^2 + x1 x2 + (-4 + 4 x2^2) x2^2. Minimum
/// -1.0316284535 at +-(0.0898420137, -0.7126564033). Domain x1 in [-3, 3], x2 in [-2, 2].
double six_hump_camel(const std::vector<double>& x);

/// Goldstein-Price, 2-D (the standard, unscaled form). Minimum 3 at (0, -1). Domain [-2, 2]^2.
double goldstein_price(const std::vector<double>& x);

/// One registry entry. Every function is defined for any point of R^d (not only its
/// domain); the functions do not check the dimension: callers do (FunctionEvaluator).
struct TestFunction {
  std::string_view name;
  std::size_t dimension;     ///< fixed dimension, or 0 when any d >= min_dimension works
  std::size_t min_dimension; ///< the smallest accepted d (equal to dimension when fixed)
  double (*f)(const std::vector<double>&);
  double optimum_value; ///< the known global minimum (rounded to 6 digits for hartmann6)
  /// A global minimiser in dimension d (one of three for branin; published to ~6 digits
  /// for hartmann6, where f there equals optimum_value to ~1e-5).
  std::vector<double> (*optimum_at)(std::size_t d);
  /// The usual search domain, one [low, high] per coordinate, in dimension d.
  std::vector<std::pair<double, double>> (*domain)(std::size_t d);
  /// Learning-curve functions: the value at `step` (1 .. kCurveSteps, noise included);
  /// f is the value at the last step. nullptr for the plain functions.
  double (*curve)(const std::vector<double>& x, double step);

  /// Whether the function accepts d coordinates.
  bool accepts(std::size_t d) const { return dimension != 0 ? d == dimension : d >= min_dimension; }
  /// The accepted dimensions in words: "2", "any >= 1".
  std::string dimension_text() const;
};

/// All test functions, in a fixed order (branin, hartmann6, ackley, rosenbrock, sphere,
/// rastrigin, levy, griewank, zakharov, dixon_price, hartmann3, six_hump_camel,
/// goldstein_price, curve_sphere, curve_branin, curve_hartmann6, pbt_toy).
const std::vector<TestFunction>& test_functions();

/// The function called `name` (exact, lower case), or nullptr.
const TestFunction* find_test_function(std::string_view name);

/// "branin, hartmann6, ackley, rosenbrock, sphere, curve_sphere, ..." (for error messages).
std::string test_function_names();

} // namespace hpsearch
