// The config module validates names against its own catalog (it may not include eval or
// search); these tests keep that catalog in step with the registries that build things.
#include "hpsearch/config/catalog.hpp"
#include "hpsearch/eval/test_functions.hpp"
#include "hpsearch/search/ambs/ambs_options.hpp"
#include "hpsearch/search/strategy.hpp"
#include "hpsearch/surrogate/surrogate.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

TEST(CatalogSync, ConfigKnowsExactlyTheEvaluatorsTestFunctions) {
  const auto known = known_functions();
  const auto& registered = test_functions();
  ASSERT_EQ(known.size(), registered.size());
  for (std::size_t i = 0; i < known.size(); ++i) {
    EXPECT_EQ(known[i].name, registered[i].name);
    for (std::size_t d = 0; d <= 12; ++d) {
      EXPECT_EQ(known[i].accepts(d), registered[i].accepts(d)) << known[i].name << " d=" << d;
    }
  }
}

TEST(CatalogSync, ConfigKnowsExactlyTheRegisteredStrategies) {
  const auto known = known_strategies();
  const auto& registered = strategy_names();
  ASSERT_EQ(known.size(), registered.size());
  for (std::size_t i = 0; i < known.size(); ++i) EXPECT_EQ(known[i], registered[i]);
}

template <class Known, class Registered>
void expect_same_names(const Known& known, const Registered& registered, const char* what) {
  ASSERT_EQ(known.size(), registered.size()) << what;
  for (std::size_t i = 0; i < known.size(); ++i) EXPECT_EQ(known[i], registered[i]) << what;
}

TEST(CatalogSync, ConfigKnowsExactlyTheAmbsNames) {
  expect_same_names(known_surrogates(), surrogate_names(), "surrogates");
  expect_same_names(known_acquisitions(), acquisition_names(), "acquisitions");
  expect_same_names(known_multipoints(), multipoint_names(), "multipoint");
  expect_same_names(known_failure_policies(), failure_policy_names(), "failures");
  expect_same_names(known_scalings(), scaling_names(), "scalings");
  expect_same_names(known_kappa_decays(), kappa_decay_names(), "kappa decays");
}

} // namespace
} // namespace hpsearch
