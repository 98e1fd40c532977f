#pragma once
// GaussianProcess ("gp"): Matérn 5/2 ARD kernel on the inputs as given (the unit cube; the
// search passes one-hot encodings), y standardised internally. Hyperparameters (log
// length-scales, log signal variance, log noise variance) maximise the log marginal
// likelihood with L-BFGS-B (analytic gradient) from a fixed start plus seeded random
// restarts, on at most kHyperRows rows (a seeded subset); the posterior then uses all rows.
// predict() gives the mean and the std of a new observation (noise included), in y's units.
// For small problems only: fit throws hpsearch::Error above kMaxRows rows.
#include "hpsearch/surrogate/gp_likelihood.hpp"
#include "hpsearch/surrogate/regressor.hpp"
#include "hpsearch/surrogate/surrogate_options.hpp"

#include <Eigen/Cholesky>
#include <cstddef>

namespace hpsearch {

class GaussianProcess final : public Regressor {
public:
  static constexpr Eigen::Index kMaxRows = 5000;
  static constexpr Eigen::Index kHyperRows = 300;
  static constexpr int kRestarts = 3;
  // Bounds on the hyperparameters (y standardised, inputs in the unit cube).
  static constexpr double kMinLength = 1e-2, kMaxLength = 1e2;
  static constexpr double kMinSignal = 1e-2, kMaxSignal = 1e2;
  static constexpr double kMinNoise = 1e-6, kMaxNoise = 1.0;

  explicit GaussianProcess(std::size_t columns) : columns_(columns) {}

  void fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t seed) override;
  Prediction predict(const Eigen::MatrixXd& x) const override;
  std::string_view name() const override { return surrogate_kinds.name_of(SurrogateKind::gp); }

  /// Fitted hyperparameters (standardised y units); meaningful after a fit with rows.
  const GpHyper& hyper() const { return hyper_; }

private:
  GpHyper fit_hyper(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t seed) const;

  std::size_t columns_;
  bool fitted_ = false;
  Eigen::MatrixXd x_;
  GpHyper hyper_;
  Eigen::LLT<Eigen::MatrixXd> llt_;
  Eigen::VectorXd alpha_;
  double y_mean_ = 0.0;
  double y_scale_ = 1.0;
};

} // namespace hpsearch
