#include "hpsearch/search/pruner/pruner.hpp"

#include <set>

namespace hpsearch {

void Pruner::resume(std::span<const CurvePoint> curves) {
  std::set<JobId> jobs;
  for (const CurvePoint& point : curves) {
    (void)report(point.eval_id, point.step, point.value);
    jobs.insert(point.eval_id);
  }
  // The stored curves do not say how each job ended; every one of them has.
  for (const JobId job : jobs) job_ended(job, Status::ok);
}

} // namespace hpsearch
