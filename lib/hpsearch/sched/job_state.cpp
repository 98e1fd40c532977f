#include "hpsearch/sched/job_state.hpp"

#include "hpsearch/sched/qstat.hpp"

#include <array>
#include <sstream>

namespace hpsearch {

namespace {

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

JobState slurm_state(const std::string& out) {
  const std::string state = trimmed(out);
  if (state.empty()) return JobState::finished; // no longer in the queue
  constexpr std::array<std::string_view, 9> final_states = {
      "COMPLETED",     "CANCELLED", "FAILED",    "TIMEOUT", "NODE_FAIL",
      "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE"};
  // squeue prints one line per job step array element; the first word is enough.
  const std::string first = state.substr(0, state.find_first_of(" \t\r\n"));
  for (const auto final_state : final_states) {
    if (first.rfind(final_state, 0) == 0) return JobState::finished; // "CANCELLED by 0"
  }
  return JobState::active;
}

JobState pbs_state(const std::string& out) {
  const auto attributes = parse_qstat_full(out);
  const auto state = attributes.find("job_state");
  if (state == attributes.end()) return JobState::unknown;
  const std::string value = trimmed(state->second);
  if (value == "F" || value == "C") return JobState::finished;
  return value.empty() ? JobState::unknown : JobState::active;
}

/// Cobalt's `qstat ID`: a header ("JobID  User  WallTime ...", "=====") and one row per
/// job still queued or running.
JobState cobalt_state(const std::string& out, const std::string& job_id) {
  std::istringstream lines(out);
  std::string line;
  bool header = false;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (first == "JobID") header = true;
    if (first == job_id) return JobState::active;
  }
  return header ? JobState::finished : JobState::unknown;
}

} // namespace

std::string_view to_string(JobState state) {
  switch (state) {
  case JobState::active:
    return "active";
  case JobState::finished:
    return "finished";
  case JobState::unknown:
    break;
  }
  return "unknown";
}

BatchSystem scheduler_named(std::string_view name) {
  for (const BatchSystem s : {BatchSystem::slurm, BatchSystem::cobalt, BatchSystem::pbs}) {
    if (to_string(s) == name) return s;
  }
  return BatchSystem::none;
}

JobState query_job_state(BatchSystem scheduler, const std::string& job_id,
                         const QueryCommand& query) {
  if (job_id.empty()) return JobState::unknown;
  switch (scheduler) {
  case BatchSystem::slurm:
    if (const auto out = query({"squeue", "-h", "-j", job_id, "-o", "%T"})) {
      return slurm_state(*out);
    }
    return JobState::unknown;
  case BatchSystem::pbs:
    if (const auto out = query({"qstat", "-f", job_id})) return pbs_state(*out);
    return JobState::unknown;
  case BatchSystem::cobalt:
    if (const auto out = query({"qstat", job_id})) return cobalt_state(*out, job_id);
    return JobState::unknown;
  case BatchSystem::none:
    break;
  }
  return JobState::unknown;
}

} // namespace hpsearch
