// Local penalisation (search/acquisition/local_penalty.hpp): the Lipschitz estimate of a known
// slope, and penalisers that push scores down near points in flight and leave far ones alone.
#include "hpsearch/search/acquisition/local_penalty.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

TEST(LocalPenalty, LipschitzEstimateFindsTheSlopeOfALinearMean) {
  // mean = 3 x0 on a 11 x 11 grid of the unit square: the largest slope between two points
  // is 3 (along x0).
  Eigen::MatrixXd points(121, 2);
  Eigen::VectorXd mean(121);
  for (int i = 0; i < 11; ++i) {
    for (int j = 0; j < 11; ++j) {
      points.row(i * 11 + j) << i / 10.0, j / 10.0;
      mean[i * 11 + j] = 3.0 * i / 10.0;
    }
  }
  EXPECT_NEAR(lipschitz_estimate(points, mean, 0.1), 3.0, 1e-9);
  // No pair is 2 apart in the unit square: nothing to estimate from.
  EXPECT_EQ(lipschitz_estimate(points, mean, 2.0), 0.0);
}

TEST(LocalPenalty, PenalisesCandidatesNearPendingPointsOnly) {
  // Three candidates with the same score: on a pending point, 0.05 from it, far from it.
  Eigen::MatrixXd points(3, 2);
  points << 0.5, 0.5, 0.55, 0.5, 0.95, 0.05;
  Eigen::MatrixXd pending(1, 2);
  pending << 0.5, 0.5;
  const Eigen::VectorXd pending_mean = Eigen::VectorXd::Constant(1, 1.0);
  const Eigen::VectorXd pending_std = Eigen::VectorXd::Constant(1, 0.1);
  for (AcquisitionKind kind : {AcquisitionKind::ucb, AcquisitionKind::ei}) {
    Eigen::VectorXd score = Eigen::VectorXd::Constant(3, 0.3);
    penalize_scores(kind, points, pending, pending_mean, pending_std, 1.0, 10.0, score);
    EXPECT_LT(score[0], score[1]);
    EXPECT_LT(score[1], score[2]);
    // At the pending point, predicted exactly at the best loss: the penaliser is Phi(0) = 1/2.
    EXPECT_NEAR(score[2] - score[0], std::log(2.0), 1e-6);
  }
}

TEST(LocalPenalty, KeepsTheOrderOfScoresWithNothingPending) {
  Eigen::MatrixXd points(3, 1);
  points << 0.1, 0.2, 0.3;
  const Eigen::MatrixXd none(0, 1);
  const Eigen::VectorXd empty(0);
  Eigen::VectorXd score(3);
  score << -40.0, 0.5, 45.0; // ucb scores may be negative; softplus keeps their order
  penalize_scores(AcquisitionKind::ucb, points, none, empty, empty, 0.0, 1.0, score);
  EXPECT_LT(score[0], score[1]);
  EXPECT_LT(score[1], score[2]);
  EXPECT_TRUE(std::isfinite(score[0]));
}

} // namespace
} // namespace hpsearch
