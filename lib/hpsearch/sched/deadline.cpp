#include "hpsearch/sched/deadline.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/sched/qstat.hpp"
#include "hpsearch/sched/time_text.hpp"

#include <cmath>

namespace hpsearch {

namespace {

std::optional<Deadline> from_env(const EnvLookup& env, const std::string& name) {
  if (const auto value = env(name)) {
    if (const auto epoch = parse_time_point(*value); epoch && *epoch > 0.0) {
      return Deadline{*epoch, name};
    }
  }
  return std::nullopt;
}

std::optional<Deadline> slurm_deadline(const BatchJob& job, const EnvLookup& env,
                                       const QueryCommand& query) {
  if (auto d = from_env(env, "SLURM_JOB_END_TIME")) return d;
  const auto out = query({"squeue", "-h", "-j", job.job_id, "-o", "%e"});
  if (!out) return std::nullopt;
  // "2024-05-01T12:34:56" in local time; "N/A" or "Unknown" when there is no limit.
  if (const auto epoch = parse_time_point(*out)) return Deadline{*epoch, "squeue %e"};
  return std::nullopt;
}

std::optional<Deadline> pbs_deadline(const BatchJob& job, const QueryCommand& query, double now) {
  const auto out = query({"qstat", "-f", job.job_id});
  if (!out) return std::nullopt;
  const auto attributes = parse_qstat_full(*out);
  if (const auto end = qstat_walltime_end(attributes, now)) {
    return Deadline{*end, attributes.contains("stime") ? "qstat stime + walltime"
                                                       : "qstat walltime from now"};
  }
  return std::nullopt;
}

} // namespace

Deadline find_deadline(const DeadlineRequest& request, const BatchJob& job, const EnvLookup& env,
                       const QueryCommand& query, double now) {
  if (request.given) {
    const auto epoch = parse_time_point(*request.given);
    if (!epoch) {
      throw Error::input(request.given_source + " '" + *request.given +
                         "' is not a time: expected " + std::string(time_point_forms));
    }
    return Deadline{*epoch, request.given_source};
  }
  std::optional<Deadline> found;
  switch (job.scheduler) {
  case BatchSystem::slurm:
    found = slurm_deadline(job, env, query);
    break;
  case BatchSystem::cobalt:
    found = from_env(env, "COBALT_ENDTIME");
    break;
  case BatchSystem::pbs:
    found = pbs_deadline(job, query, now);
    break;
  case BatchSystem::none:
    break;
  }
  return found.value_or(Deadline{});
}

bool deadline_due(const Deadline& deadline, double margin, double now) {
  return deadline.known() && now >= deadline.epoch - margin;
}

std::string describe(const Deadline& deadline, double now) {
  if (!deadline.known()) return "none";
  return format_utc(deadline.epoch) + " (" + deadline.source + ", in " +
         std::to_string(std::lround(deadline.epoch - now)) + " s)";
}

} // namespace hpsearch
