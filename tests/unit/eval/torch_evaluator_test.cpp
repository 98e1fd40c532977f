// TorchEvaluator through the real path hpsearch uses: the trainer module loaded with dlopen
// from the build tree (found by torch_module_search, checked by torch_module_abi), a spec
// value as config parses it, a Reporter receiving the curve.
#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/torch_evaluator.hpp"
#include "hpsearch/eval/torch_module_abi.hpp"
#include "hpsearch/eval/torch_module_search.hpp"
#include "temp_dir.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <utility>
#include <vector>

namespace hpsearch {
namespace {

/// What config makes of `objective: {kind: torch, direction: maximize, data: {dataset:
/// fashion_mnist, subset: 1000}, fixed: {epochs: 3, layers: 1}}`.
TorchSpec fashion() {
  TorchSpec spec;
  spec.dataset = "fashion_mnist";
  spec.subset = 1000;
  spec.metric = "accuracy";
  spec.fixed = {{"epochs", std::int64_t{3}}, {"layers", std::int64_t{1}}};
  return spec;
}

bool have_fashion() {
  return std::filesystem::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
}

class RecordingReporter final : public Reporter {
public:
  explicit RecordingReporter(int stop_at = 0) : stop_at_(stop_at) {}
  bool report(double step, double value) override {
    curve.emplace_back(step, value);
    return stop_at_ > 0 && step >= stop_at_;
  }
  bool stop_requested() override { return false; }
  ReportDecision decision() override { return answer; }
  std::vector<std::pair<double, double>> curve;
  ReportDecision answer = ReportDecision::stop; ///< what the search decided at stop_at

private:
  int stop_at_;
};

Job job(std::uint64_t seed) {
  Job j;
  j.id = 3;
  j.seed = seed;
  j.config = Config({{"lr", 5e-3}, {"units", std::int64_t{32}}});
  return j;
}

TEST(TorchEvaluator, TrainsThroughTheModuleAndReportsEachEpoch) {
  if (!have_fashion()) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  check_torch_objective(fashion());
  auto evaluator =
      std::make_unique<TorchEvaluator>(TorchEvaluatorSpec{fashion(), 1}, WorkerContext{});
  RecordingReporter reporter;
  const Outcome outcome = evaluator->evaluate(job(1), reporter);
  ASSERT_EQ(outcome.status, Status::ok) << outcome.message;
  ASSERT_EQ(reporter.curve.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(reporter.curve[i].first, double(i + 1));
  EXPECT_EQ(outcome.objective, reporter.curve.back().second); // final: last
  EXPECT_GT(outcome.objective, 0.5);
  // The same seed trains the same network.
  RecordingReporter again;
  EXPECT_EQ(evaluator->evaluate(job(1), again).objective, outcome.objective);
}

TEST(TorchEvaluator, ManagersStopDecisionEndsTheJob) {
  if (!have_fashion()) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  TorchEvaluator evaluator(TorchEvaluatorSpec{fashion(), 1}, WorkerContext{});
  RecordingReporter reporter(1);
  const Outcome outcome = evaluator.evaluate(job(2), reporter);
  EXPECT_EQ(outcome.status, Status::stopped) << outcome.message;
  EXPECT_EQ(reporter.curve.size(), 1u);
  EXPECT_EQ(outcome.objective, reporter.curve[0].second);
}

/// A user's own table as CSV (class names as labels, a header row): two separable classes.
TEST(TorchEvaluator, TrainsOnAUsersCsvTable) {
  test::TempDir dir("hpsearch_torch");
  {
    std::ofstream csv(dir.file("points.csv"));
    csv << "x,y,kind\n";
    for (int i = 0; i < 400; ++i) {
      const double t = i * 0.37;
      const bool upper = i % 2 == 0;
      csv << std::sin(t) * 3.0 << "," << (upper ? 2.0 : -2.0) + std::cos(t) << ","
          << (upper ? "upper" : "lower") << "\n";
    }
  }
  TorchSpec spec; // data: {dataset: csv, path: points.csv, label_column: kind}
  spec.dataset = "csv";
  spec.data_path = dir.file("points.csv");
  spec.label_column = "kind";
  spec.fixed = {
      {"epochs", std::int64_t{5}}, {"units", std::int64_t{16}}, {"batch_size", std::int64_t{32}}};
  check_torch_objective(spec);
  TorchEvaluator evaluator(TorchEvaluatorSpec{spec, 1}, WorkerContext{});
  RecordingReporter reporter;
  Job j;
  j.id = 1;
  j.seed = 9;
  j.config = Config({{"lr", 1e-2}});
  const Outcome outcome = evaluator.evaluate(j, reporter);
  ASSERT_EQ(outcome.status, Status::ok) << outcome.message;
  EXPECT_GE(outcome.objective, 0.95) << outcome.message;
  EXPECT_EQ(reporter.curve.size(), 5u);
}

/// With a trial directory (run.trial_dir, WorkerContext::trial_root), a job of trial 4 to epoch 2
/// saves the trial's state in <trial_dir>/trial-4 through the module, and a later job (another id
/// and seed) continues it to epoch 3: the curve goes on at epoch 3 and equals one job's 3 epochs.
TEST(TorchEvaluator, TrialJobsSaveAndContinueTheTrialsState) {
  if (!have_fashion()) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  test::TempDir dir("hpsearch_torch");
  WorkerContext context;
  context.trial_root = dir.file("trials"); // run.trial_dir
  TorchEvaluator evaluator(TorchEvaluatorSpec{fashion(), 1}, context);
  Job first = job(1);
  first.trial = 4;
  first.fidelity = 2;
  RecordingReporter reporter;
  const Outcome paused = evaluator.evaluate(first, reporter);
  ASSERT_EQ(paused.status, Status::ok) << paused.message;
  EXPECT_TRUE(std::filesystem::exists(dir.file("trials/trial-4/torch-epoch-2.pt")));
  Job next = job(2);
  next.id = 9;
  next.trial = 4;
  next.from_fidelity = 2;
  next.fidelity = 3;
  const Outcome continued = evaluator.evaluate(next, reporter);
  ASSERT_EQ(continued.status, Status::ok) << continued.message;
  ASSERT_EQ(reporter.curve.size(), 3u);
  EXPECT_EQ(reporter.curve[2].first, 3.0);

  RecordingReporter straight;
  Job whole = job(1);
  whole.fidelity = 3;
  const Outcome three =
      TorchEvaluator(TorchEvaluatorSpec{fashion(), 1}, WorkerContext{}).evaluate(whole, straight);
  ASSERT_EQ(three.status, Status::ok) << three.message;
  EXPECT_EQ(reporter.curve, straight.curve);
  EXPECT_EQ(continued.objective, three.objective);

  // Without a trial directory, a continuation has no state to start from.
  TorchEvaluator stateless(TorchEvaluatorSpec{fashion(), 1}, WorkerContext{});
  const Outcome refused = stateless.evaluate(next, reporter);
  EXPECT_EQ(refused.status, Status::failed);
  EXPECT_NE(refused.message.find("no state directory"), std::string::npos) << refused.message;
}

TEST(TorchEvaluator, APauseDecisionEndsTheJobAtTheEpochWithItsStateSaved) {
  if (!have_fashion()) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  test::TempDir dir("hpsearch_torch");
  WorkerContext context;
  context.trial_root = dir.file("trials");
  TorchEvaluator evaluator(TorchEvaluatorSpec{fashion(), 1}, context);
  Job sent = job(1);
  sent.trial = 5;
  sent.fidelity = 3;
  RecordingReporter reporter(1); // the search answers the epoch-1 report with pause
  reporter.answer = ReportDecision::pause;
  const Outcome paused = evaluator.evaluate(sent, reporter);
  ASSERT_EQ(paused.status, Status::ok) << paused.message;
  EXPECT_EQ(reporter.curve.size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(dir.file("trials/trial-5/torch-epoch-1.pt")));
}

TEST(TorchEvaluator, MissingModuleIsAClearError) {
  setenv("HPSEARCH_TRAIN_MODULE", "/nonexistent/libhpsearch_train.so", 1);
  EXPECT_EQ(torch_module_candidates(),
            std::vector<std::string>{"/nonexistent/libhpsearch_train.so"});
  try {
    check_torch_objective(fashion());
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/libhpsearch_train.so"), std::string::npos)
        << e.what();
  }
  unsetenv("HPSEARCH_TRAIN_MODULE");
}

TEST(TorchEvaluator, MissingDataIsRefusedBeforeAnyTraining) {
  TorchSpec spec = fashion();
  spec.dataset = "mnist";
  spec.data_path = "/no/such/mnist";
  try {
    check_torch_objective(spec);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/no/such/mnist"), std::string::npos) << e.what();
  }
}

TEST(TorchModule, TheBuildsModuleIsFoundAndPassesTheInterfaceCheck) {
  const std::string path = find_torch_module();
  const SharedLibrary module(path, SharedLibrary::keep_loaded, "the trainer module");
  EXPECT_NO_THROW(check_torch_module_abi(module));
  EXPECT_NE(torch_module_create(module), nullptr);
}

TEST(TorchModule, ALibraryWithoutTheInterfaceIsRefusedNamingIt) {
  // Any shared library that is not the trainer module: the C library itself.
  const SharedLibrary other("libc.so.6", SharedLibrary::keep_loaded, "the trainer module");
  try {
    check_torch_module_abi(other);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_NE(std::string(e.what()).find("hpsearch_train_abi"), std::string::npos) << e.what();
  }
}

} // namespace
} // namespace hpsearch
