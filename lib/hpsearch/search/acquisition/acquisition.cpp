#include "hpsearch/search/acquisition/acquisition.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace hpsearch {

namespace {

double normal_pdf(double z) {
  return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi);
}

double normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

std::string joined(const std::vector<std::string_view>& names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

} // namespace

double kappa_at(const AcquisitionOptions& options, std::int64_t t) {
  const double t_d = static_cast<double>(std::max<std::int64_t>(t, 0));
  switch (options.decay) {
  case KappaDecay::none:
    return options.kappa;
  case KappaDecay::exponential:
    return std::max(options.kappa_final, options.kappa * std::exp(-options.decay_rate * t_d));
  case KappaDecay::periodic: {
    const auto period = std::max<std::int64_t>(options.decay_period, 1);
    const double phase = static_cast<double>(t % period) / static_cast<double>(period);
    if (options.kappa <= 0.0 || options.kappa_final <= 0.0) return options.kappa;
    return options.kappa * std::pow(options.kappa_final / options.kappa, phase);
  }
  }
  return options.kappa;
}

Eigen::VectorXd acquisition_scores(AcquisitionKind kind, const Eigen::VectorXd& mean,
                                   const Eigen::VectorXd& std, double best, double kappa,
                                   double xi) {
  const Eigen::Index n = mean.size();
  Eigen::VectorXd score(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double m = mean[i];
    const double s = std::max(std[i], 0.0);
    const double gain = best - xi - m;
    switch (kind) {
    case AcquisitionKind::ucb:
      score[i] = -(m - kappa * s);
      break;
    case AcquisitionKind::ei:
      if (s <= 0.0) {
        score[i] = std::max(gain, 0.0);
      } else {
        const double z = gain / s;
        score[i] = gain * normal_cdf(z) + s * normal_pdf(z);
      }
      break;
    case AcquisitionKind::pi:
      score[i] = s <= 0.0 ? (gain > 0.0 ? 1.0 : 0.0) : normal_cdf(gain / s);
      break;
    }
  }
  return score;
}

const std::vector<std::string_view>& acquisition_names() {
  static const std::vector<std::string_view> names = {"ucb", "ei", "pi"};
  return names;
}

const std::vector<std::string_view>& kappa_decay_names() {
  static const std::vector<std::string_view> names = {"none", "exponential", "periodic"};
  return names;
}

AcquisitionKind parse_acquisition(std::string_view name) {
  if (name == "ucb" || name == "lcb") return AcquisitionKind::ucb;
  if (name == "ei") return AcquisitionKind::ei;
  if (name == "pi") return AcquisitionKind::pi;
  throw Error::input("search.acquisition: unknown acquisition function '" + std::string(name) +
                     "' (expected one of: " + joined(acquisition_names()) + ")");
}

KappaDecay parse_kappa_decay(std::string_view name) {
  if (name == "none") return KappaDecay::none;
  if (name == "exponential") return KappaDecay::exponential;
  if (name == "periodic") return KappaDecay::periodic;
  throw Error::input("search.kappa_decay: unknown schedule '" + std::string(name) +
                     "' (expected one of: " + joined(kappa_decay_names()) + ")");
}

std::string_view to_string(AcquisitionKind kind) {
  switch (kind) {
  case AcquisitionKind::ucb:
    return "ucb";
  case AcquisitionKind::ei:
    return "ei";
  case AcquisitionKind::pi:
    return "pi";
  }
  return "?";
}

std::string_view to_string(KappaDecay decay) {
  switch (decay) {
  case KappaDecay::none:
    return "none";
  case KappaDecay::exponential:
    return "exponential";
  case KappaDecay::periodic:
    return "periodic";
  }
  return "?";
}

} // namespace hpsearch
