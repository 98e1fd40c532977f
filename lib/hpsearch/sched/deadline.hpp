#pragma once
// Deadline: when this allocation ends, and who said so. The first source that answers
// wins, in this order: the user (--deadline / run.deadline), SLURM_JOB_END_TIME (Slurm
// >= 23.02), `squeue -h -j ID -o %e` (Slurm 22.05 sets no variable), COBALT_ENDTIME,
// `qstat -f ID` (PBS: start + Resource_List.walltime), else none.
#include "hpsearch/sched/scheduler.hpp"

#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace hpsearch {

struct Deadline {
  double epoch = std::numeric_limits<double>::infinity(); ///< wall seconds; inf: none
  std::string source = "none"; ///< "--deadline", "squeue %e", "COBALT_ENDTIME", ...
  bool known() const { return epoch < std::numeric_limits<double>::infinity(); }
};

/// Runs a query command and returns its standard output (command_output in production).
using QueryCommand = std::function<std::optional<std::string>(const std::vector<std::string>&)>;

struct DeadlineRequest {
  std::optional<std::string> given; ///< the user's deadline text, if any
  std::string given_source;         ///< "--deadline" or "run.deadline"
};

/// Throws hpsearch::Error (bad input) naming `given_source` when the user's text is not a
/// time (time_text.hpp). Batch-system answers that cannot be read are skipped. `now`: the
/// wall time, used as the PBS start when qstat shows none.
Deadline find_deadline(const DeadlineRequest& request, const BatchJob& job, const EnvLookup& env,
                       const QueryCommand& query, double now);

/// True once `now` (wall seconds) is within `margin` seconds of the deadline.
bool deadline_due(const Deadline& deadline, double margin, double now);

/// "2024-05-01T12:00:00Z (squeue %e, in 3540 s)" or "none".
std::string describe(const Deadline& deadline, double now);

} // namespace hpsearch
