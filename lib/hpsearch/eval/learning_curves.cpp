#include "hpsearch/eval/learning_curves.hpp"

#include "hpsearch/core/fnv1a.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/eval/test_functions.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <string_view>

namespace hpsearch {

namespace {

constexpr double kSphereCentre = 0.7;
constexpr double kNoise = 0.05; // noise sd at step 0, as a fraction of the amplitude

struct Shape {
  double (*final)(const std::vector<double>&);
  double amplitude;
  double low; ///< the last coordinate's domain
  double high;
};

constexpr Shape kSphere{&curve_sphere_final, 1.0, 0.0, 1.0};
constexpr Shape kBranin{&curve_branin_final, 50.0, 0.0, 15.0};
constexpr Shape kHartmann6{&curve_hartmann6_final, 3.0, 0.0, 1.0};

double mean(const Shape& shape, const std::vector<double>& x, double step) {
  const double u = std::clamp(step / kCurveSteps, 0.0, 1.0);
  const double position =
      x.empty() ? 0.5 : std::clamp((x.back() - shape.low) / (shape.high - shape.low), 0.0, 1.0);
  const double r = curve_rate(position);
  const double excess = (std::exp(-r * u) - std::exp(-r)) / (1.0 - std::exp(-r));
  return shape.final(x) + shape.amplitude * excess;
}

double noisy(const Shape& shape, const std::vector<double>& x, double step) {
  const double u = std::clamp(step / kCurveSteps, 0.0, 1.0);
  const double sd = kNoise * shape.amplitude * (1.0 - u);
  const double value = mean(shape, x, step);
  if (sd <= 0.0) return value;
  const std::string_view bytes(reinterpret_cast<const char*>(x.data()), x.size() * sizeof(double));
  Rng rng(derive_seed(fnv1a64(bytes), static_cast<std::uint64_t>(std::llround(step * 1024.0))));
  return value + std::normal_distribution<double>(0.0, sd)(rng.engine());
}

} // namespace

double curve_rate(double position) {
  return 0.5 * std::pow(40.0, position);
}

double curve_sphere_final(const std::vector<double>& x) {
  double sum = 0.0;
  for (const double xi : x) sum += (xi - kSphereCentre) * (xi - kSphereCentre);
  return sum;
}
double curve_branin_final(const std::vector<double>& x) {
  return branin(x);
}
double curve_hartmann6_final(const std::vector<double>& x) {
  return hartmann6(x);
}

double curve_sphere(const std::vector<double>& x, double step) {
  return noisy(kSphere, x, step);
}
double curve_branin(const std::vector<double>& x, double step) {
  return noisy(kBranin, x, step);
}
double curve_hartmann6(const std::vector<double>& x, double step) {
  return noisy(kHartmann6, x, step);
}

double curve_sphere_mean(const std::vector<double>& x, double step) {
  return mean(kSphere, x, step);
}

} // namespace hpsearch
