// User metrics in the checkpoint: declared metrics become float64 columns m:<name>, the rest
// of a row's metadata one JSON column; a checkpoint written before user metrics still reads
// and resumes (tests/fixtures/checkpoints/format4_pre_metrics.h5).
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/reader.hpp"
#include "hpsearch/store/schema.hpp"
#include "store_test_util.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <hdf5.h>

namespace hpsearch {
namespace {

const std::string kPreMetrics =
    std::string(HPSEARCH_FIXTURES) + "/checkpoints/format4_pre_metrics.h5";

Evaluation with_metadata(std::int64_t i, std::string metadata) {
  Evaluation ev = test::make_evaluation(i);
  ev.metadata = std::move(metadata);
  return ev;
}

/// The names of /evaluations' members, read with the HDF5 C API (not the store's reader).
std::vector<std::string> member_names(const std::string& path) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t ds = H5Dopen2(file, schema::kEvaluations, H5P_DEFAULT);
  const hid_t type = H5Dget_type(ds);
  std::vector<std::string> names;
  for (int i = 0; i < H5Tget_nmembers(type); ++i) {
    char* name = H5Tget_member_name(type, static_cast<unsigned>(i));
    names.emplace_back(name);
    H5free_memory(name);
  }
  H5Tclose(type);
  H5Dclose(ds);
  H5Fclose(file);
  return names;
}

TEST(Metrics, DeclaredMetricsAreColumnsAndTheRestOneJsonColumn) {
  test::TempDir dir;
  const std::string path = dir.file("m.h5");
  const std::vector<std::string> metrics = {"train_time", "params"};
  {
    Checkpoint c = Checkpoint::create(path, test::mixed_space(), test::test_info(), {}, metrics);
    c.append(with_metadata(0, R"({"train_time": 1.5, "params": 100, "note": "x", "c": [1, 2]})"));
    // A declared metric that is not a number stays in the JSON column, as does an undeclared
    // null; a declared null is no value.
    c.append(with_metadata(1, R"({"params": "many", "loss": null, "train_time": null})"));
    c.append(with_metadata(2, ""));
    c.close();
  }
  const auto names = member_names(path);
  const std::vector<std::string> tail(names.end() - 3, names.end());
  EXPECT_EQ(tail, (std::vector<std::string>{"metadata", "m:train_time", "m:params"}));

  const CheckpointContents c = read_checkpoint(path);
  EXPECT_TRUE(c.metric_columns);
  EXPECT_EQ(c.metrics, metrics);
  ASSERT_EQ(c.evaluations.size(), 3u);
  EXPECT_EQ(c.evaluations[0].metadata, R"({"train_time":1.5,"params":100.0,"note":"x","c":[1,2]})");
  EXPECT_EQ(c.evaluations[1].metadata, R"({"params":"many","loss":null})");
  EXPECT_EQ(c.evaluations[2].metadata, "");
  EXPECT_EQ(c.evaluations[0].config, test::make_evaluation(0).config);
}

TEST(Metrics, WithoutDeclaredMetricsEveryMetricGoesToTheJsonColumn) {
  test::TempDir dir;
  const std::string path = dir.file("m.h5");
  {
    Checkpoint c = Checkpoint::create(path, test::mixed_space(), test::test_info());
    c.append(with_metadata(0, R"({"train_time": 2.0, "params": 7})"));
    c.close();
  }
  EXPECT_EQ(member_names(path).back(), "metadata");
  const CheckpointContents c = read_checkpoint(path);
  EXPECT_TRUE(c.metric_columns);
  EXPECT_TRUE(c.metrics.empty());
  EXPECT_EQ(c.evaluations.at(0).metadata, R"({"train_time":2.0,"params":7})");
}

TEST(Metrics, PreMetricsCheckpointReadsWithoutMetrics) {
  const CheckpointContents c = read_checkpoint(kPreMetrics);
  EXPECT_EQ(c.format_version, 4);
  EXPECT_FALSE(c.metric_columns);
  EXPECT_TRUE(c.metrics.empty());
  ASSERT_EQ(c.evaluations.size(), 4u);
  for (const auto& ev : c.evaluations) EXPECT_EQ(ev.metadata, "");
  EXPECT_EQ(c.parameters, (std::vector<std::string>{"x", "act"}));
}

TEST(Metrics, PreMetricsCheckpointResumesInItsOwnLayout) {
  test::TempDir dir;
  const std::string path = dir.file("old.h5");
  std::filesystem::copy_file(kPreMetrics, path);
  const auto before = member_names(path);
  {
    Checkpoint c = Checkpoint::open(path);
    c.start_allocation(Allocation{1800000000.0, 0.0, 2, 1, "", "h", "running"}, 1800000000.0);
    Evaluation ev;
    ev.id = 4;
    ev.config.set("x", 0.5);
    ev.config.set("act", std::string("tanh"));
    ev.objective = 0.25;
    ev.metadata = R"({"train_time": 3.0})";
    c.append(ev);
    c.end_allocation(1800000001.0, "max_evals reached");
    c.close();
  }
  EXPECT_EQ(member_names(path), before) << "the old layout is kept: no column added";
  const CheckpointContents c = read_checkpoint(path);
  ASSERT_EQ(c.evaluations.size(), 5u);
  EXPECT_EQ(c.evaluations[4].objective, 0.25);
  EXPECT_EQ(c.evaluations[4].metadata, "") << "no column to keep it in";
  EXPECT_EQ(c.allocations.size(), 2u);
}

} // namespace
} // namespace hpsearch
