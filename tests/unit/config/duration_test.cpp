#include "hpsearch/config/duration.hpp"
#include "hpsearch/core/error.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

TEST(Duration, AcceptsSecondsAndUnitsInDecreasingOrder) {
  EXPECT_EQ(parse_duration("90"), 90.0);
  EXPECT_EQ(parse_duration("2.5"), 2.5);
  EXPECT_EQ(parse_duration("90s"), 90.0);
  EXPECT_EQ(parse_duration("30m"), 1800.0);
  EXPECT_EQ(parse_duration("2h"), 7200.0);
  EXPECT_EQ(parse_duration("1d"), 86400.0);
  EXPECT_EQ(parse_duration("1h30m"), 5400.0);
  EXPECT_EQ(parse_duration("1d2h3m4s"), 86400.0 + 7200.0 + 180.0 + 4.0);
  EXPECT_EQ(parse_duration("1.5h"), 5400.0);
  EXPECT_EQ(parse_duration(".5m"), 30.0);
  EXPECT_EQ(parse_duration("  45s "), 45.0);
  EXPECT_EQ(parse_duration("0"), 0.0); // zero is a duration; callers that need > 0 check
}

TEST(Duration, RejectsAnythingElse) {
  for (const char* text :
       {"",    " ",   "h",   "1x",  "-5",     "-5s", "+5s", "1h1h", "30m1h",   "1h30",
        "1 h", "1e3", "inf", "nan", "1.2.3s", "1hh", "s30", "1,5h", "2 hours", "1h 30m"}) {
    EXPECT_FALSE(try_parse_duration(text).has_value()) << "'" << text << "'";
  }
}

TEST(Duration, ErrorNamesTheTextAndTheAcceptedForms) {
  try {
    parse_duration("2x");
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_THAT(e.what(), ::testing::HasSubstr("invalid duration '2x'"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("90s, 30m, 2h, 1d, 1h30m"));
  }
}

} // namespace
} // namespace hpsearch
