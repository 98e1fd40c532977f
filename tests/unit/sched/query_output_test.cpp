#include "hpsearch/core/clock.hpp"
#include "hpsearch/sched/query_output.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace hpsearch {
namespace {

TEST(QueryOutput, ReturnsStandardOutputWithoutAShell) {
  EXPECT_EQ(query_output({"printf", "%s|", "a b", "$HOME"}), "a b|$HOME|");
}

TEST(QueryOutput, FailureOrAMissingProgramGivesNothing) {
  EXPECT_FALSE(query_output({"false"}));
  EXPECT_FALSE(query_output({"sh", "-c", "echo partial; exit 3"}));
  EXPECT_FALSE(query_output({"/nonexistent/hpsearch-no-such-program"}));
  EXPECT_FALSE(query_output({}));
}

TEST(QueryOutput, AHangingCommandIsKilledAtTheTimeout) {
  const double start = monotonic_seconds();
  EXPECT_FALSE(query_output({"sleep", "30"}, 0.3));
  EXPECT_LT(monotonic_seconds() - start, 3.0);
}

TEST(QueryOutput, WhatTheCommandLeftRunningIsKilledAndReaped) {
  // The query's background child keeps nothing open, so the query ends at once; its
  // process group (the child was started as a session leader) is killed and reaped.
  const std::string pidfile = "/tmp/hpsearch-query-" + std::to_string(::getpid());
  EXPECT_EQ(
      query_output({"sh", "-c",
                    "sleep 300 </dev/null >/dev/null 2>&1 & echo $! > " + pidfile + "; echo done"}),
      "done\n");
  std::ifstream in(pidfile);
  pid_t background = 0;
  ASSERT_TRUE(in >> background);
  std::remove(pidfile.c_str());
  EXPECT_NE(::kill(background, 0), 0) << "sleep " << background << " outlived the query";
  EXPECT_EQ(errno, ESRCH) << "killed and reaped, not a zombie of ours";
}

TEST(QueryOutput, LargeOutputIsReadWhole) {
  const auto out = query_output({"seq", "1", "20000"});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->size(), 108894u);
}

} // namespace
} // namespace hpsearch
