// The config module validates test function names against its own catalog (it may not
// include eval); this test keeps that catalog in step with the evaluator's functions.
// (Strategies, surrogates, acquisitions and evaluator kinds need no such test: each is
// named once, in its owner's options header, and config reads that table.)
#include "hpsearch/config/catalog.hpp"
#include "hpsearch/eval/test_functions.hpp"

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

} // namespace
} // namespace hpsearch
