// AMBS's pending (in-flight) configurations: removal by key is O(1) amortized and keeps the
// order of the others (the constant liar's rows come in that order), duplicates leave oldest
// first, known() sees exactly the live ones, and a long random add/remove sequence matches
// the plain vector with std::find it replaced, compactions included.
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/ambs/observations.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <vector>

namespace hpsearch {
namespace {

SearchSpace pending_plane() {
  SearchSpace space;
  space.add(Parameter::real("x", 0.0, 1.0));
  space.add(Parameter::integer("n", 0, 9));
  return space;
}

Config pending_point(double x, int n) {
  return Config({{"x", Value{x}}, {"n", Value{std::int64_t{n}}}});
}

Observations pending_observations() {
  return {pending_plane(), Encoding::index, Direction::minimize, FailurePolicy::worst,
          Scaling::none};
}

bool pending_known(const Observations& o, const Config& c) {
  return o.known(pending_plane().encode(c, Encoding::index));
}

// The lie rows of the training set, in order (cl_max: one observation makes lies possible).
Eigen::MatrixXd lie_rows(const Observations& o) {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  o.training_set(Multipoint::cl_max, true, x, y);
  return x.bottomRows(static_cast<Eigen::Index>(o.pending_size()));
}

TEST(AmbsPending, RemovalKeepsTheOrderOfTheOthers) {
  Observations o = pending_observations();
  o.add(pending_point(0.9, 9), Status::ok, 1.0);
  const std::vector<Config> in = {pending_point(0.1, 1), pending_point(0.2, 2),
                                  pending_point(0.3, 3), pending_point(0.4, 4)};
  for (const Config& c : in) o.add_pending(c);
  EXPECT_TRUE(o.remove_pending(pending_point(0.2, 2)));
  EXPECT_FALSE(o.remove_pending(pending_point(0.2, 2))) << "already removed";
  EXPECT_FALSE(o.remove_pending(pending_point(0.5, 5))) << "never pending";
  const std::vector<Config> left = {pending_point(0.1, 1), pending_point(0.3, 3),
                                    pending_point(0.4, 4)};
  EXPECT_EQ(o.pending(), left);
  EXPECT_EQ(o.pending_size(), 3u);
  EXPECT_FALSE(pending_known(o, pending_point(0.2, 2)));
  EXPECT_TRUE(pending_known(o, pending_point(0.3, 3)));
  const Eigen::MatrixXd lies = lie_rows(o);
  ASSERT_EQ(lies.rows(), 3);
  for (Eigen::Index r = 0; r < lies.rows(); ++r) {
    EXPECT_EQ(lies.row(r).transpose(),
              pending_plane().encode(left[static_cast<std::size_t>(r)], Encoding::index));
  }
}

TEST(AmbsPending, DuplicatesLeaveOneAtATime) {
  Observations o = pending_observations();
  o.add_pending(pending_point(0.5, 5));
  o.add_pending(pending_point(0.1, 1));
  o.add_pending(pending_point(0.5, 5));
  EXPECT_TRUE(o.remove_pending(pending_point(0.5, 5)));
  EXPECT_TRUE(pending_known(o, pending_point(0.5, 5))) << "the second copy is still in flight";
  EXPECT_EQ(o.pending(), (std::vector<Config>{pending_point(0.1, 1), pending_point(0.5, 5)}));
  o.add(pending_point(0.5, 5), Status::ok, 2.0); // a result removes its pending entry
  EXPECT_EQ(o.pending(), std::vector<Config>{pending_point(0.1, 1)});
  EXPECT_TRUE(pending_known(o, pending_point(0.5, 5))) << "now observed";
  o.clear_pending();
  EXPECT_EQ(o.pending_size(), 0u);
  EXPECT_FALSE(pending_known(o, pending_point(0.1, 1)));
  o.add_pending(pending_point(0.1, 1));
  EXPECT_EQ(o.pending(), std::vector<Config>{pending_point(0.1, 1)});
}

TEST(AmbsPending, MatchesAPlainVectorOverALongRandomSequence) {
  Observations o = pending_observations();
  std::vector<Config> reference;
  Rng rng(7);
  for (int step = 0; step < 4000; ++step) {
    // Few distinct points, so duplicates are common; removals slightly outnumber additions
    // in the second half, so the list grows, shrinks and is compacted many times.
    const Config c = pending_point(static_cast<double>(rng.integer(0, 30)) / 30.0,
                                   static_cast<int>(rng.integer(0, 9)));
    const double remove_share = step < 2000 ? 0.4 : 0.55;
    if (rng.uniform() < remove_share) {
      const auto it = std::find(reference.begin(), reference.end(), c);
      const bool was = it != reference.end();
      if (was) reference.erase(it);
      ASSERT_EQ(o.remove_pending(c), was) << "step " << step;
    } else {
      reference.push_back(c);
      o.add_pending(c);
    }
    ASSERT_EQ(o.pending_size(), reference.size()) << "step " << step;
    ASSERT_EQ(pending_known(o, c),
              std::find(reference.begin(), reference.end(), c) != reference.end())
        << "step " << step;
    if (step % 97 == 0) {
      ASSERT_EQ(o.pending(), reference) << "step " << step;
    }
  }
  EXPECT_EQ(o.pending(), reference);
}

} // namespace
} // namespace hpsearch
