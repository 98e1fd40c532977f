#include "hpsearch/core/clock.hpp"
#include "hpsearch/sched/command_output.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

TEST(CommandOutput, ReturnsStandardOutputWithoutAShell) {
  EXPECT_EQ(command_output({"printf", "%s|", "a b", "$HOME"}), "a b|$HOME|");
}

TEST(CommandOutput, FailureOrAMissingProgramGivesNothing) {
  EXPECT_FALSE(command_output({"false"}));
  EXPECT_FALSE(command_output({"sh", "-c", "echo partial; exit 3"}));
  EXPECT_FALSE(command_output({"/nonexistent/hpsearch-no-such-program"}));
  EXPECT_FALSE(command_output({}));
}

TEST(CommandOutput, AHangingCommandIsKilledAtTheTimeout) {
  const double start = monotonic_seconds();
  EXPECT_FALSE(command_output({"sleep", "30"}, 0.3));
  EXPECT_LT(monotonic_seconds() - start, 3.0);
}

TEST(CommandOutput, LargeOutputIsReadWhole) {
  const auto out = command_output({"seq", "1", "20000"});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->size(), 108894u);
}

} // namespace
} // namespace hpsearch
