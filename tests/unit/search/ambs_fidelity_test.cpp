// AMBS as the sampler of a multi-fidelity scheduler: with the fidelity model `largest` its
// model fits on the largest fidelity with d + 1 usable results (BOHB's rule); with `input` on
// every result, the fidelity (log-scaled, normalized) as one more column, candidates and lies
// at max_fidelity; a full-fidelity search is unchanged by either.
#include "hpsearch/search/ambs/fidelity_feature.hpp"
#include "hpsearch/search/ambs/observations.hpp"
#include "hpsearch/search/ambs/proposer.hpp"
#include "hpsearch/search/strategy.hpp"
#include "search/plane_space.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::plane;

Config point(double x, double y) {
  return Config({{"x", Value{x}}, {"y", Value{y}}});
}

Observations observations() {
  return {plane(), Encoding::index, Direction::minimize, FailurePolicy::worst, Scaling::none};
}

Observations with_fidelity_input(FidelityRange range = {1.0, 27.0}) {
  return {plane(),
          Encoding::index,
          Direction::minimize,
          FailurePolicy::worst,
          Scaling::none,
          FidelityModel::input,
          range};
}

Eigen::VectorXd targets(const Observations& o) {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  o.training_set(Multipoint::cl_max, false, x, y);
  EXPECT_EQ(x.rows(), y.size());
  return y;
}

// d = 2: a fidelity needs 3 usable results to be fitted on.
TEST(AmbsFidelity, FitsOnTheLargestFidelityWithEnoughResults) {
  Observations o = observations();
  for (int i = 0; i < 4; ++i) o.add(point(0.1 * i, 0.5), Status::ok, 10.0 + i, 1.0);
  EXPECT_EQ(o.fit_fidelity(), 1.0);
  o.add(point(0.7, 0.1), Status::ok, 1.0, 3.0);
  o.add(point(0.8, 0.1), Status::failed, std::nan(""), 3.0);
  EXPECT_EQ(o.fit_fidelity(), 1.0) << "fidelity 3 has 1 usable result";
  EXPECT_EQ(targets(o).size(), 4) << "the results at fidelity 1 only";
  EXPECT_EQ(o.best_target(), 10.0);
  o.add(point(0.9, 0.1), Status::ok, 2.0, 3.0);
  o.add(point(0.6, 0.1), Status::ok, 3.0, 3.0);
  EXPECT_EQ(o.fit_fidelity(), 3.0);
  const Eigen::VectorXd y = targets(o);
  ASSERT_EQ(y.size(), 4) << "3 results at fidelity 3 and its failure, imputed worst";
  EXPECT_EQ(y.maxCoeff(), 3.0);
  EXPECT_EQ(o.best_target(), 1.0);
  const auto best = o.best_rows(10);
  EXPECT_EQ(best.size(), 3u) << "local search starts from the fitted fidelity's results";
  o.add(point(0.5, 0.5), Status::ok, 0.5, 2.0);
  EXPECT_EQ(o.fit_fidelity(), 3.0) << "a smaller fidelity never takes over";
}

TEST(AmbsFidelity, FewResultsEverywhereFitOnAll) {
  Observations o = observations();
  o.add(point(0.1, 0.1), Status::ok, 1.0, 1.0);
  o.add(point(0.2, 0.1), Status::ok, 2.0, 3.0);
  EXPECT_TRUE(std::isnan(o.fit_fidelity()));
  EXPECT_EQ(targets(o).size(), 2);
}

TEST(AmbsFidelity, AFullFidelitySearchFitsOnEveryResult) {
  Observations o = observations();
  for (int i = 0; i < 6; ++i) o.add(point(0.1 * i, 0.2), Status::ok, i, 0.0);
  o.add(point(0.9, 0.9), Status::failed, std::nan(""), 0.0);
  EXPECT_EQ(o.fit_fidelity(), 0.0);
  EXPECT_EQ(targets(o).size(), 7);
}

