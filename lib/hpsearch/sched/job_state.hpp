#pragma once
// Whether a batch job is still in its scheduler's queue, asked of the scheduler's own
// client: `squeue -h -j ID -o %T` (Slurm), `qstat -f ID` (PBS Pro, Torque), `qstat ID`
// (Cobalt). Used to judge another manager's checkpoint lock (store/checkpoint_lock.hpp):
// a lock whose batch job has finished is stale whatever its heartbeat says.
//
// Only a definite answer counts as "finished": a client that is missing, fails, hangs past
// its time limit (sched/query_output.hpp) or prints something unreadable gives `unknown`,
// and the caller falls back to the lock's lease.
#include "hpsearch/sched/deadline.hpp"
#include "hpsearch/sched/scheduler.hpp"

#include <string>
#include <string_view>

namespace hpsearch {

enum class JobState { active, finished, unknown };

/// "active", "finished", "unknown".
std::string_view to_string(JobState state);

/// The state of `job_id` under `scheduler` (BatchSystem::none or an empty id: unknown).
/// Slurm: an empty answer (the job has left the queue) or a final state (COMPLETED,
/// CANCELLED, FAILED, TIMEOUT, NODE_FAIL, OUT_OF_MEMORY, PREEMPTED, BOOT_FAIL, DEADLINE)
/// is finished; any other state (PENDING, RUNNING, COMPLETING, ...) is active. PBS:
/// job_state F (PBS Pro) or C (Torque) is finished, any other is active. Cobalt: a table
/// without the job's row is finished, with it active.
JobState query_job_state(BatchSystem scheduler, const std::string& job_id,
                         const QueryCommand& query);

/// The scheduler named by to_string(BatchSystem) ("slurm", ...); none for anything else.
BatchSystem scheduler_named(std::string_view name);

} // namespace hpsearch
