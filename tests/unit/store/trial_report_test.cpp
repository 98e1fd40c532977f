// `hpsearch show` and `hpsearch export` on a multi-fidelity checkpoint written with
// Checkpoint directly (store_test_util.hpp: write_multi_fidelity_checkpoint).
#include "hpsearch/report/export.hpp"
#include "hpsearch/report/summary.hpp"
#include "hpsearch/report/trial_states.hpp"
#include "hpsearch/store/reader.hpp"
#include "store_test_util.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace hpsearch {
namespace {

using test::TempDir;

CheckpointContents multi_fidelity(const TempDir& dir) {
  const std::string path = dir.file("mf.h5");
  test::write_multi_fidelity_checkpoint(path);
  return read_checkpoint(path);
}

/// The lines of `text` after the line starting with `title`, up to the next blank line.
std::vector<std::string> section(const std::string& text, const std::string& title) {
  std::istringstream in(text);
  std::string line;
  std::vector<std::string> lines;
  bool inside = false;
  while (std::getline(in, line)) {
    if (inside && line.empty()) break;
    if (inside) lines.push_back(line);
    if (line.rfind(title, 0) == 0) inside = true;
  }
  return lines;
}

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

TEST(TrialReport, ShowRanksTrialsAtTheHighestFidelityReached) {
  TempDir dir;
  const std::string text = format_summary(multi_fidelity(dir), 5);
  const auto best = section(text, "best 5 trials");
  ASSERT_EQ(best.size(), 4u) << text; // header + the three trials with a value
  EXPECT_EQ(words(best[0])[1], "trial") << text;
  // Trial 10 (0.80 at fidelity 9) first, not trial 11's lucky 0.95 at fidelity 1.
  const auto first = words(best[1]), second = words(best[2]), third = words(best[3]);
  EXPECT_EQ((std::vector<std::string>(first.begin(), first.begin() + 6)),
            (std::vector<std::string>{"1", "10", "9", "0.8", "3", "finished"}))
      << text;
  EXPECT_EQ((std::vector<std::string>(second.begin(), second.begin() + 6)),
            (std::vector<std::string>{"2", "12", "3", "0.7", "3", "paused"}))
      << text;
  EXPECT_EQ((std::vector<std::string>(third.begin(), third.begin() + 6)),
            (std::vector<std::string>{"3", "11", "1", "0.95", "1", "stopped"}))
      << text;
}

TEST(TrialReport, ShowCountsTrialsByDecisionAndJobsPerRung) {
  TempDir dir;
  const std::string text = format_summary(multi_fidelity(dir), 5);
  EXPECT_NE(text.find("trials       4 (finished 2, paused 1, stopped 1)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("jobs/rung    rung 0: 4, rung 1: 3, rung 2: 1"), std::string::npos) << text;
  EXPECT_EQ(text.find("trial disk"), std::string::npos) << text; // none measured
  // The keys fit the facts column: scripts read "evaluations  N" whatever the search.
  EXPECT_NE(text.find("\nevaluations  8 ("), std::string::npos) << text;
}

TEST(TrialReport, ShowWithoutTrialsKeepsTheBestEvaluationsTable) {
  TempDir dir;
  const std::string path = dir.file("ff.h5");
  {
    Checkpoint cp = Checkpoint::create(path, test::mixed_space(), test::test_info());
    for (int i = 0; i < 4; ++i) cp.append(test::make_evaluation(i));
  }
  const std::string text = format_summary(read_checkpoint(path), 3);
  EXPECT_NE(text.find("best 3 (maximize):"), std::string::npos) << text;
  EXPECT_EQ(text.find("jobs/rung"), std::string::npos) << text;
}

TEST(TrialReport, ShowReportsTheDiskUsedByTrialStates) {
  TempDir dir;
  const std::string path = dir.file("mf.h5");
  test::write_multi_fidelity_checkpoint(path);
  const std::string trial_dir = default_trial_dir(path);
  EXPECT_EQ(trial_dir, dir.file("mf.trials"));
  EXPECT_FALSE(trial_states_usage(trial_dir).has_value()); // not there yet
  std::filesystem::create_directories(trial_dir + "/trial-10/model");
  std::filesystem::create_directories(trial_dir + "/trial-12");
  std::ofstream(trial_dir + "/trial-10/model/weights.pt") << std::string(1000, 'w');
  std::ofstream(trial_dir + "/trial-10/rng") << std::string(20, 'r');
  std::ofstream(trial_dir + "/trial-12/weights.pt") << std::string(4, 'x');
  const auto usage = trial_states_usage(trial_dir);
  ASSERT_TRUE(usage.has_value());
  EXPECT_EQ(usage->bytes, 1024u);
  EXPECT_EQ(usage->trial_dirs, 2u);
  const std::string text = format_summary(read_checkpoint(path), 5, usage);
  EXPECT_NE(text.find("trial disk   1 KiB in 2 trial directories (" + trial_dir + ")"),
            std::string::npos)
      << text;
  const TrialStatesUsage named = examine_trial_states(trial_dir, "run.trial_dir");
  EXPECT_TRUE(named.exists);
  EXPECT_EQ(named.bytes, 1024u);
  EXPECT_NE(
      format_summary(read_checkpoint(path), 5, named)
          .find("trial disk   1 KiB in 2 trial directories (" + trial_dir + ", run.trial_dir)"),
      std::string::npos);
  // A directory that is not there is said, with its name: `show` looked in the wrong place
  // or every state is gone.
  const TrialStatesUsage missing = examine_trial_states(dir.file("elsewhere"), "run.trial_dir");
  EXPECT_FALSE(missing.exists);
  const std::string none = format_summary(read_checkpoint(path), 5, missing);
  EXPECT_NE(
      none.find("trial disk   none (no directory " + dir.file("elsewhere") + ", run.trial_dir)"),
      std::string::npos)
      << none;
  EXPECT_EQ(default_trial_dir("runs/search.h5"), "runs/search.trials");
  EXPECT_EQ(default_trial_dir("search.ckpt"), "search.ckpt.trials");
}

TEST(TrialReport, CsvHasDeepHyperBudgetAndTrialColumns) {
  TempDir dir;
  std::ostringstream out;
  write_csv(multi_fidelity(dir), out);
  std::istringstream in(out.str());
  std::string header;
  std::getline(in, header);
  EXPECT_NE(
      header.find(",m:host,m:budget,m:trial_id,m:from_budget,m:rung,m:decision,m:parent_trial,"
                  "m:requeue_of,"),
      std::string::npos)
      << header;
  const std::string text = out.str();
  // job 2: trial 10 from 1 to 3 at rung 1, paused; job 6 re-runs lost job 4.
  EXPECT_NE(text.find(",2,DONE,"), std::string::npos) << text;
  EXPECT_NE(text.find(",3,10,1,1,paused,,,0,\n"), std::string::npos) << text;
  EXPECT_NE(text.find(",3,12,1,1,paused,,4,0,\n"), std::string::npos) << text;
  EXPECT_NE(text.find(",1,11,0,0,stopped,,,0,\n"), std::string::npos) << text;
  EXPECT_NE(text.find(",9,10,3,2,finished,,,0,\n"), std::string::npos) << text;
}

TEST(TrialReport, JsonLinesCarryTheTrialColumnsWithTheirTypes) {
  TempDir dir;
  std::ostringstream out;
  write_json_lines(multi_fidelity(dir), out);
  std::istringstream in(out.str());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_NE(lines[2].find("\"m:budget\": 3.0, \"m:trial_id\": 10, \"m:from_budget\": 1.0, "
                          "\"m:rung\": 1, \"m:decision\": \"paused\""),
            std::string::npos)
      << lines[2];
}

} // namespace
} // namespace hpsearch
