// format_summary: the text `hpsearch show` prints.
#include "hpsearch/report/summary.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

Evaluation eval(JobId id, Status status, double objective, double submitted, double finished) {
  Evaluation ev;
  ev.id = id;
  ev.status = status;
  ev.objective = status == Status::ok ? objective : std::nan("");
  ev.config.set("lr", 0.001 * static_cast<double>(id + 1));
  if (id % 2 == 0) ev.config.set("act", std::string("relu"));
  ev.submitted_at = submitted;
  ev.started_at = submitted;
  ev.finished_at = finished;
  return ev;
}

CheckpointContents contents(Direction direction) {
  CheckpointContents c;
  c.path = "runs/search.h5";
  c.info = {"space:\n  lr: {type: real}\n", "random", 7, direction, "0.1.0", 1714564800.0};
  c.format_version = 1;
  c.space_hash = "0123456789abcdef";
  c.parameters = {"lr", "act"};
  const double t0 = 1714564800.0;
  c.evaluations = {
      eval(0, Status::ok, 0.5, t0, t0 + 10),          eval(1, Status::ok, 0.1, t0 + 1, t0 + 20),
      eval(2, Status::failed, 0.0, t0 + 2, t0 + 5),   eval(3, Status::ok, 0.9, t0 + 3, t0 + 30),
      eval(4, Status::timeout, 0.0, t0 + 4, t0 + 40), eval(5, Status::ok, 0.3, t0 + 5, t0 + 50)};
  return c;
}

/// The lines of the best table, after its heading.
std::vector<std::string> best_lines(const std::string& text) {
  std::vector<std::string> lines;
  const auto start = text.find("best ");
  std::size_t pos = text.find('\n', start) + 1;
  while (pos < text.size() && text[pos] != '\n') {
    const auto end = text.find('\n', pos);
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

TEST(Summary, ShowsRunCountsWallTimeAndRate) {
  const std::string s = format_summary(contents(Direction::minimize));
  for (const std::string want :
       {"checkpoint   runs/search.h5", "strategy     random, seed 7", "direction    minimize",
        "evaluations  6 (ok 4, failed 1, timeout 1)", "wall time    50.0 s",
        "throughput   0.12 evaluations/s", "space hash 0123456789abcdef", "2024-05-01T12:00:00Z",
        "  lr: {type: real}"}) {
    EXPECT_NE(s.find(want), std::string::npos) << "missing '" << want << "' in:\n" << s;
  }
}

TEST(Summary, BestTableFollowsTheDirectionAndIsAligned) {
  const auto min_lines = best_lines(format_summary(contents(Direction::minimize), 3));
  ASSERT_EQ(min_lines.size(), 4u); // header + 3
  EXPECT_EQ(min_lines[0], "  rank  id  objective  lr     act");
  EXPECT_EQ(min_lines[1], "  1     1   0.1        0.002  -");
  EXPECT_EQ(min_lines[2], "  2     5   0.3        0.006  -");
  EXPECT_EQ(min_lines[3], "  3     0   0.5        0.001  relu");

  const auto max_lines = best_lines(format_summary(contents(Direction::maximize), 2));
  ASSERT_EQ(max_lines.size(), 3u);
  EXPECT_EQ(max_lines[1].substr(0, 20), "  1     3   0.9     ");
  EXPECT_EQ(max_lines[2].substr(0, 20), "  2     0   0.5     ");
}

TEST(Summary, SaysSoWhenNothingSucceeded) {
  CheckpointContents c = contents(Direction::minimize);
  c.evaluations = {eval(0, Status::failed, 0.0, 1.0, 2.0)};
  const std::string s = format_summary(c);
  EXPECT_NE(s.find("(no successful evaluation)"), std::string::npos) << s;
  EXPECT_NE(s.find("evaluations  1 (ok 0, failed 1)"), std::string::npos) << s;
  c.evaluations.clear();
  EXPECT_NE(format_summary(c).find("evaluations  0\n"), std::string::npos);
}

TEST(Summary, DurationsReadNaturally) {
  EXPECT_EQ(format_duration(0.5), "0.5 s");
  EXPECT_EQ(format_duration(187.0), "3m 07s");
  EXPECT_EQ(format_duration(7500.0), "2h 05m 00s");
}

} // namespace
} // namespace hpsearch
