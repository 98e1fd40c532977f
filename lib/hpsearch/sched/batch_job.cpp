#include "hpsearch/sched/batch_job.hpp"

#include <cstdlib>

namespace hpsearch {

std::string batch_job_id() {
  for (const char* name : {"SLURM_JOB_ID", "COBALT_JOBID", "PBS_JOBID", "LSB_JOBID"}) {
    if (const char* value = std::getenv(name); value != nullptr && *value != '\0') return value;
  }
  return {};
}

} // namespace hpsearch
