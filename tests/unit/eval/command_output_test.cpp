// What the command evaluator reads on a training script's stdout (the JSON reader: json_test.cpp).
#include "hpsearch/eval/command_output.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

TEST(CommandOutput, ObjectiveLines) {
  EXPECT_DOUBLE_EQ(parse_objective_line("objective: 0.25")->value, 0.25);
  EXPECT_DOUBLE_EQ(parse_objective_line("  objective:1e-05 \r")->value, 1e-05);
  EXPECT_DOUBLE_EQ(parse_objective_line("objective: +3")->value, 3.0);
  EXPECT_TRUE(std::isnan(parse_objective_line("objective: nan")->value));
  EXPECT_TRUE(std::isinf(parse_objective_line("objective: -inf")->value));
  EXPECT_FALSE(parse_objective_line("objective: 0.25 extra"));
  EXPECT_FALSE(parse_objective_line("objective: high"));
  EXPECT_FALSE(parse_objective_line("val objective: 3"));
  EXPECT_FALSE(parse_objective_line("objective:"));
}

TEST(CommandOutput, JsonObjectiveLinesKeepMetadata) {
  const auto r = parse_objective_line(R"({"objective": 0.5, "metadata": {"epochs": 3, "x": "a"}})");
  ASSERT_TRUE(r);
  EXPECT_DOUBLE_EQ(r->value, 0.5);
  EXPECT_EQ(r->metadata_json, R"({"epochs": 3, "x": "a"})");
  EXPECT_EQ(parse_objective_line(R"({"objective": 1, "metadata": {"loss": NaN}})")->metadata_json,
            R"({"loss": null})")
      << "metadata is written back under the one JSON policy: non-finite as null";
  EXPECT_EQ(parse_objective_line(R"({"objective": 1, "metadata": [1, 2]})")->metadata_json, "")
      << "user metrics are named: metadata that is not an object is not kept";
  EXPECT_DOUBLE_EQ(parse_objective_line(R"({"objective": 1, "objective": 2})")->value, 2.0)
      << "the last duplicate wins, as in Python";
  EXPECT_TRUE(std::isinf(parse_objective_line(R"({"objective": -Infinity})")->value));
  EXPECT_FALSE(parse_objective_line(R"({"objective": 01})"));
  EXPECT_FALSE(parse_objective_line(R"({"objective": 1e999})"));
  EXPECT_TRUE(std::isnan(parse_objective_line(R"({"objective": NaN})")->value));
  EXPECT_TRUE(std::isnan(parse_objective_line(R"({"objective": null})")->value));
  EXPECT_FALSE(parse_objective_line(R"({"loss": 0.5})"));
  EXPECT_FALSE(parse_objective_line(R"({"objective": 0.5)"));
  EXPECT_DOUBLE_EQ(parse_result_json(" 0.75\n")->value, 0.75);
  EXPECT_DOUBLE_EQ(parse_result_json("{\"objective\": 2}\n")->value, 2.0);
  EXPECT_FALSE(parse_result_json("[1]"));
}

TEST(CommandOutput, ProgressLines) {
  const auto p = parse_progress_line("progress: 3 0.875");
  ASSERT_TRUE(p);
  EXPECT_DOUBLE_EQ(p->step, 3.0);
  EXPECT_DOUBLE_EQ(p->value, 0.875);
  EXPECT_FALSE(parse_progress_line("progress: 3"));
  EXPECT_FALSE(parse_progress_line("progress: 3 0.8 9"));
  EXPECT_FALSE(parse_progress_line("progress: epoch 0.8"));
}

TEST(CommandOutput, ParserSplitsChunksIntoLinesAndKeepsTheLastResult) {
  std::vector<std::pair<double, double>> seen;
  OutputParser parser([&](const ProgressReport& p) { seen.emplace_back(p.step, p.value); });
  parser.feed("noise\nprogr");
  EXPECT_TRUE(seen.empty());
  parser.feed("ess: 1 0.5\nprogress: 2 nan\nobjective: 1\nprogress: 3 0.25\nobjec");
  parser.feed("tive: 2");
  EXPECT_EQ(seen, (std::vector<std::pair<double, double>>{{1, 0.5}, {3, 0.25}}));
  EXPECT_DOUBLE_EQ(parser.objective()->value, 1.0);
  parser.finish(); // the last line had no newline
  EXPECT_DOUBLE_EQ(parser.objective()->value, 2.0);
  EXPECT_DOUBLE_EQ(parser.last_progress()->value, 0.25);
}

TEST(CommandOutput, OverlongLinesAreSkipped) {
  OutputParser parser([](const ProgressReport&) {});
  parser.feed("objective: 1" + std::string(1 << 17, ' ') + "\nobjective: 2\n");
  EXPECT_DOUBLE_EQ(parser.objective()->value, 2.0);
}

} // namespace
} // namespace hpsearch
