#pragma once
// Which batch system runs this process, and what it says about the job, from the
// environment it sets. Pure: the environment comes in as a lookup function, so tests pass
// a map and production passes process_environment().
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace hpsearch {

enum class BatchSystem { none, slurm, cobalt, pbs };

/// "none", "slurm", "cobalt", "pbs".
std::string_view to_string(BatchSystem scheduler);

/// An environment variable's value; nullopt when unset or empty.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

/// std::getenv.
EnvLookup process_environment();

struct BatchJob {
  BatchSystem scheduler = BatchSystem::none;
  std::string job_id;     ///< SLURM_JOB_ID, COBALT_JOBID, PBS_JOBID; empty when none
  int nodes = 0;          ///< 0: unknown
  int ranks_per_node = 0; ///< 0: unknown (set by the launcher's flags, not the scheduler)
};

/// Slurm (SLURM_JOB_ID), else Cobalt (COBALT_JOBID), else PBS (PBS_JOBID), else none.
/// Nodes: SLURM_JOB_NUM_NODES, COBALT_JOBSIZE (or COBALT_PARTSIZE), the distinct hosts of
/// PBS_NODEFILE (read with `read_file`). Ranks per node: SLURM_NTASKS_PER_NODE, else the
/// first count of SLURM_TASKS_PER_NODE ("4(x2)").
BatchJob detect_batch_job(
    const EnvLookup& env,
    const std::function<std::optional<std::string>(const std::string& path)>& read_file);

/// The distinct host names of a PBS node file (one line per rank slot).
int count_distinct_hosts(std::string_view node_file);

/// "slurm job 123 | 2 nodes | 4 ranks per node", "no batch system" — for the start line.
std::string describe(const BatchJob& job);

} // namespace hpsearch
