#include "hpsearch/sched/qstat.hpp"
#include "tz_utc.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace hpsearch {
namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(HPSEARCH_FIXTURES) + "/sched/" + name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Qstat, ReadsAttributesAndJoinsWrappedValues) {
  const auto attributes = parse_qstat_full(fixture("qstat_f_polaris.txt"));
  ASSERT_FALSE(attributes.empty());
  EXPECT_EQ(attributes.at("Resource_List.walltime"), "01:00:00");
  EXPECT_EQ(attributes.at("stime"), "Wed May  1 12:00:00 2024");
  EXPECT_EQ(attributes.at("Error_Path"),
            "polaris-login-01.hsn.cm.polaris.alcf.anl.gov:/home/user/hpsearch.e1234567");
  EXPECT_EQ(attributes.at("Variable_List"),
            "PBS_O_HOME=/home/user,PBS_O_LANG=en_US.UTF-8,PBS_O_LOGNAME=user,"
            "PBS_O_WORKDIR=/home/user/run");
}

TEST(Qstat, WalltimeEndsAtStartPlusLimit) {
  test::use_utc();
  const auto attributes = parse_qstat_full(fixture("qstat_f_polaris.txt"));
  EXPECT_EQ(qstat_walltime_end(attributes, 0.0), 1714564800.0 + 3600.0);
}

TEST(Qstat, WithoutAStartTimeTheFallbackIsTheStart) {
  const auto attributes =
      parse_qstat_full("Job Id: 5.pbs\n    Resource_List.walltime = 00:10:00\n");
  EXPECT_EQ(qstat_walltime_end(attributes, 1000.0), 1600.0);
}

TEST(Qstat, NoWalltimeNoEnd) {
  EXPECT_FALSE(qstat_walltime_end(parse_qstat_full("Job Id: 5.pbs\n    queue = debug\n"), 0.0));
  EXPECT_FALSE(qstat_walltime_end(parse_qstat_full(""), 0.0));
  EXPECT_FALSE(qstat_walltime_end(
      parse_qstat_full("Job Id: 5\n    Resource_List.walltime = forever\n"), 0.0));
}

TEST(Qstat, OnlyTheFirstJobIsRead) {
  const auto attributes =
      parse_qstat_full("Job Id: 1\n    queue = a\n\nJob Id: 2\n    queue = b\n");
  EXPECT_EQ(attributes.at("queue"), "a");
}

} // namespace
} // namespace hpsearch
