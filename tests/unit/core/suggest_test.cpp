#include "hpsearch/core/suggest.hpp"

#include <array>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

TEST(Suggest, EditDistanceCountsSingleCharacterEdits) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("flaw", "lawn"), 2u);
  EXPECT_EQ(edit_distance("hihg", "high"), 1u); // a swap of neighbours is one edit
  EXPECT_EQ(edit_distance("low", "lwo"), 1u);
  EXPECT_EQ(edit_distance("ca", "abc"), 3u); // optimal string alignment, not full Damerau
}

TEST(Suggest, ClosestMatchIsTheNearestPlausibleTypo) {
  constexpr std::array<std::string_view, 4> keys = {"type", "low", "high", "log"};
  EXPECT_EQ(closest_match("hihg", keys), "high");
  EXPECT_EQ(closest_match("lo", keys), "low");
  EXPECT_EQ(closest_match("LOG", keys), "log");
  EXPECT_EQ(closest_match("tpye", keys), "type");
  EXPECT_EQ(closest_match("choices", keys), std::nullopt);
  EXPECT_EQ(closest_match("x", keys), std::nullopt);
  constexpr std::array<std::string_view, 2> directions = {"minimize", "maximize"};
  EXPECT_EQ(closest_match("minimise", directions), "minimize");
  EXPECT_EQ(closest_match("max", directions), std::nullopt);
}

TEST(Suggest, JoinListsOptions) {
  constexpr std::array<std::string_view, 3> options = {"a", "b", "c"};
  EXPECT_EQ(join(options), "a, b, c");
}

} // namespace
} // namespace hpsearch
