#pragma once
// The batch job this process runs in, from the environment the batch system sets.
#include <string>

namespace hpsearch {

/// SLURM_JOB_ID, COBALT_JOBID, PBS_JOBID or LSB_JOBID, whichever is set first; "" when
/// none is (a local run).
std::string batch_job_id();

} // namespace hpsearch
