#include "hpsearch/store/lock_staleness.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace hpsearch {

namespace {

std::string seconds(double s) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(s < 10 ? 1 : 0);
  out << s << " s";
  return out.str();
}

} // namespace

double heartbeat_interval(double lease) {
  return std::min(5.0, lease / 8.0);
}

double effective_lease(const LockOwner& owner, double lease) {
  return std::max(lease, 3.0 * owner.refresh);
}

LockVerdict judge_lock(const LockEvidence& evidence, double lease, const JobFinished& finished) {
  const LockOwner& owner = evidence.owner;
  if (evidence.same_host) {
    // Certain knowledge beats the lease: a live process here may only be stalled.
    if (evidence.process_gone) return {true, "that process is gone"};
    return {false, "that process is running on this host"};
  }
  const double age = std::max(0.0, evidence.age);
  const double applied = effective_lease(owner, lease);
  const bool heartbeats = owner.refresh > 0.0;
  if (heartbeats && age > applied) {
    return {true, "its heartbeat is older than the lease of " + seconds(applied)};
  }
  if (!owner.job_id.empty() && finished && finished(owner)) {
    return {true, "its batch job " + owner.job_id + " has finished (" +
                      (owner.scheduler.empty() ? "scheduler" : owner.scheduler) + ")"};
  }
  if (!heartbeats) {
    return {false, "it was written by an hpsearch without heartbeats and cannot be judged "
                   "from here; remove it only if that process is gone"};
  }
  return {false, "its heartbeat is " + seconds(age) + " old; the lease of " + seconds(applied) +
                     " expires in " + seconds(applied - age) +
                     " if it is not refreshed (run again after that, or remove the lock file "
                     "only if that process is gone)"};
}

} // namespace hpsearch
