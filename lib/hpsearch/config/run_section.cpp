// `run:` — when to stop, which seed, where to write.
#include "hpsearch/config/duration.hpp"
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_scalar.hpp"

#include <array>
#include <cmath>
#include <optional>

namespace hpsearch::detail {

namespace {

double read_max_time(const Field& field) {
  const ScalarType type = scalar_type(field.node());
  double seconds = 0.0;
  if (type == ScalarType::integer || type == ScalarType::real) {
    seconds = read_number(field);
  } else if (type == ScalarType::string) {
    const auto parsed = try_parse_duration(field.node().Scalar());
    if (!parsed) field.fail("invalid duration", duration_forms);
    seconds = *parsed;
  } else {
    field.fail("wrong type", duration_forms);
  }
  if (!std::isfinite(seconds) || seconds <= 0.0) {
    field.fail("max_time must be positive and finite", "a duration > 0");
  }
  return seconds;
}

/// `gpus_per_node: auto | <n>` and `threads_per_worker: <n>` (runtime/placement.hpp).
void read_placement(const MapReader& map, RunSpec& spec) {
  constexpr std::int64_t max_gpus = 1024;
  constexpr std::int64_t max_threads = 4096;
  if (const auto gpus = map.get("gpus_per_node")) {
    constexpr std::string_view expected = "auto, or an integer >= 0 (0: no GPU binding)";
    if (scalar_type(gpus->node()) == ScalarType::string && gpus->node().Scalar() == "auto") {
      spec.gpus_per_node = -1;
    } else {
      spec.gpus_per_node = read_integer(*gpus, expected);
      if (spec.gpus_per_node < 0) gpus->fail("gpus_per_node must not be negative", expected);
      if (spec.gpus_per_node > max_gpus) {
        gpus->fail("too many GPUs per node", "at most " + std::to_string(max_gpus));
      }
    }
  }
  if (const auto threads = map.get("threads_per_worker")) {
    spec.threads_per_worker = read_integer(*threads, "an integer >= 1");
    if (spec.threads_per_worker < 1) {
      threads->fail("threads_per_worker must be at least 1", "an integer >= 1");
    }
    if (spec.threads_per_worker > max_threads) {
      threads->fail("too many threads per worker", "at most " + std::to_string(max_threads));
    }
  }
}

/// `eval_memory: 8G` (core/memory_limit.hpp).
MemoryLimit read_eval_memory(const Field& field) {
  const ScalarType type = scalar_type(field.node());
  std::optional<std::uint64_t> bytes;
  if (type == ScalarType::integer || type == ScalarType::string) {
    bytes = parse_memory_size(field.node().Scalar());
  }
  if (!bytes) field.fail("invalid memory size", memory_size_forms);
  if (*bytes < min_memory_limit) field.fail("eval_memory is too small", memory_size_forms);
  return MemoryLimit{*bytes};
}

/// `eval_timeout: 30m`, `eval_memory: 8G`, `workdir: runs/`, `keep_workdirs: failed | all | none`.
void read_command_jobs(const MapReader& map, RunSpec& spec) {
  if (const auto timeout = map.get("eval_timeout")) {
    const ScalarType type = scalar_type(timeout->node());
    std::optional<double> seconds;
    if (type == ScalarType::integer || type == ScalarType::real) {
      seconds = read_number(*timeout);
    } else if (type == ScalarType::string) {
      seconds = try_parse_duration(timeout->node().Scalar());
    }
    if (!seconds || !std::isfinite(*seconds) || *seconds <= 0.0) {
      timeout->fail("eval_timeout must be a positive, finite duration", duration_forms);
    }
    spec.eval_timeout = *seconds;
  }
  if (const auto memory = map.get("eval_memory")) spec.eval_memory = read_eval_memory(*memory);
  if (const auto workdir = map.get("workdir")) {
    spec.workdir = read_string(*workdir, "a directory path");
    if (spec.workdir.empty()) workdir->fail("workdir must not be empty", "a directory path");
  }
  if (const auto keep = map.get("keep_workdirs")) {
    constexpr std::array<std::string_view, 3> policies = {"failed", "all", "none"};
    spec.keep_workdirs = read_choice(*keep, policies, "keep_workdirs policy");
  }
}

/// `trial_dir: /scratch/states`, `keep_trial_states: none | all` (eval/trial_state.hpp),
/// `keep_models: 3` (train/kept_model_options.hpp).
void read_trial_states(const MapReader& map, RunSpec& spec) {
  if (const auto dir = map.get("trial_dir")) {
    spec.trial_dir = read_string(*dir, "a directory path");
    if (spec.trial_dir.empty()) dir->fail("trial_dir must not be empty", "a directory path");
  }
  if (const auto keep = map.get("keep_trial_states")) {
    spec.keep_trial_states = read_choice(*keep, keep_trial_states_policies);
  }
  if (const auto keep = map.get("keep_models")) {
    spec.kept_models.keep = read_integer(*keep, "an integer >= 0");
    if (spec.kept_models.keep < 0) keep->fail("keep_models must be >= 0", "an integer >= 0");
  }
}

/// A duration >= 0 (`walltime_margin: 5m`, `drain: 30s`, `drain: 0`).
double read_non_negative_duration(const Field& field, std::string_view key) {
  const ScalarType type = scalar_type(field.node());
  std::optional<double> seconds;
  if (type == ScalarType::integer || type == ScalarType::real) {
    seconds = read_number(field);
  } else if (type == ScalarType::string) {
    seconds = try_parse_duration(field.node().Scalar());
  }
  if (!seconds || !std::isfinite(*seconds) || *seconds < 0.0) {
    field.fail(std::string(key) + " must be a duration >= 0", duration_forms);
  }
  return *seconds;
}

/// `deadline: 2024-05-01T12:00:00Z`, `walltime_margin: 5m`, `drain: 30s` (sched/deadline.hpp).
void read_walltime(const MapReader& map, RunSpec& spec) {
  if (const auto deadline = map.get("deadline")) {
    const ScalarType type = scalar_type(deadline->node());
    if (type != ScalarType::string && type != ScalarType::integer && type != ScalarType::real) {
      deadline->fail("wrong type",
                     "epoch seconds or an ISO 8601 time such as 2024-05-01T12:00:00Z");
    }
    spec.deadline = deadline->node().Scalar();
  }
  if (const auto margin = map.get("walltime_margin")) {
    spec.walltime_margin = read_non_negative_duration(*margin, "walltime_margin");
  }
  if (const auto drain = map.get("drain")) {
    spec.drain = read_non_negative_duration(*drain, "drain");
  }
}

/// `lock_lease: 2m`: at least a second, at most a day (a lock that stays stranded for
/// longer ends a job chain as surely as one that is never taken over).
void read_lock_lease(const MapReader& map, RunSpec& spec) {
  const auto lease = map.get("lock_lease");
  if (!lease) return;
  const ScalarType type = scalar_type(lease->node());
  std::optional<double> seconds;
  if (type == ScalarType::integer || type == ScalarType::real) {
    seconds = read_number(*lease);
  } else if (type == ScalarType::string) {
    seconds = try_parse_duration(lease->node().Scalar());
  }
  constexpr double day = 86400.0;
  if (!seconds || !std::isfinite(*seconds) || *seconds < 1.0 || *seconds > day) {
    lease->fail("lock_lease must be a duration from 1s to 1d",
                "a duration such as 2m (longer than any stall of the manager's file system)");
  }
  spec.lock_lease = *seconds;
}

} // namespace

RunSpec parse_run(const Field& field) {
  constexpr auto keys = std::to_array<std::string_view>(
      {"max_evals", "max_time", "seed", "checkpoint", "gpus_per_node", "threads_per_worker",
       "manager_threads", "eval_timeout", "eval_memory", "workdir", "keep_workdirs", "deadline",
       "walltime_margin", "drain", "max_requeues", "lock_lease", "trial_dir", "keep_trial_states",
       "keep_models"});
  const MapReader map(field, "a map such as {max_evals: 100, seed: 42}");
  map.allow_only(keys, "the run section");
  RunSpec spec;
  if (const auto max_evals = map.get("max_evals")) {
    spec.max_evals = read_integer(*max_evals, "a positive integer");
    if (spec.max_evals <= 0) max_evals->fail("max_evals must be positive", "an integer >= 1");
  }
  if (const auto max_time = map.get("max_time")) spec.max_time = read_max_time(*max_time);
  if (const auto seed = map.get("seed")) {
    const std::int64_t value = read_integer(*seed, "a non-negative integer");
    if (value < 0) seed->fail("seed must not be negative", "an integer >= 0");
    spec.seed = static_cast<std::uint64_t>(value);
  }
  if (const auto checkpoint = map.get("checkpoint")) {
    spec.checkpoint = read_string(*checkpoint, "a file path");
    if (spec.checkpoint.empty()) checkpoint->fail("checkpoint must not be empty", "a file path");
  }
  read_placement(map, spec);
  read_command_jobs(map, spec);
  read_trial_states(map, spec);
  read_walltime(map, spec);
  if (const auto requeues = map.get("max_requeues")) {
    constexpr std::int64_t most = 1000;
    spec.max_requeues = read_integer(*requeues, "an integer in [1, 1000]");
    if (spec.max_requeues < 1 || spec.max_requeues > most) {
      requeues->fail("max_requeues must be between 1 and 1000", "an integer in [1, 1000]");
    }
  }
  read_lock_lease(map, spec);
  if (const auto threads = map.get("manager_threads")) {
    spec.manager_threads = read_integer(*threads, "an integer >= 1");
    if (spec.manager_threads < 1 || spec.manager_threads > 1024) {
      threads->fail("manager_threads must be between 1 and 1024", "an integer in [1, 1024]");
    }
  }
  return spec;
}

} // namespace hpsearch::detail
