#include "hpsearch/sched/scheduler.hpp"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace hpsearch {

namespace {

/// The leading positive integer of `text` ("4(x2)" -> 4); 0 when there is none.
int leading_count(const std::optional<std::string>& text) {
  if (!text) return 0;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end == text->data() || value < 0) return 0;
  return value;
}

} // namespace

std::string_view to_string(BatchSystem scheduler) {
  switch (scheduler) {
  case BatchSystem::slurm:
    return "slurm";
  case BatchSystem::cobalt:
    return "cobalt";
  case BatchSystem::pbs:
    return "pbs";
  case BatchSystem::none:
    break;
  }
  return "none";
}

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
  };
}

int count_distinct_hosts(std::string_view node_file) {
  std::set<std::string> hosts;
  std::istringstream lines{std::string(node_file)};
  std::string line;
  while (std::getline(lines, line)) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    const auto last = line.find_last_not_of(" \t\r");
    hosts.insert(line.substr(first, last - first + 1));
  }
  return static_cast<int>(hosts.size());
}

BatchJob detect_batch_job(
    const EnvLookup& env,
    const std::function<std::optional<std::string>(const std::string& path)>& read_file) {
  BatchJob job;
  if (auto id = env("SLURM_JOB_ID")) {
    job.scheduler = BatchSystem::slurm;
    job.job_id = *id;
    job.nodes = leading_count(env("SLURM_JOB_NUM_NODES"));
    if (job.nodes == 0) job.nodes = leading_count(env("SLURM_NNODES"));
    job.ranks_per_node = leading_count(env("SLURM_NTASKS_PER_NODE"));
    if (job.ranks_per_node == 0) job.ranks_per_node = leading_count(env("SLURM_TASKS_PER_NODE"));
  } else if (auto cobalt = env("COBALT_JOBID")) {
    job.scheduler = BatchSystem::cobalt;
    job.job_id = *cobalt;
    job.nodes = leading_count(env("COBALT_JOBSIZE"));
    if (job.nodes == 0) job.nodes = leading_count(env("COBALT_PARTSIZE"));
  } else if (auto pbs = env("PBS_JOBID")) {
    job.scheduler = BatchSystem::pbs;
    job.job_id = *pbs;
    if (const auto path = env("PBS_NODEFILE")) {
      if (const auto contents = read_file(*path)) job.nodes = count_distinct_hosts(*contents);
    }
  }
  return job;
}

std::string describe(const BatchJob& job) {
  if (job.scheduler == BatchSystem::none) return "no batch system";
  std::string text = std::string(to_string(job.scheduler)) + " job " + job.job_id;
  if (job.nodes > 0)
    text += " | " + std::to_string(job.nodes) + (job.nodes == 1 ? " node" : " nodes");
  if (job.ranks_per_node > 0)
    text += " | " + std::to_string(job.ranks_per_node) + " ranks per node";
  return text;
}

} // namespace hpsearch