TEST(AmbsFidelity, TheFidelityFeatureIsLogScaledAndNormalized) {
  const FidelityRange range{1.0, 27.0};
  EXPECT_DOUBLE_EQ(fidelity_feature(1.0, range), 0.0);
  EXPECT_DOUBLE_EQ(fidelity_feature(3.0, range), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(fidelity_feature(9.0, range), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(fidelity_feature(27.0, range), 1.0);
  EXPECT_DOUBLE_EQ(fidelity_feature(81.0, range), 1.0) << "clipped";
  EXPECT_DOUBLE_EQ(fidelity_feature(0.0, range), 1.0) << "no fidelity: a full training";
  EXPECT_DOUBLE_EQ(fidelity_feature(5.0, {5.0, 5.0}), 1.0);
  EXPECT_FALSE((FidelityRange{}.known()));
  EXPECT_TRUE(range.known());
}

TEST(AmbsFidelity, AsAnInputEveryResultIsFittedWithItsFidelityAsTheLastColumn) {
  Observations o = with_fidelity_input();
  ASSERT_TRUE(o.fidelity_column());
  for (int i = 0; i < 4; ++i) o.add(point(0.1 * i, 0.5), Status::ok, 10.0 + i, 1.0);
  o.add(point(0.7, 0.1), Status::ok, 2.0, 9.0);
  o.add(point(0.8, 0.1), Status::failed, std::nan(""), 3.0);
  for (int i = 0; i < 3; ++i) o.add(point(0.2 * i, 0.9), Status::ok, 1.0 + i, 27.0);
  EXPECT_TRUE(std::isnan(o.fit_fidelity())) << "no single fidelity is chosen";
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  o.training_set(Multipoint::cl_max, false, x, y);
  ASSERT_EQ(x.rows(), 9) << "every result, the failure imputed";
  ASSERT_EQ(x.cols(), 3) << "x, y and the fidelity";
  EXPECT_DOUBLE_EQ(x(0, 2), 0.0);
  EXPECT_DOUBLE_EQ(x(4, 2), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(x(5, 2), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(x(8, 2), 1.0);
  EXPECT_DOUBLE_EQ(x(4, 0), 0.7) << "the space's columns unchanged";
  EXPECT_EQ(y[5], 13.0) << "the failure imputed with the worst loss of every fidelity";
  EXPECT_EQ(o.best_target(), 1.0);
  EXPECT_EQ(o.best_rows(20).size(), 8u) << "local search starts from every usable result";

  o.add_pending(point(0.3, 0.3));
  o.training_set(Multipoint::cl_max, true, x, y);
  ASSERT_EQ(x.rows(), 10);
  EXPECT_DOUBLE_EQ(x(9, 2), 1.0) << "a lie sits at max_fidelity, where proposals are scored";
  EXPECT_EQ(y[9], 13.0);

  Eigen::MatrixXd candidates(2, 2);
  candidates << 0.1, 0.2, 0.3, 0.4;
  const Eigen::MatrixXd scored = o.scored_rows(candidates);
  ASSERT_EQ(scored.cols(), 3);
  EXPECT_DOUBLE_EQ(scored(1, 1), 0.4);
  EXPECT_DOUBLE_EQ(scored(0, 2), 1.0) << "candidates are scored at max_fidelity";
  EXPECT_DOUBLE_EQ(scored(1, 2), 1.0);
}

TEST(AmbsFidelity, AsAnInputWithoutAFidelityRangeNothingChanges) {
  // A full-fidelity search (no scheduler, so no range): no column, every result, as before.
  Observations o = with_fidelity_input(FidelityRange{});
  EXPECT_FALSE(o.fidelity_column());
  for (int i = 0; i < 4; ++i) o.add(point(0.1 * i, 0.2), Status::ok, i, 0.0);
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  o.training_set(Multipoint::cl_max, false, x, y);
  EXPECT_EQ(x.cols(), 2);
  EXPECT_EQ(x.rows(), 4);
  EXPECT_EQ(o.scored_rows(Eigen::MatrixXd::Zero(3, 2)).cols(), 2);
}

/// A regressor that records the widths it was fitted on and asked about, and predicts the
/// last column (the fidelity, when there is one) as its mean.
class WidthRecorder final : public Regressor {
public:
  explicit WidthRecorder(std::vector<Eigen::Index>* widths) : widths_(widths) {}
  void fit(const Eigen::MatrixXd& x, const Eigen::VectorXd&, std::uint64_t) override {
    widths_->push_back(x.cols());
  }
  Prediction predict(const Eigen::MatrixXd& x) const override {
    widths_->push_back(x.cols());
    return {Eigen::VectorXd::Zero(x.rows()), Eigen::VectorXd::Ones(x.rows())};
  }
  std::string_view name() const override { return "recorder"; }

private:
  std::vector<Eigen::Index>* widths_;
};

TEST(AmbsFidelity, TheProposerFitsAndScoresWithTheFidelityColumnOnlyInInputMode) {
  // Without the local search on the acquisition: one fit, one prediction; with it, its
  // batches are predicted with the same columns.
  for (const std::int64_t local_search_steps : {0, 10}) {
    for (const FidelityModel mode : {FidelityModel::largest, FidelityModel::input}) {
      AmbsOptions options;
      options.fidelity_model = mode;
      options.fidelities = {1.0, 27.0};
      options.candidates = 20;
      options.local_search_steps = local_search_steps;
      std::vector<Eigen::Index> widths;
      Proposer proposer(plane(), options, InitialDesign{SamplerKind::random, 2},
                        Direction::minimize, 3, false, std::make_unique<WidthRecorder>(&widths));
      for (int i = 0; i < 2; ++i) {
        const auto c = proposer.next();
        ASSERT_TRUE(c);
        proposer.tell(*c, Status::ok, 1.0 + i, 1.0 + 2.0 * i);
      }
      ASSERT_TRUE(proposer.next()) << "from the model";
      if (local_search_steps == 0) {
        ASSERT_EQ(widths.size(), 2u) << "one fit, one prediction";
      } else {
        ASSERT_GT(widths.size(), 2u) << "one fit, one prediction and the local search's";
      }
      const Eigen::Index expected = mode == FidelityModel::input ? 3 : 2;
      for (const Eigen::Index width : widths)
        EXPECT_EQ(width, expected) << fidelity_models.name_of(mode);
    }
  }
}

TEST(AmbsFidelity, MakeStrategyPassesTheSchedulersRangeToAmbs) {
  // Through the public path: a scheduler's sampler built with its fidelity range proposes
  // after results at several fidelities (a forest over three columns), in both modes.
  for (const FidelityModel mode : {FidelityModel::largest, FidelityModel::input}) {
    StrategyOptions options;
    options.kind = StrategyKind::ambs;
    options.ambs.fidelity_model = mode;
    options.ambs.candidates = 50;
    options.ambs.surrogate_options.n_trees = 5;
    const SearchSpace space = plane();
    auto ambs = make_strategy(options, {space, Direction::minimize, 11, 1, {1.0, 9.0}});
    for (int i = 0; i < 12; ++i) {
      const auto c = ambs->ask();
      ASSERT_TRUE(c);
      Evaluation e;
      e.config = *c;
      e.objective = as_double(c->at("x")) + 1.0 / (1.0 + i % 3);
      e.fidelity = i % 3 == 0 ? 1.0 : (i % 3 == 1 ? 3.0 : 9.0);
      e.rung = i % 3;
      ambs->tell(e);
    }
    EXPECT_TRUE(ambs->ask()) << fidelity_models.name_of(mode);
  }
}

} // namespace
} // namespace hpsearch
