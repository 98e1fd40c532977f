// --duration trace:FILE: durations resampled from a CSV file or an earlier checkpoint, per
// step of a learning-curve job; bad files refused with the file, line and column.
#include "hpsearch/core/error.hpp"
#include "hpsearch/sim/duration_model.hpp"
#include "hpsearch/sim/duration_trace.hpp"
#include "hpsearch/sim/simulate_main.hpp"
#include "temp_dir.hpp"

#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <sstream>

namespace hpsearch {
namespace {

std::string write(const test::TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.file(name);
  std::ofstream(path) << text;
  return path;
}

TEST(DurationTrace, ReadsADurationColumn) {
  test::TempDir dir("trace");
  const std::string file = write(dir, "t.csv", "id,duration\n1,2.5\n2,7\n\n3,0.5\n");
  EXPECT_EQ(read_duration_trace(file), (std::vector<double>{2.5, 7.0, 0.5}));
}

// Start and finish times; a multi-fidelity row is divided into its whole steps (from 1 to 3:
// 2 steps), a `steps` column wins over the fidelities.
TEST(DurationTrace, DividesARowIntoTheStepsItRan) {
  test::TempDir dir("trace");
  const std::string file = write(dir, "t.csv",
                                 "started,finished,from_fidelity,fidelity\n"
                                 "100,112,0,3\n"   // 3 steps of 4 s
                                 "200,210,1,3\n"   // 2 steps of 5 s
                                 "300,306,0,0\n"); // no fidelity: one sample of 6 s
  EXPECT_EQ(read_duration_trace(file), (std::vector<double>{4.0, 5.0, 6.0}));
  const std::string with_steps = write(dir, "s.csv", "duration,steps,fidelity\n12,4,27\n");
  EXPECT_EQ(read_duration_trace(with_steps), (std::vector<double>{3.0}));
}

// `hpsearch export --csv` output is a trace as it is (its message column may be
// quoted and hold commas).
TEST(DurationTrace, ReadsAnExportedCsv) {
  test::TempDir dir("trace");
  const std::string file =
      write(dir, "export.csv",
            "p:x,objective,m:timestamp_start,m:timestamp_end,m:budget,m:from_budget,m:message\n"
            "0.5,0.25,1.0,3.0,0,0,\"ok, fine\"\r\n"
            "0.1,0.01,2.0,9.0,9,2,\"said \"\"hi\"\"\"\r\n");
  EXPECT_EQ(read_duration_trace(file), (std::vector<double>{2.0, 1.0}));
}

TEST(DurationTrace, RefusesBadFilesNamingFileLineAndColumn) {
  test::TempDir dir("trace");
  const auto refused = [](const std::string& file, const std::string& expect) {
    try {
      read_duration_trace(file);
      ADD_FAILURE() << "accepted " << file;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::bad_input);
      EXPECT_NE(std::string(e.what()).find(expect), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
    }
  };
  refused(dir.file("missing.csv"), "cannot be opened");
  refused(write(dir, "empty.csv", ""), "line 1: it is empty");
  refused(write(dir, "cols.csv", "a,b\n1,2\n"), "no 'duration' column");
  refused(write(dir, "nan.csv", "duration\n1\nabc\n"), "line 3: column 'duration' holds 'abc'");
  refused(write(dir, "neg.csv", "started,finished\n5,4\n"), "line 2: a negative duration");
  refused(write(dir, "rows.csv", "duration\n"), "no data row");
  refused(write(dir, "short.csv", "x,duration\n1\n"), "line 2: it has 1 fields");
  refused(dir.file("missing.h5"), "missing.h5");
}

// The model draws only the trace's samples, deterministically per seed, and all of them.
TEST(DurationTrace, TheModelResamplesTheTrace) {
  test::TempDir dir("trace");
  const std::string file = write(dir, "t.csv", "duration\n1\n2\n3\n");
  const DurationModel model = parse_duration_model("trace:" + file);
  EXPECT_EQ(model.kind, DurationModel::Kind::trace);
  EXPECT_NE(model.describe().find("(3 samples)"), std::string::npos) << model.describe();
  std::set<double> seen;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    EXPECT_EQ(model.draw(seed), model.draw(seed));
    seen.insert(model.draw(seed));
  }
  EXPECT_EQ(seen, (std::set<double>{1.0, 2.0, 3.0}));
}

std::string problem(const test::TempDir& dir, const std::string& function,
                    const std::string& space) {
  return write(dir, "problem.yaml",
               "space:\n" + space + "objective:\n  kind: function\n  name: " + function +
                   "\nrun:\n  max_evals: 4\n  seed: 3\n");
}

std::string simulate_to(const SimulateOptions& options) {
  std::ostringstream out, err;
  EXPECT_EQ(run_simulate(options, out, err), ExitCode::finished) << err.str();
  return out.str();
}

// An earlier checkpoint is a trace: a run with const:1.5 gives samples of 1.5 s, and a
// simulation from that trace reproduces its makespan; a learning-curve checkpoint gives
// per-step samples (its jobs' progress reports).
TEST(DurationTrace, AnEarlierCheckpointIsATrace) {
  test::TempDir dir("trace");
  SimulateOptions options;
  options.problem_path = problem(dir, "sphere", "  x: {type: real, low: -1.0, high: 1.0}\n");
  options.workers = 2;
  options.duration = "const:1.5";
  options.latency = 0.1;
  options.manager_cost = 0.05;
  options.checkpoint = dir.file("first.h5");
  const std::string first = simulate_to(options);
  EXPECT_EQ(read_duration_trace(dir.file("first.h5")), std::vector<double>(4, 1.5));
  options.duration = "trace:" + dir.file("first.h5");
  options.checkpoint = dir.file("second.h5");
  const std::string second = simulate_to(options);
  const auto makespan = [](const std::string& out) {
    const auto at = out.find("makespan ");
    return at == std::string::npos ? std::string() : out.substr(at, 20);
  };
  EXPECT_FALSE(makespan(first).empty()) << first;
  EXPECT_EQ(makespan(second), makespan(first)) << second;

  SimulateOptions curve = options;
  curve.problem_path = problem(dir, "curve_sphere",
                               "  a: {type: real, low: 0.0, high: 1.0}\n"
                               "  b: {type: real, low: 0.0, high: 1.0}\n");
  curve.workers = 1;
  curve.duration = "const:0.25";
  curve.max_evals = 1;
  curve.checkpoint = dir.file("curve.h5");
  simulate_to(curve);
  const std::vector<double> steps = read_duration_trace(dir.file("curve.h5"));
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_NEAR(steps[0], 0.25, 1e-9); // 27 steps of 0.25 s, not one of 6.75 s
}

} // namespace
} // namespace hpsearch
