// The Kriging believer (search.multipoint: believer): while points are in flight, the
// proposer fits the model on the results alone, predicts each pending point, and fits again
// with those predictions as the pending points' losses; the constant liars add the same
// observed loss for every pending point, and neither adds anything without points in flight.
#include "hpsearch/search/ambs/proposer.hpp"
#include "search/plane_space.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::plane;

struct RecordedFit {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
};

/// Records every fit; predicts 10 + the row's sum (a model whose belief is easy to tell from
/// any observed loss).
class FitRecorder final : public Regressor {
public:
  explicit FitRecorder(std::vector<RecordedFit>* fits) : fits_(fits) {}
  void fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t) override {
    fits_->push_back({x, y});
  }
  Prediction predict(const Eigen::MatrixXd& x) const override {
    return {(x.rowwise().sum().array() + 10.0).matrix(), Eigen::VectorXd::Ones(x.rows())};
  }
  std::string_view name() const override { return "recorder"; }

private:
  std::vector<RecordedFit>* fits_;
};

/// A proposer with `multipoint`, two results (losses 1 and 2) from its initial design, then
/// one proposal from the model told nothing yet: the next proposal's fits are returned.
std::vector<RecordedFit> fits_with_one_in_flight(Multipoint multipoint, Config* in_flight) {
  AmbsOptions options;
  options.multipoint = multipoint;
  options.candidates = 20;
  std::vector<RecordedFit> fits;
  Proposer proposer(plane(), options, InitialDesign{SamplerKind::random, 2}, Direction::minimize, 5,
                    false, std::make_unique<FitRecorder>(&fits));
  for (int i = 0; i < 2; ++i) {
    const auto c = proposer.next();
    EXPECT_TRUE(c);
    proposer.tell(*c, Status::ok, 1.0 + i);
  }
  const auto first = proposer.next(); // from the model; nothing in flight: one fit
  EXPECT_TRUE(first);
  EXPECT_EQ(fits.size(), 1u);
  EXPECT_EQ(fits[0].x.rows(), 2);
  fits.clear();
  *in_flight = *first;
  EXPECT_TRUE(proposer.next()); // `first` is in flight
  return fits;
}

TEST(AmbsBeliever, APendingPointEntersWithTheLossTheResultsAloneModelPredicts) {
  Config pending;
  const std::vector<RecordedFit> fits = fits_with_one_in_flight(Multipoint::believer, &pending);
  ASSERT_EQ(fits.size(), 2u) << "a fit on the results, then one with the believed loss";
  EXPECT_EQ(fits[0].x.rows(), 2) << "the first fit knows only the results";
  ASSERT_EQ(fits[1].x.rows(), 3);
  const Eigen::VectorXd row = plane().encode(pending, Encoding::index);
  EXPECT_TRUE(fits[1].x.row(2).transpose().isApprox(row)) << "the pending point's row";
  EXPECT_DOUBLE_EQ(fits[1].y[2], 10.0 + row.sum()) << "its loss: the model's prediction";
  EXPECT_EQ(fits[1].y.head(2), fits[0].y) << "the results' losses unchanged";
}

TEST(AmbsBeliever, AConstantLiarAddsTheHighestObservedLossInOneFit) {
  Config pending;
  const std::vector<RecordedFit> fits = fits_with_one_in_flight(Multipoint::cl_max, &pending);
  ASSERT_EQ(fits.size(), 1u);
  ASSERT_EQ(fits[0].x.rows(), 3);
  EXPECT_DOUBLE_EQ(fits[0].y[2], fits[0].y.head(2).maxCoeff());
}

TEST(AmbsBeliever, IsTheDefaultMultipointPolicy) {
  EXPECT_EQ(AmbsOptions{}.multipoint, Multipoint::believer);
  EXPECT_EQ(multipoints.name_of(Multipoint::believer), "believer");
}

} // namespace
} // namespace hpsearch
