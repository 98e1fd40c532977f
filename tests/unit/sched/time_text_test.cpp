#include "hpsearch/sched/time_text.hpp"
#include "tz_utc.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::kNoonUtc;

TEST(TimePoint, EpochSecondsAreTakenAsGiven) {
  EXPECT_EQ(parse_time_point("1714564800"), kNoonUtc);
  EXPECT_EQ(parse_time_point(" 1714564800.5\n"), kNoonUtc + 0.5);
}

TEST(TimePoint, IsoTimesWithAZoneAreAbsolute) {
  EXPECT_EQ(parse_time_point("2024-05-01T12:00:00Z"), kNoonUtc);
  EXPECT_EQ(parse_time_point("2024-05-01T14:00:00+02:00"), kNoonUtc);
  EXPECT_EQ(parse_time_point("2024-05-01T07:00:00-0500"), kNoonUtc);
  EXPECT_EQ(parse_time_point("2024-05-01 12:00Z"), kNoonUtc);
}

TEST(TimePoint, IsoTimesWithoutAZoneAreLocalAsSqueuePrintsThem) {
  test::use_utc();
  EXPECT_EQ(parse_time_point("2024-05-01T12:00:00"), kNoonUtc);
  EXPECT_EQ(parse_time_point("2024-05-01T12:00:00\n"), kNoonUtc);
}

TEST(TimePoint, AnythingElseIsRejected) {
  for (const char* bad : {"", "N/A", "Unknown", "NONE", "-5", "2024-05-01", "2024-13-01T00:00:00Z",
                          "2024-05-01T25:00:00Z", "2024-05-01T12:00:00+2", "tomorrow",
                          "2024-05-01T12:00:00Zjunk", "1e9"}) {
    EXPECT_FALSE(parse_time_point(bad)) << bad;
  }
}

TEST(TimePoint, DaysTheCalendarDoesNotHaveAreRejectedNotRolledOver) {
  // timegm would turn 2024-02-31 into 2024-03-02 (a deadline two days off).
  for (const char* bad : {"2024-02-31T12:00:00Z", "2023-02-29T12:00:00Z", "2024-04-31T00:00:00Z",
                          "2024-02-30 12:00", "2024-00-10T12:00:00Z", "2024-05-00T12:00:00Z"}) {
    EXPECT_FALSE(parse_time_point(bad)) << bad;
  }
  EXPECT_EQ(parse_time_point("2024-02-29T00:00:00Z"), 1709164800.0); // a leap day is real
  EXPECT_EQ(parse_time_point("2024-12-31T23:59:59Z"), 1735689599.0);
}

TEST(ClockDuration, PbsAndSlurmLimitsParse) {
  EXPECT_EQ(parse_clock_duration("01:00:00"), 3600.0);
  EXPECT_EQ(parse_clock_duration("30:00"), 1800.0);
  EXPECT_EQ(parse_clock_duration("1-02:00:00"), 93600.0);
  EXPECT_EQ(parse_clock_duration("7200"), 7200.0);
  for (const char* bad : {"", "UNLIMITED", "1:2:3:4", "1-90", "01::00", "a:00:00"}) {
    EXPECT_FALSE(parse_clock_duration(bad)) << bad;
  }
}

TEST(Ctime, QstatStartTimesParseAsLocalTime) {
  test::use_utc();
  EXPECT_EQ(parse_ctime("Wed May  1 12:00:00 2024"), kNoonUtc);
  EXPECT_FALSE(parse_ctime("Wed Mai  1 12:00:00 2024"));
  EXPECT_FALSE(parse_ctime("Wed May  1 12:00:00"));
  EXPECT_FALSE(parse_ctime("Sat Feb 31 12:00:00 2024")) << "no such day";
}

TEST(FormatUtc, IsTheInverseOfParsing) {
  EXPECT_EQ(format_utc(kNoonUtc), "2024-05-01T12:00:00Z");
  EXPECT_EQ(parse_time_point(format_utc(kNoonUtc + 7.0)), kNoonUtc + 7.0);
}

} // namespace
} // namespace hpsearch
