#include "hpsearch/core/rng.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

TEST(Rng, SameSeedSameStream) {
  Rng a(7), b(7), c(8);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next(), b.next());
  EXPECT_NE(Rng(7).next(), c.next());
}

TEST(Rng, StateRoundTripContinuesTheStream) {
  Rng a(123);
  for (int i = 0; i < 10; ++i) a.next();
  Rng b(0);
  b.set_state(a.state());
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.uniform(), b.uniform());
}

TEST(Rng, DerivedSeedsDifferPerStream) {
  EXPECT_NE(derive_seed(42, 0), derive_seed(42, 1));
  EXPECT_EQ(derive_seed(42, 5), derive_seed(42, 5));
}

} // namespace
} // namespace hpsearch
