// run.keep_models on the manager's side (runtime/kept_models.hpp): real files in a temporary
// directory, pruned to the best K as results are recorded and when a run resumes.
#include "../temp_dir.hpp"
#include "hpsearch/runtime/kept_models.hpp"
#include "hpsearch/train/kept_model_path.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <sstream>

namespace hpsearch {
namespace {

void touch(const std::string& dir, JobId id) {
  std::filesystem::create_directories(dir);
  std::ofstream(kept_model_path(dir, id)) << "weights";
}

std::set<JobId> present(const std::string& dir) {
  std::set<JobId> ids;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (const auto id = kept_model_id(entry.path().filename().string())) ids.insert(*id);
  }
  return ids;
}

Actions result(JobId id, double objective, Status status = Status::ok) {
  Record record;
  record.evaluation.id = id;
  record.evaluation.objective = objective;
  record.evaluation.status = status;
  return {record};
}

TEST(KeptModels, KeepsTheBestKAsResultsArrive) {
  test::TempDir tmp;
  const std::string dir = tmp.file("models");
  KeptModels kept(dir, 2, Direction::maximize);
  std::ostringstream warn;
  kept.start({}, warn);
  const double objectives[] = {0.5, 0.7, 0.6, 0.9, 0.1};
  for (JobId id = 0; id < 5; ++id) {
    touch(dir, id);
    kept.record(result(id, objectives[id]), warn);
  }
  EXPECT_EQ(present(dir), (std::set<JobId>{1, 3}));
  EXPECT_EQ(kept.kept(), (std::vector<JobId>{3, 1}));
  // A failed job keeps nothing and displaces nothing.
  kept.record(result(5, 0.99, Status::failed), warn);
  EXPECT_EQ(kept.kept(), (std::vector<JobId>{3, 1}));
  EXPECT_EQ(warn.str(), "");
}

TEST(KeptModels, MinimizeAndTiesKeepTheEarlierEvaluation) {
  test::TempDir tmp;
  const std::string dir = tmp.file("models");
  KeptModels kept(dir, 1, Direction::minimize);
  std::ostringstream warn;
  touch(dir, 0);
  kept.record(result(0, 2.0), warn);
  touch(dir, 1);
  kept.record(result(1, 2.0), warn);
  EXPECT_EQ(present(dir), (std::set<JobId>{0}));
  touch(dir, 2);
  kept.record(result(2, 1.0), warn);
  EXPECT_EQ(present(dir), (std::set<JobId>{2}));
}

TEST(KeptModels, AResumePrunesFromTheCheckpointsRows) {
  test::TempDir tmp;
  const std::string dir = tmp.file("models");
  for (JobId id : {0, 1, 2, 7}) touch(dir, id); // 7: in flight when the allocation ended
  KeptModels kept(dir, 2, Direction::maximize);
  std::ostringstream warn;
  kept.start({{0, 0.3}, {1, 0.8}, {2, 0.5}, {3, 0.9}}, warn); // 3: its file was never written
  EXPECT_EQ(present(dir), (std::set<JobId>{1, 2}));
  touch(dir, 8);
  kept.record(result(8, 0.6), warn);
  EXPECT_EQ(present(dir), (std::set<JobId>{1, 8}));
}

TEST(KeptModels, ZeroKeepsEverythingUntouched) {
  test::TempDir tmp;
  const std::string dir = tmp.file("models");
  touch(dir, 4);
  KeptModels kept(dir, 0, Direction::maximize);
  std::ostringstream warn;
  kept.start({}, warn);
  kept.record(result(5, 1.0), warn);
  EXPECT_EQ(present(dir), (std::set<JobId>{4}));
}

TEST(KeptModelPath, NamesAndIds) {
  EXPECT_EQ(kept_model_path("/r/models", 12), "/r/models/eval-12.pt");
  EXPECT_EQ(kept_models_dir("/r"), "/r/models");
  EXPECT_EQ(kept_model_id("eval-12.pt"), 12);
  EXPECT_FALSE(kept_model_id("eval-12.pt.tmp"));
  EXPECT_FALSE(kept_model_id("eval-x.pt"));
  EXPECT_FALSE(kept_model_id("trial-3"));
}

} // namespace
} // namespace hpsearch
