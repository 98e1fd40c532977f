// Rung fidelities (multifidelity_options.hpp) and one rung's ranking (rung.hpp).
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/multifidelity/multifidelity_options.hpp"
#include "hpsearch/search/multifidelity/rung.hpp"

#include <gtest/gtest.h>
#include <string>

namespace hpsearch {
namespace {

MultiFidelityOptions fidelities(double min, double max, double eta) {
  MultiFidelityOptions o;
  o.min_fidelity = min;
  o.max_fidelity = max;
  o.reduction_factor = eta;
  return o;
}

TEST(RungFidelities, PowersOfTheFactorCappedAtTheMaximum) {
  EXPECT_EQ(rung_fidelities(fidelities(1, 27, 3)), (std::vector<double>{1, 3, 9, 27}));
  EXPECT_EQ(rung_fidelities(fidelities(1, 10, 3)), (std::vector<double>{1, 3, 9, 10}));
  EXPECT_EQ(rung_fidelities(fidelities(5, 5, 3)), (std::vector<double>{5}));
  EXPECT_EQ(rung_fidelities(fidelities(0.1, 0.9, 3)), (std::vector<double>{0.1, 0.1 * 3, 0.9}))
      << "0.1 * 3 * 3 is 0.9 within rounding: the last rung is max_fidelity itself";
}

TEST(RungFidelities, BadSettingsNameTheirKey) {
  const auto message = [](const MultiFidelityOptions& o) {
    try {
      rung_fidelities(o);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message(fidelities(0, 9, 3)).find("search.min_fidelity"), std::string::npos);
  EXPECT_NE(message(fidelities(3, 1, 3)).find("search.max_fidelity"), std::string::npos);
  EXPECT_NE(message(fidelities(1, 9, 1)).find("search.reduction_factor"), std::string::npos);
  EXPECT_NE(message(fidelities(1e-9, 1e9, 1.01)).find("more than 64 rungs"), std::string::npos);
}

TEST(Rung, TopQuotaIsAFloorUntilTheSamplerRunsOut) {
  EXPECT_EQ(top_quota(2, 3, false), 0u);
  EXPECT_EQ(top_quota(3, 3, false), 1u);
  EXPECT_EQ(top_quota(6, 3, false), 2u);
  EXPECT_EQ(top_quota(8, 3, false), 2u);
  EXPECT_EQ(top_quota(0, 3, true), 0u);
  EXPECT_EQ(top_quota(1, 3, true), 1u);
  EXPECT_EQ(top_quota(6, 3, true), 2u);
  EXPECT_EQ(top_quota(7, 3, true), 3u);
}

Rung recorded(Direction direction) {
  Rung r(direction);
  r.record(0, 5.0, true);
  r.record(1, 2.0, false);
  r.record(2, 3.0, true);
  r.record(3, 3.0, true);
  r.record(2, 0.0, true); // a trial is recorded once
  return r;
}

TEST(Rung, PromotableIsTheBestUnpromotedOfTheTop) {
  Rung r = recorded(Direction::minimize);
  EXPECT_EQ(r.size(), 4u);
  EXPECT_TRUE(r.contains(1));
  EXPECT_FALSE(r.contains(4));
  EXPECT_EQ(r.promotable(0), std::nullopt);
  EXPECT_EQ(r.promotable(1), 2) << "the tie goes to the earlier result";
  EXPECT_EQ(recorded(Direction::maximize).promotable(1), 0);
  r.mark_promoted(2);
  EXPECT_EQ(r.promotable(1), std::nullopt);
  EXPECT_EQ(r.promotable(2), 3);
  r.mark_promoted(3);
  r.mark_promoted(0);
  EXPECT_EQ(r.promotable(4), std::nullopt) << "a failure never goes on";
}

TEST(Rung, CutoffIsRaysPercentileOfOkScores) {
  const auto rung = [](Direction direction) {
    Rung r(direction);
    EXPECT_EQ(r.cutoff(3), std::nullopt);
    r.record(0, 0.8, true);
    r.record(1, 0.2, true);
    r.record(2, 0.5, true);
    r.record(3, 100.0, false);
    return r;
  };
  EXPECT_NEAR(*rung(Direction::maximize).cutoff(3), 0.6, 1e-12);
  EXPECT_NEAR(*rung(Direction::minimize).cutoff(3), -0.4, 1e-12);
  EXPECT_NEAR(*rung(Direction::maximize).cutoff(2), 0.5, 1e-12);
}

} // namespace
} // namespace hpsearch
