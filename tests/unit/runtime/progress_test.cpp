#include "hpsearch/runtime/progress.hpp"

#include <gtest/gtest.h>
#include <sstream>

namespace hpsearch {
namespace {

TEST(ProgressReporter, LineShowsDoneTargetBestBusyAndRate) {
  ManagerStats s;
  s.completed = 50;
  s.failed = 2;
  s.busy_workers = 3;
  s.workers = 3;
  Evaluation best;
  best.objective = -3.25;
  s.best = best;
  const std::string line = ProgressReporter::format_line(s, 200, 10.0);
  EXPECT_NE(line.find("50/200 done (2 failed)"), std::string::npos) << line;
  EXPECT_NE(line.find("best -3.25"), std::string::npos) << line;
  EXPECT_NE(line.find("busy 3/3"), std::string::npos) << line;
  EXPECT_NE(line.find("5.0 eval/s"), std::string::npos) << line;
}

TEST(ProgressReporter, RespectsIntervalAndQuiet) {
  std::ostringstream out, silent;
  ProgressReporter p(out, 2.0, false, 10), q(silent, 2.0, true, 10);
  ManagerStats s;
  for (double t : {0.5, 1.0, 2.1, 2.5, 4.2}) {
    p.maybe_report(s, t);
    q.maybe_report(s, t);
  }
  std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
  EXPECT_TRUE(silent.str().empty());
}

} // namespace
} // namespace hpsearch
