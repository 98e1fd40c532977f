// PluginEvaluator against the real example plugin (configs/plugins/branin_plugin.c),
// loaded with dlopen; HPSEARCH_EXAMPLE_PLUGIN is its path in the build tree.
#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/plugin_evaluator.hpp"
#include "hpsearch/eval/test_functions.hpp"
#include "recording_reporter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <gtest/gtest.h>
#include <vector>

namespace hpsearch {
namespace {

using test::RecordingReporter;

class PluginEvaluatorTest : public ::testing::Test {
protected:
  void SetUp() override { setenv("HPS_BRANIN_SLEEP_MS", "0", 1); }
  static Job job(double x1, double x2, double fidelity = 4) {
    Job j;
    j.id = 7;
    j.config.set("x1", x1);
    j.config.set("x2", x2);
    j.fidelity = fidelity;
    return j;
  }
  static double branin(double x1, double x2) { return find_test_function("branin")->f({x1, x2}); }
  PluginEvaluator evaluator{HPSEARCH_EXAMPLE_PLUGIN};
};

TEST_F(PluginEvaluatorTest, ReturnsTheObjectiveAndStreamsTheCurve) {
  RecordingReporter reporter;
  const Outcome o = evaluator.evaluate(job(1.0, 2.0), reporter);
  ASSERT_EQ(o.status, Status::ok) << o.message;
  EXPECT_NEAR(o.objective, branin(1.0, 2.0), 1e-9);
  ASSERT_EQ(reporter.points.size(), 4u) << "one report per epoch (fidelity 4)";
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(reporter.points[i].first, double(i + 1));
  EXPECT_EQ(reporter.points.back().second, o.objective);
  EXPECT_GT(reporter.points.front().second, o.objective);
  EXPECT_LE(o.started_at, o.finished_at);
}

TEST_F(PluginEvaluatorTest, AStopDecisionEndsTheJobAsStoppedWithItsLastValue) {
  RecordingReporter reporter(2);
  const Outcome o = evaluator.evaluate(job(1.0, 2.0, 8), reporter);
  EXPECT_EQ(o.status, Status::stopped) << o.message;
  ASSERT_EQ(reporter.points.size(), 2u);
  EXPECT_EQ(o.objective, reporter.points.back().second);
  EXPECT_NE(o.message.find("stopped by the manager at step 2"), std::string::npos) << o.message;
}

TEST_F(PluginEvaluatorTest, APluginFailureCarriesItsMessage) {
  Job j;
  j.config.set("y", 1.0);
  NullReporter reporter;
  const Outcome o = evaluator.evaluate(j, reporter);
  EXPECT_EQ(o.status, Status::failed);
  EXPECT_NE(o.message.find("plugin returned 2: branin_plugin needs numeric parameters x1 and x2"),
            std::string::npos)
      << o.message;
  EXPECT_NE(o.message.find(R"({"y": 1.0})"), std::string::npos) << "the JSON the plugin saw";
}

TEST_F(PluginEvaluatorTest, ANonFiniteObjectiveIsAFailure) {
  NullReporter reporter;
  const Outcome o = evaluator.evaluate(job(1e308, 2.0, 1), reporter);
  EXPECT_EQ(o.status, Status::failed);
  EXPECT_NE(o.message.find("non-finite objective (inf)"), std::string::npos) << o.message;
}

TEST_F(PluginEvaluatorTest, AMissingLibraryNamesThePathAndDlerror) {
  try {
    PluginEvaluator missing("/nonexistent/libnothing.so");
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_NE(m.find("the plugin '/nonexistent/libnothing.so' cannot be loaded"), std::string::npos)
        << m;
    EXPECT_NE(m.find("No such file"), std::string::npos) << "dlerror() is included: " << m;
  }
}

TEST_F(PluginEvaluatorTest, ALibraryWithoutHpsEvaluateNamesTheSymbol) {
  try {
    PluginEvaluator not_a_plugin("libm.so.6");
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("'libm.so.6' does not export hps_evaluate"), std::string::npos) << m;
    EXPECT_NE(m.find("undefined symbol"), std::string::npos) << "dlerror() is included: " << m;
  }
}

} // namespace
} // namespace hpsearch
