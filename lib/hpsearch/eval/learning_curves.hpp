#pragma once
// Learning-curve test functions (`objective: {kind: function, name: curve_*}`): a cheap
// stand-in for training runs, for multi-fidelity search. A configuration x is "trained"
// step by step, steps 1 .. kCurveSteps (27, the full fidelity); its value at step t is
//
//   f(x, t) = g(x) + A * (exp(-r(x) u) - exp(-r)) / (1 - exp(-r)) + noise,   u = t / 27,
//
// falling from g(x) + A (step 0) to exactly g(x) at step 27 (and after). g is a standard
// test function (test_functions.hpp), so the optimum at full fidelity is g's known minimum.
// The rate r(x) = 0.5 * 40^v (0.5 .. 20), with v the last coordinate's position in its
// domain (0 .. 1), does not depend on g: fast learners saturate early and slow ones late,
// so curves cross and a low fidelity can mislead (curve_branin's minimiser (pi, 2.275) is a
// slow learner). The noise is Gaussian with standard deviation 0.05 * A * (1 - u), seeded
// by x's coordinates and the step: the same configuration gives the same curve in every
// job (a continued trial sees the curve it would have seen in one go) and no noise at
// step 27.
//
//   curve_sphere     any d >= 1, [0, 1]^d, g = sum (x_i - 0.7)^2, A = 1, minimum 0
//   curve_branin     2-D, Branin's domain, g = branin, A = 50, minimum 5 / (4 pi)
//   curve_hartmann6  6-D, [0, 1]^6, g = hartmann6, A = 3, minimum -3.32237
#include <cstddef>
#include <utility>
#include <vector>

namespace hpsearch {

inline constexpr double kCurveSteps = 27.0;

/// The full-fidelity values g (equal to f(x, 27)).
double curve_sphere_final(const std::vector<double>& x);
double curve_branin_final(const std::vector<double>& x);
double curve_hartmann6_final(const std::vector<double>& x);

/// f(x, step), noise included (deterministic in x and step).
double curve_sphere(const std::vector<double>& x, double step);
double curve_branin(const std::vector<double>& x, double step);
double curve_hartmann6(const std::vector<double>& x, double step);

/// f(x, step) without the noise: the curve's mean.
double curve_sphere_mean(const std::vector<double>& x, double step);

/// The learning rate r(x) of a point whose last coordinate lies at `position` (0 .. 1) of
/// its domain.
double curve_rate(double position);

} // namespace hpsearch
