// store/run_paths: where a run's files go, from the command line and the problem file.
#include "hpsearch/store/run_paths.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

TEST(RunPaths, DefaultsSitBesideTheCheckpoint) {
  const RunPaths paths = resolve_run_paths("problems/search.yaml", std::nullopt, "", "", "");
  EXPECT_EQ(paths.checkpoint, "search.h5");
  EXPECT_EQ(paths.lock, "search.h5.lock");
  EXPECT_EQ(paths.workdir, "search.work");
  EXPECT_EQ(paths.trial_dir, "search.trials");
  const RunPaths nested = resolve_run_paths("p.yaml", std::string("runs/a.h5"), "b.h5", "", "");
  EXPECT_EQ(nested.checkpoint, "runs/a.h5");
  EXPECT_EQ(nested.workdir, "runs/a.work");
  EXPECT_EQ(nested.trial_dir, "runs/a.trials");
  const RunPaths other = resolve_run_paths("p.yaml", std::nullopt, "runs/c.ckpt", "", "");
  EXPECT_EQ(other.trial_dir, "runs/c.ckpt.trials") << "only .h5 is taken off";
}

TEST(RunPaths, RunKeysOverrideTheDefaults) {
  const RunPaths paths =
      resolve_run_paths("p.yaml", std::nullopt, "runs/s.h5", "/tmp/jobs", "/scratch/states");
  EXPECT_EQ(paths.checkpoint, "runs/s.h5");
  EXPECT_EQ(paths.workdir, "/tmp/jobs");
  EXPECT_EQ(paths.trial_dir, "/scratch/states");
}

} // namespace
} // namespace hpsearch
