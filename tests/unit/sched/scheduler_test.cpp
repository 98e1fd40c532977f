#include "env_of.hpp"
#include "hpsearch/sched/scheduler.hpp"

#include <gtest/gtest.h>
#include <map>

namespace hpsearch {
namespace {

using test::env_of;

std::optional<std::string> no_file(const std::string&) {
  return std::nullopt;
}

TEST(DetectBatchJob, NothingSetIsALocalRun) {
  const BatchJob job = detect_batch_job(env_of({{"HOME", "/root"}}), no_file);
  EXPECT_EQ(job.scheduler, BatchSystem::none);
  EXPECT_EQ(job.job_id, "");
  EXPECT_EQ(describe(job), "no batch system");
}

TEST(DetectBatchJob, SlurmGivesItsIdNodesAndTasksPerNode) {
  const BatchJob job = detect_batch_job(env_of({{"SLURM_JOB_ID", "4242"},
                                                {"SLURM_JOB_NUM_NODES", "2"},
                                                {"SLURM_TASKS_PER_NODE", "4(x2)"}}),
                                        no_file);
  EXPECT_EQ(job.scheduler, BatchSystem::slurm);
  EXPECT_EQ(job.job_id, "4242");
  EXPECT_EQ(job.nodes, 2);
  EXPECT_EQ(job.ranks_per_node, 4);
  EXPECT_EQ(describe(job), "slurm job 4242 | 2 nodes | 4 ranks per node");
}

TEST(DetectBatchJob, CobaltGivesItsIdAndJobSize) {
  const BatchJob job = detect_batch_job(
      env_of({{"COBALT_JOBID", "99"}, {"COBALT_JOBSIZE", "128"}, {"COBALT_PARTNAME", "x"}}),
      no_file);
  EXPECT_EQ(job.scheduler, BatchSystem::cobalt);
  EXPECT_EQ(job.job_id, "99");
  EXPECT_EQ(job.nodes, 128);
  EXPECT_EQ(job.ranks_per_node, 0);
}

TEST(DetectBatchJob, PbsCountsTheDistinctHostsOfItsNodeFile) {
  const auto read = [](const std::string& path) -> std::optional<std::string> {
    if (path != "/var/spool/pbs/aux/77.polaris") return std::nullopt;
    return "x1000c0s0b0n0\nx1000c0s0b0n0\nx1000c0s0b1n0\n\nx1000c0s0b1n0\n";
  };
  const BatchJob job = detect_batch_job(
      env_of({{"PBS_JOBID", "77.polaris"}, {"PBS_NODEFILE", "/var/spool/pbs/aux/77.polaris"}}),
      read);
  EXPECT_EQ(job.scheduler, BatchSystem::pbs);
  EXPECT_EQ(job.job_id, "77.polaris");
  EXPECT_EQ(job.nodes, 2);
  EXPECT_EQ(describe(job), "pbs job 77.polaris | 2 nodes");
}

TEST(DetectBatchJob, SlurmWinsWhenSeveralAreSetAndEmptyValuesCountAsUnset) {
  EXPECT_EQ(
      detect_batch_job(env_of({{"SLURM_JOB_ID", "1"}, {"PBS_JOBID", "2"}}), no_file).scheduler,
      BatchSystem::slurm);
  EXPECT_EQ(detect_batch_job(env_of({{"SLURM_JOB_ID", ""}, {"PBS_JOBID", "2"}}), no_file).scheduler,
            BatchSystem::pbs);
}

TEST(DetectBatchJob, MalformedCountsAreUnknown) {
  const BatchJob job =
      detect_batch_job(env_of({{"SLURM_JOB_ID", "5"}, {"SLURM_JOB_NUM_NODES", "many"}}), no_file);
  EXPECT_EQ(job.nodes, 0);
  EXPECT_EQ(describe(job), "slurm job 5");
}

} // namespace
} // namespace hpsearch
