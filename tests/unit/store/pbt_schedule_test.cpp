// The best member's hyperparameter schedule of a population-based training search
// (report/pbt_schedule.hpp), followed through the rows' parents.
#include "hpsearch/report/pbt_schedule.hpp"
#include "hpsearch/report/summary.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>

namespace hpsearch {
namespace {

Evaluation row(JobId id, TrialId trial, TrialId parent, double from, double to, double lr,
               double objective, Status status = Status::ok) {
  Evaluation ev;
  ev.id = id;
  ev.trial = trial;
  ev.parent = parent;
  ev.from_fidelity = from;
  ev.fidelity = to;
  ev.config = Config({{"lr", Value{lr}}});
  ev.objective = objective;
  ev.status = status;
  ev.decision = to == 6 ? TrialDecision::finished : TrialDecision::paused;
  return ev;
}

// Two members, ready every 2, to 6 (minimize). Member A: trial 0 (lr 0.1) -> 2 -> 5 (lr
// 0.08 after copying B's trial 3 at 4). Member B: 1 -> 3 -> 4. Trial 5's first job was
// lost and re-run.
CheckpointContents search() {
  CheckpointContents c;
  c.info.direction = Direction::minimize;
  c.evaluations = {row(0, 0, -1, 0, 2, 0.1, 5.0),
                   row(1, 1, -1, 0, 2, 0.01, 4.0),
                   row(2, 2, 0, 2, 4, 0.1, 4.5),
                   row(3, 3, 1, 2, 4, 0.01, 3.0),
                   row(4, 4, 3, 4, 6, 0.01, 2.5),
                   row(5, 5, 3, 4, 6, 0.08, std::numeric_limits<double>::quiet_NaN(), Status::lost),
                   row(6, 5, 3, 4, 6, 0.08, 2.0)};
  return c;
}

TEST(PbtSchedule, TheBestMembersScheduleFollowsItsParentsBackToScratch) {
  const CheckpointContents c = search();
  ASSERT_TRUE(report::has_lineage(c));
  const std::optional<std::size_t> best = report::best_member_row(c);
  ASSERT_EQ(best, 6U) << "the best ok row at the highest fidelity";
  const std::vector<report::ScheduleStep> schedule = report::schedule_of(c, *best);
  ASSERT_EQ(schedule.size(), 3U);
  EXPECT_EQ(schedule[0].trial, 1);
  EXPECT_EQ(schedule[1].trial, 3);
  EXPECT_EQ(schedule[2].trial, 5);
  EXPECT_EQ(schedule[2].from, 4.0);
  EXPECT_EQ(report::schedule_text(schedule), "  0 -> 4  lr=0.01  (trials 1, 3)\n"
                                             "  4 -> 6  lr=0.08  (trial 5)\n");
}

TEST(PbtSchedule, ShowPrintsItOnlyForASearchWithLineage) {
  CheckpointContents c = search();
  const std::string text = format_summary(c);
  EXPECT_NE(text.find("best member's hyperparameter schedule"), std::string::npos) << text;
  EXPECT_NE(text.find("4 -> 6  lr=0.08  (trial 5)"), std::string::npos) << text;
  for (Evaluation& ev : c.evaluations) ev.parent = -1;
  EXPECT_FALSE(report::has_lineage(c));
  EXPECT_EQ(format_summary(c).find("schedule"), std::string::npos);
}

TEST(PbtSchedule, AMissingParentRowEndsTheWalk) {
  CheckpointContents c = search();
  c.evaluations.erase(c.evaluations.begin() + 3); // trial 3's row
  const std::vector<report::ScheduleStep> schedule = report::schedule_of(c, 5);
  ASSERT_EQ(schedule.size(), 1U);
  EXPECT_EQ(schedule[0].trial, 5);
}

} // namespace
} // namespace hpsearch
