// The HTML report (report/html/): utilization per allocation, the forest analysis, and the
// page holding every section, self-contained and escaped.
#include "hpsearch/report/html/forest_analysis.hpp"
#include "hpsearch/report/html/html_report.hpp"
#include "hpsearch/report/html/utilization.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <regex>

namespace hpsearch::report::html {
namespace {

void add_row(CheckpointContents& c, Status status, double objective, double start, double end,
             int allocation, Config config = {}) {
  Evaluation e;
  e.id = static_cast<JobId>(c.evaluations.size());
  e.status = status;
  e.objective = status == Status::ok ? objective : std::nan("");
  e.config = std::move(config);
  e.worker_rank = 1;
  e.submitted_at = start;
  e.started_at = start;
  e.finished_at = end;
  c.evaluations.push_back(e);
  c.extras.push_back(RowExtras{-1, allocation});
}

TEST(WorkerUtilization, BusyWorkerSecondsOverWorkersTimesTheWindowPerAllocation) {
  CheckpointContents c;
  c.allocations = {{1000, 1010, 3, 1, "", "h", "killed"},
                   {1020, std::nan(""), 2, 2, "", "h", "running"}};
  add_row(c, Status::ok, 1.0, 1000, 1005, 0);
  add_row(c, Status::failed, 0.0, 1002, 1010, 0);
  add_row(c, Status::lost, 0.0, 1008, 1012, 0); // clipped to the window's end (1010)
  add_row(c, Status::ok, 2.0, 1021, 1024, 1);
  add_row(c, Status::ok, 2.0, 1024, 1030, 1);
  const auto u = worker_utilization(c);
  ASSERT_EQ(u.size(), 2u);
  EXPECT_EQ(u[0].workers, 2);
  EXPECT_EQ(u[0].rows, 3u);
  EXPECT_DOUBLE_EQ(u[0].busy_seconds, 5 + 8 + 2);
  EXPECT_DOUBLE_EQ(u[0].mean, 15.0 / (2 * 10));
  // Steps: 0 -> 1 at 0 s, 2 at 2 s, 1 at 5 s, 2 at 8 s, 0 at 10 s.
  const std::vector<std::pair<double, double>> want = {{0, 0}, {0, 1},  {2, 2}, {5, 1},
                                                       {8, 2}, {10, 0}, {10, 0}};
  ASSERT_EQ(u[0].busy.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_DOUBLE_EQ(u[0].busy[i].x, want[i].first) << i;
    EXPECT_DOUBLE_EQ(u[0].busy[i].y, want[i].second) << i;
  }
  // The running allocation ends at its last result; back-to-back jobs leave no gap.
  EXPECT_DOUBLE_EQ(u[1].end, 1030);
  EXPECT_DOUBLE_EQ(u[1].mean, 9.0 / (1 * 10));
  EXPECT_DOUBLE_EQ(u[1].busy[2].y, 1.0) << "a finish and a start at the same time: still 1";
}

SearchSpace two_parameters() {
  SearchSpace s;
  s.add(Parameter::real("x", 0.0, 1.0));
  s.add(Parameter::categorical("noise", {Value{std::string("a")}, Value{std::string("b")}}));
  return s;
}

TEST(ForestAnalysis, TheParameterTheObjectiveDependsOnIsTheImportantOne) {
  CheckpointContents c;
  c.allocations = {{0, 100, 2, 1, "", "h", "done"}};
  Rng rng(3);
  for (int i = 0; i < 120; ++i) {
    const double x = rng.uniform();
    Config config;
    config.set("x", x);
    config.set("noise", std::string(rng.uniform() < 0.5 ? "a" : "b"));
    add_row(c, Status::ok, (x - 0.3) * (x - 0.3), i, i + 1, 0, config);
  }
  const ForestAnalysis f = analyse_with_forest(c, two_parameters(), 5);
  ASSERT_TRUE(f.unavailable.empty()) << f.unavailable;
  ASSERT_EQ(f.effects.size(), 2u);
  EXPECT_GT(f.effects[0].importance, 0.9);
  EXPECT_NEAR(f.effects[0].importance + f.effects[1].importance, 1.0, 1e-12);
  // Partial dependence on x is lowest near its minimum 0.3.
  const auto& pd = f.effects[0].partial;
  ASSERT_EQ(pd.size(), 24u);
  const auto lowest = std::min_element(pd.begin(), pd.end(),
                                       [](const Point& a, const Point& b) { return a.y < b.y; });
  EXPECT_NEAR(lowest->x, 0.3, 0.1);
  EXPECT_EQ(f.effects[1].partial.size(), 2u) << "one point per choice";
  EXPECT_NE(f.method.find("permutation importance"), std::string::npos);
}

TEST(ForestAnalysis, TooFewRowsSaysSo) {
  CheckpointContents c;
  Config config;
  config.set("x", 0.5);
  config.set("noise", std::string("a"));
  for (int i = 0; i < 5; ++i) add_row(c, Status::ok, 1.0, i, i + 1, 0, config);
  const ForestAnalysis f = analyse_with_forest(c, two_parameters(), 5);
  EXPECT_NE(f.unavailable.find("at least 12"), std::string::npos) << f.unavailable;
}

TEST(HtmlReport, HasEverySectionNoUrlAndEscapesWhatTheCheckpointHolds) {
  CheckpointContents c;
  c.path = "run<1>.h5";
  c.info = {"space: {x: {type: real, low: 0, high: 1}}\n",
            "ambs",
            7,
            Direction::minimize,
            "0.1.0",
            1000.0};
  c.parameters = {"x", "noise"};
  c.allocations = {{1000, 1100, 3, 1, "", "h", "done"}};
  for (int i = 0; i < 30; ++i) {
    Config config;
    config.set("x", i / 30.0);
    config.set("noise", std::string(i % 2 ? "a" : "b"));
    add_row(c, i % 7 == 3 ? Status::failed : Status::ok, 1.0 + i % 5, 1000 + i, 1001 + i, 0,
            config);
  }
  c.evaluations[3].message = "<script>alert(1)</script>";
  c.curves = {{0, 1, 3.0}, {0, 2, 2.0}, {1, 1, 4.0}};
  const SearchSpace space = two_parameters();
  const std::string html = render_html_report(c, &space);
  for (const char* id : {"summary", "trajectory", "utilization", "importance", "parallel",
                         "dependence", "curves", "evaluations", "problem"}) {
    EXPECT_NE(html.find(std::string("<section id=\"") + id + "\">"), std::string::npos) << id;
  }
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("run&lt;1&gt;.h5"), std::string::npos);
  EXPECT_FALSE(std::regex_search(html, std::regex("(https?|ftp)://|//[a-z0-9.-]+\\.[a-z]{2,}/|"
                                                  "src=|@import|url\\(")));
  EXPECT_EQ(html.find("<section id=\"lineage\">"), std::string::npos)
      << "no lineage section without population-based training";
  // A population-based training search: trial 2 copied trial 1's state at 1 and explored.
  CheckpointContents pbt = c;
  pbt.parent_column = true;
  for (std::size_t i = 0; i < pbt.evaluations.size(); ++i) {
    Evaluation& ev = pbt.evaluations[i];
    ev.trial = static_cast<TrialId>(i);
    ev.fidelity = 1.0;
  }
  Evaluation& child = pbt.evaluations[2];
  child.parent = 1;
  child.from_fidelity = 1.0;
  child.fidelity = 2.0;
  child.objective = 0.5;
  const std::string lineage = render_html_report(pbt, &space);
  EXPECT_NE(lineage.find("<section id=\"lineage\">"), std::string::npos);
  EXPECT_NE(lineage.find("<tr data-trial=\"2\" data-parent=\"1\">"), std::string::npos);
  EXPECT_NE(lineage.find("<td class=\"copy\">explored"), std::string::npos) << lineage;
  EXPECT_NE(lineage.find("<pre id=\"lineage-schedule\">  0 -&gt; 1"), std::string::npos)
      << "the best member's schedule, from scratch through its parent";
  pbt.parent_column = false;
  EXPECT_EQ(render_html_report(pbt, &space).find("<section id=\"lineage\">"), std::string::npos)
      << "a file without the column has no lineage";
  // Without the space, the sections that need it say why.
  const std::string without = render_html_report(c, nullptr, "bad problem");
  EXPECT_NE(without.find("the stored problem cannot be read: bad problem"), std::string::npos);
}

} // namespace
} // namespace hpsearch::report::html
