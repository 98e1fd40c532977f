#include "hpsearch/core/error.hpp"
#include "hpsearch/search/multifidelity/bracket_plan.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

MultiFidelityOptions options(double min, double max, double eta = 3.0) {
  MultiFidelityOptions o;
  o.min_fidelity = min;
  o.max_fidelity = max;
  o.reduction_factor = eta;
  return o;
}

std::string error_of(const MultiFidelityOptions& o) {
  try {
    hyperband_plans(o);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(RungLadder, PowersOfEtaThenTheMaximum) {
  EXPECT_EQ(rung_fidelities(options(1, 9)), (std::vector<double>{1, 3, 9}));
  EXPECT_EQ(rung_fidelities(options(1, 27)), (std::vector<double>{1, 3, 9, 27}));
  EXPECT_EQ(rung_fidelities(options(1, 10)), (std::vector<double>{1, 3, 9, 10}));
  EXPECT_EQ(rung_fidelities(options(2, 2)), (std::vector<double>{2}));
  EXPECT_EQ(rung_fidelities(options(0.5, 2, 2)), (std::vector<double>{0.5, 1, 2}));
}

// Hand-worked, min 1, max 9, eta 3 (s_max = 2): n = ceil(3 / (s + 1) * 3^s), rung i of a
// bracket holds floor(n * 3^-i), budgets 9 * 3^-s (HpBandSter's).
TEST(HyperbandPlans, MinOneMaxNineEtaThree) {
  const std::vector<BracketPlan> plans = hyperband_plans(options(1, 9));
  ASSERT_EQ(plans.size(), 3u);
  EXPECT_EQ(plans[0], (BracketPlan{{1, 0, 9}, {3, 1, 3}, {9, 2, 1}}));
  EXPECT_EQ(plans[1], (BracketPlan{{3, 1, 5}, {9, 2, 1}}));
  EXPECT_EQ(plans[2], (BracketPlan{{9, 2, 3}}));
}

// min 1, max 27, eta 3 (s_max = 3): Li et al.'s table for R = 27: n = 27, 12, 6, 4.
TEST(HyperbandPlans, MinOneMaxTwentySevenMatchesLiEtAl) {
  const std::vector<BracketPlan> plans = hyperband_plans(options(1, 27));
  ASSERT_EQ(plans.size(), 4u);
  EXPECT_EQ(plans[0], (BracketPlan{{1, 0, 27}, {3, 1, 9}, {9, 2, 3}, {27, 3, 1}}));
  EXPECT_EQ(plans[1], (BracketPlan{{3, 1, 12}, {9, 2, 4}, {27, 3, 1}}));
  EXPECT_EQ(plans[2], (BracketPlan{{9, 2, 6}, {27, 3, 2}}));
  EXPECT_EQ(plans[3], (BracketPlan{{27, 3, 4}}));
}

TEST(HyperbandPlans, BracketsKeepsTheFirstOnes) {
  MultiFidelityOptions o = options(1, 9);
  o.brackets = 2;
  const std::vector<BracketPlan> plans = hyperband_plans(o);
  ASSERT_EQ(plans.size(), 2u);
  EXPECT_EQ(plans[1], (BracketPlan{{3, 1, 5}, {9, 2, 1}}));
  EXPECT_EQ(successive_halving_plan(o), hyperband_plans(options(1, 9))[0]);
}

TEST(OneEpochPlan, AllAtTheMinimumThenTheTopKAtTheMaximum) {
  EXPECT_EQ(one_epoch_plan(options(1, 9)), (BracketPlan{{1, 0, 9}, {9, 2, 3}}));
  MultiFidelityOptions o = options(1, 27);
  o.top_k = 2;
  EXPECT_EQ(one_epoch_plan(o), (BracketPlan{{1, 0, 27}, {27, 3, 2}}));
  o.top_k = 40; // phase 1 is never smaller than top_k
  EXPECT_EQ(one_epoch_plan(o), (BracketPlan{{1, 0, 40}, {27, 3, 40}}));
  EXPECT_EQ(one_epoch_plan(options(4, 4)), (BracketPlan{{4, 0, 1}}));
}

TEST(BracketPlans, OutOfRangeSettingsNameTheKey) {
  EXPECT_NE(error_of(options(0, 9)).find("search.min_fidelity"), std::string::npos);
  EXPECT_NE(error_of(options(3, 2)).find("search.max_fidelity"), std::string::npos);
  EXPECT_NE(error_of(options(1, 9, 1)).find("search.reduction_factor"), std::string::npos);
  MultiFidelityOptions o = options(1, 9);
  o.brackets = 4;
  EXPECT_NE(error_of(o).find("search.brackets must be at most 3"), std::string::npos)
      << error_of(o);
  o.brackets = -1;
  EXPECT_NE(error_of(o).find("search.brackets"), std::string::npos);
  o = options(1, 9);
  o.top_k = -2;
  EXPECT_NE(error_of(o).find("search.top_k"), std::string::npos);
}

} // namespace
} // namespace hpsearch
