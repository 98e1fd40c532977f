// Population-based training's lineage column `parent` (store/schema.hpp): written by every
// new checkpoint and read back; a checkpoint written before it (at the same format 4) reads
// every parent as -1 and resumes in its own layout, like the user-metric columns.
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/reader.hpp"
#include "hpsearch/store/schema.hpp"
#include "store_test_util.hpp"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>
#include <hdf5.h>

namespace hpsearch {
namespace {

const std::string kPreLineage =
    std::string(HPSEARCH_FIXTURES) + "/checkpoints/format4_pre_metrics.h5";

/// Whether /evaluations has a member `name`, asked with the HDF5 C API (not the store).
bool has_member(const std::string& path, const char* name) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t ds = H5Dopen2(file, schema::kEvaluations, H5P_DEFAULT);
  const hid_t type = H5Dget_type(ds);
  const bool found = H5Tget_member_index(type, name) >= 0;
  H5Tclose(type);
  H5Dclose(ds);
  H5Fclose(file);
  return found;
}

TEST(Lineage, NewCheckpointsRecordEachRowsParent) {
  test::TempDir dir;
  const std::string path = dir.file("l.h5");
  {
    Checkpoint c = Checkpoint::create(path, test::mixed_space(), test::test_info());
    for (std::int64_t i = 0; i < 8; ++i) c.append(test::make_trial_evaluation(i));
    c.close();
  }
  EXPECT_TRUE(has_member(path, schema::kParent));
  const CheckpointContents c = read_checkpoint(path);
  EXPECT_EQ(c.format_version, 4) << "the optional column does not bump the format";
  EXPECT_TRUE(c.parent_column);
  ASSERT_EQ(c.evaluations.size(), 8u);
  for (std::int64_t i = 0; i < 8; ++i) {
    EXPECT_EQ(c.evaluations[static_cast<std::size_t>(i)].parent,
              test::make_trial_evaluation(i).parent)
        << "row " << i;
  }
  EXPECT_TRUE(std::any_of(c.evaluations.begin(), c.evaluations.end(),
                          [](const Evaluation& ev) { return ev.parent >= 0; }));
}

TEST(Lineage, PreLineageCheckpointReadsAndResumesWithoutTheColumn) {
  ASSERT_FALSE(has_member(kPreLineage, schema::kParent));
  const CheckpointContents old = read_checkpoint(kPreLineage);
  EXPECT_EQ(old.format_version, 4);
  EXPECT_FALSE(old.parent_column);
  for (const auto& ev : old.evaluations) EXPECT_EQ(ev.parent, -1);

  test::TempDir dir;
  const std::string path = dir.file("old.h5");
  std::filesystem::copy_file(kPreLineage, path);
  {
    Checkpoint c = Checkpoint::open(path);
    c.start_allocation(Allocation{1800000000.0, 0.0, 2, 1, "", "h", "running"}, 1800000000.0);
    Evaluation ev;
    ev.id = static_cast<JobId>(old.evaluations.size());
    ev.config.set("x", 0.5);
    ev.config.set("act", std::string("tanh"));
    ev.objective = 0.25;
    ev.parent = 2;
    c.append(ev);
    c.end_allocation(1800000001.0, "max_evals reached");
    c.close();
  }
  EXPECT_FALSE(has_member(path, schema::kParent)) << "the old layout is kept";
  const CheckpointContents c = read_checkpoint(path);
  ASSERT_EQ(c.evaluations.size(), old.evaluations.size() + 1);
  EXPECT_EQ(c.evaluations.back().objective, 0.25);
  EXPECT_EQ(c.evaluations.back().parent, -1) << "no column to keep it in";
}

} // namespace
} // namespace hpsearch
