#pragma once
// When a checkpoint lock held by another manager may be taken over. Pure: the evidence
// (store/lock_evidence.hpp gathers it) comes in, a verdict goes out.
//
// A lock whose host is this host is judged by its process alone, which is certain: stale
// when its pid is gone or is now another process (the start time differs), live while it
// runs (a stalled manager is still a manager). A lock from another host is stale when
//   1. its heartbeat is older than the lease: the owner refreshes the lock file every
//      `refresh` seconds from a thread of its own (store/lock_heartbeat.hpp), so a lock
//      that has not changed for a whole lease belongs to a manager that is dead or cut off
//      (SIGKILL at the walltime, node failure, OOM killer). The lease is the contender's
//      run.lock_lease, but at least three of the owner's refresh intervals;
//   2. the scheduler reports the owner's batch job finished (sched/job_state.hpp; asked
//      only when the age did not already decide, and only a definite answer counts).
// Otherwise it is live and respected, wherever its host is. A lock written before
// heartbeats existed (no refresh line) on another host is never judged by its age: it
// may belong to a live manager that does not refresh it.
//
// The heartbeat's age is measured on the file system's clock, not on the writer's or the
// reader's: age = mtime of a probe file the contender writes now next to the lock - mtime
// of the lock file. On NFS and the parallel file systems both are stamped by the same
// server, so clock skew between the owner's node and the contender's node does not enter.
// (A file system that stamps with each client's clock shifts the age by the skew between
// the two nodes: milliseconds under NTP, against a lease of minutes.) The owner's own
// clock reading (the heartbeat line) is shown in messages but never decides. A negative
// age (the lock stamped "after" the probe) counts as 0.
#include "hpsearch/store/lock_owner.hpp"

#include <functional>
#include <string>

namespace hpsearch {

/// What a contender knows about a lock held by someone else.
struct LockEvidence {
  LockOwner owner;
  double age = 0.0;          ///< seconds since the owner last touched the lock (fs clock)
  bool same_host = false;    ///< the owner's host is this host
  bool process_gone = false; ///< same host only: its pid is gone or is another process
};

struct LockVerdict {
  bool stale = false;
  /// Stale: why ("that process is gone", "its heartbeat is older than the lease of
  /// 120 s", "its batch job 42 has finished (slurm)"). Live: how old its heartbeat
  /// is and when the lease expires.
  std::string why;
};

/// Asked only when the age does not decide: true when the scheduler says the owner's batch
/// job has finished.
using JobFinished = std::function<bool(const LockOwner& owner)>;

/// Seconds between two heartbeats for a lease: a few seconds, at least 8 per lease.
double heartbeat_interval(double lease);

/// The lease applied to `owner`: `lease`, but at least 3 of the owner's refresh intervals
/// (an owner started with a longer lease refreshes less often).
double effective_lease(const LockOwner& owner, double lease);

LockVerdict judge_lock(const LockEvidence& evidence, double lease, const JobFinished& finished);

} // namespace hpsearch
