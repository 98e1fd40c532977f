// run.deadline, run.walltime_margin, run.drain and run.lock_lease as the problem file gives them
// (the config module reads them; sched/ interprets the deadline text).
#include "hpsearch/config/problem.hpp"
#include "hpsearch/config/problem_summary.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/sched/time_text.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using ::testing::HasSubstr;

Problem with_run(const std::string& run) {
  return parse_problem("space: {x: {type: real, low: 0, high: 1}}\n"
                       "objective: {kind: function, name: sphere}\n"
                       "run: " +
                           run + "\n",
                       "p.yaml");
}

std::string error_of(const std::string& run) {
  try {
    with_run(run);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    return e.what();
  }
  return "no error";
}

TEST(RunKeys, DefaultsAreNoDeadlineFiveMinutesMarginNoDrain) {
  const Problem p = with_run("{max_evals: 5}");
  EXPECT_EQ(p.run.deadline, "");
  EXPECT_EQ(p.run.walltime_margin, 300.0);
  EXPECT_EQ(p.run.drain, 0.0);
}

TEST(RunKeys, DurationsAndTheDeadlineTextAreRead) {
  const Problem p =
      with_run("{deadline: 2024-05-01T12:00:00Z, walltime_margin: 90s, drain: 1m30s}");
  EXPECT_EQ(p.run.deadline, "2024-05-01T12:00:00Z");
  EXPECT_EQ(parse_time_point(p.run.deadline), 1714564800.0);
  EXPECT_EQ(p.run.walltime_margin, 90.0);
  EXPECT_EQ(p.run.drain, 90.0);
  EXPECT_EQ(with_run("{deadline: 1714564800, walltime_margin: 0, drain: 2.5}").run.drain, 2.5);
  EXPECT_EQ(with_run("{deadline: 1714564800}").run.deadline, "1714564800");
}

TEST(RunKeys, LockLeaseDefaultsToTwoMinutesAndIsADurationFromOneSecondToADay) {
  EXPECT_EQ(with_run("{max_evals: 5}").run.lock_lease, 120.0);
  EXPECT_EQ(with_run("{lock_lease: 3s}").run.lock_lease, 3.0);
  EXPECT_EQ(with_run("{lock_lease: 10m}").run.lock_lease, 600.0);
  EXPECT_EQ(with_run("{lock_lease: 90}").run.lock_lease, 90.0);
  for (const char* bad : {"0", "0.5s", "-3", "2d", "soon", "[1]"}) {
    const std::string msg = error_of(std::string("{lock_lease: ") + bad + "}");
    EXPECT_THAT(msg, HasSubstr("lock_lease must be a duration from 1s to 1d")) << bad;
    EXPECT_THAT(msg, HasSubstr("p.yaml")) << msg;
  }
  EXPECT_THAT(format_problem_summary(with_run("{lock_lease: 3s}")), HasSubstr("lock_lease 3s"));
  EXPECT_THAT(format_problem_summary(with_run("{max_evals: 5}")), HasSubstr("lock_lease 120s"));
}

TEST(RunKeys, BadValuesNameTheKey) {
  EXPECT_THAT(error_of("{walltime_margin: -5}"), HasSubstr("walltime_margin must be a duration"));
  EXPECT_THAT(error_of("{drain: soon}"), HasSubstr("drain must be a duration"));
  EXPECT_THAT(error_of("{deadline: [1, 2]}"), HasSubstr("deadline"));
  EXPECT_THAT(error_of("{walltime: 5m}"), HasSubstr("walltime"));
}

TEST(RunKeys, MaxRequeuesDefaultsToTwoIsPrintedAndBounded) {
  EXPECT_EQ(with_run("{max_evals: 5}").run.max_requeues, 2);
  const Problem p = with_run("{max_requeues: 5}");
  EXPECT_EQ(p.run.max_requeues, 5);
  EXPECT_THAT(format_problem_summary(p), HasSubstr("max_requeues 5"));
  EXPECT_THAT(format_problem_summary(with_run("{max_evals: 5}")), HasSubstr("max_requeues 2"));
  for (const std::string bad : {"0", "-1", "1001", "two", "1.5"}) {
    const std::string message = error_of("{max_requeues: " + bad + "}");
    EXPECT_THAT(message, HasSubstr("max_requeues")) << bad;
    EXPECT_THAT(message, HasSubstr("p.yaml")) << bad;
  }
}

} // namespace
} // namespace hpsearch
