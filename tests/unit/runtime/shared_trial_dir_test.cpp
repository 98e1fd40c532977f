// A node-local run.trial_dir is refused on a job of several nodes
// (runtime/shared_trial_dir.hpp).
#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/shared_trial_dir.hpp"

#include <gtest/gtest.h>
#include <string>

namespace hpsearch {
namespace {

TEST(SharedTrialDir, TemporaryDirectoriesAreNodeLocal) {
  EXPECT_NE(node_local_reason("/tmp/run/states", ""), "");
  EXPECT_NE(node_local_reason("/dev/shm/states", ""), "");
  EXPECT_NE(node_local_reason("/var/tmp/x", ""), "");
  EXPECT_NE(node_local_reason("/scratch/local/job7/states", "/scratch/local/job7"), "");
  EXPECT_EQ(node_local_reason("/tmpfoo/states", ""), "") << "a prefix of a name is not a parent";
}

TEST(SharedTrialDir, ASeveralNodeJobRefusesANodeLocalDirectoryNamingKeyPathAndReason) {
  EXPECT_NO_THROW(check_trial_dir_shared("/tmp/states", 1, "")) << "one node sees its own /tmp";
  EXPECT_NO_THROW(check_trial_dir_shared("/tmp/states", 0, "")) << "unknown: no batch job";
  try {
    check_trial_dir_shared("/tmp/states", 2, "");
    FAIL() << "a node-local directory on 2 nodes";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_NE(what.find("run.trial_dir"), std::string::npos) << what;
    EXPECT_NE(what.find("/tmp/states"), std::string::npos) << what;
    EXPECT_NE(what.find("2 nodes"), std::string::npos) << what;
  }
}

} // namespace
} // namespace hpsearch
