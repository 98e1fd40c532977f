// Forest::update: rebuilds the oldest fraction of the trees, deterministically.
#include "hpsearch/surrogate/forest.hpp"
#include "hpsearch/surrogate/surrogate.hpp"
#include "surrogate_test_data.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using testing::apply;
using testing::sum_of_sines;
using testing::uniform_points;

class ForestUpdate : public ::testing::TestWithParam<const char*> {};

TEST_P(ForestUpdate, RebuildsTheOldestFractionRoundRobin) {
  const Eigen::MatrixXd x = uniform_points(240, 3, 21);
  const Eigen::VectorXd y = apply(x, sum_of_sines);
  const Eigen::MatrixXd test = uniform_points(200, 3, 22);
  SurrogateOptions options;
  options.n_trees = 20;
  auto make = [&] { return make_regressor(GetParam(), options, std::vector<FeatureKind>(3)); };
  auto model = make();
  model->fit(x.topRows(200), y.head(200), 5);
  const std::vector<Tree> before = dynamic_cast<Forest&>(*model).trees();
  const Prediction p0 = model->predict(test);

  model->update(x.topRows(220), y.head(220), 5, 0.2);
  const std::vector<Tree> after = dynamic_cast<Forest&>(*model).trees();
  ASSERT_EQ(after.size(), 20U);
  for (std::size_t t = 0; t < after.size(); ++t)
    EXPECT_EQ(after[t] == before[t], t >= 4) << "tree " << t;
  EXPECT_NE(model->predict(test).mean, p0.mean);

  model->update(x, y, 5, 0.2);
  const std::vector<Tree> again = dynamic_cast<Forest&>(*model).trees();
  for (std::size_t t = 0; t < again.size(); ++t)
    EXPECT_EQ(again[t] == after[t], t < 4 || t >= 8) << "tree " << t;

  // The same call sequence gives the same model; another seed in the update does not.
  auto twin = make();
  twin->fit(x.topRows(200), y.head(200), 5);
  twin->update(x.topRows(220), y.head(220), 5, 0.2);
  twin->update(x, y, 5, 0.2);
  EXPECT_EQ(dynamic_cast<Forest&>(*twin).trees(), again);
  EXPECT_EQ(twin->predict(test).mean, model->predict(test).mean);
  auto other = make();
  other->fit(x.topRows(200), y.head(200), 5);
  other->update(x.topRows(220), y.head(220), 6, 0.2);
  other->update(x, y, 5, 0.2);
  EXPECT_NE(dynamic_cast<Forest&>(*other).trees(), again);
}

TEST_P(ForestUpdate, BeforeAnyFitUpdateFitsFully) {
  const Eigen::MatrixXd x = uniform_points(100, 2, 23);
  const Eigen::VectorXd y = apply(x, sum_of_sines);
  SurrogateOptions options;
  options.n_trees = 10;
  auto a = make_regressor(GetParam(), options, std::vector<FeatureKind>(2));
  auto b = make_regressor(GetParam(), options, std::vector<FeatureKind>(2));
  a->update(x, y, 3, 0.1);
  b->fit(x, y, 3);
  EXPECT_EQ(dynamic_cast<Forest&>(*a).trees(), dynamic_cast<Forest&>(*b).trees());
}

INSTANTIATE_TEST_SUITE_P(Surrogate, ForestUpdate, ::testing::Values("rf", "et"));

} // namespace
} // namespace hpsearch
