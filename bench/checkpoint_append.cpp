// checkpoint_append: the checkpoint's costs for N evaluations (default 100,000) of a
// 10-parameter space, printed as three lines:
//   1. appends/s: one row + H5Fflush per evaluation (the raw append path);
//   2. events/s: what the manager does per result (CheckpointJournal::commit): row + the
//      job log's two records (15 jobs in flight; restarted as the journal does) + /state
//      rewrite (the strategy calls since the last snapshot) + one H5Fflush, and a
//      random-search snapshot every 512 strategy calls;
//   3. resume: read_checkpoint + plan_resume (replay into a random search, restore state).
//   checkpoint_append [ROWS] [PATH]     (PATH defaults to a file in the temp directory)
#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/runtime/resume_plan.hpp"
#include "hpsearch/search/random_search.hpp"
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/reader.hpp"
#include "hpsearch/store/resume_state.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace hpsearch;

namespace {

SearchSpace ten_parameters() {
  SearchSpace space;
  space.add(Parameter::real("lr", 1e-5, 1e-1, true));
  space.add(Parameter::real("dropout", 0.0, 0.9));
  space.add(Parameter::real("momentum", 0.0, 0.99));
  space.add(Parameter::real("weight_decay", 1e-6, 1e-2, true));
  space.add(Parameter::integer("batch_size", 32, 512, true));
  space.add(Parameter::integer("units", 16, 1024, true));
  space.add(Parameter::integer("layers", 1, 8));
  space.add(Parameter::categorical("activation", {Value{"relu"}, Value{"tanh"}, Value{"elu"}}));
  space.add(Parameter::categorical("optimizer", {Value{"sgd"}, Value{"adam"}}));
  space.add(Parameter::categorical("width", {Value{std::int64_t{64}}, Value{std::int64_t{128}}}));
  return space;
}

std::vector<Evaluation> sample_evaluations(const SearchSpace& space) {
  Rng rng(42);
  std::vector<Evaluation> evaluations(1000);
  for (std::size_t i = 0; i < evaluations.size(); ++i) {
    Evaluation& ev = evaluations[i];
    ev.config = space.sample(rng);
    ev.status = i % 10 == 9 ? Status::failed : Status::ok;
    ev.objective = rng.uniform();
    ev.message = ev.status == Status::ok ? "" : "exit code 1: CUDA out of memory";
    ev.host = "node0001.cluster.example.org";
    ev.worker_rank = static_cast<int>(i % 128) + 1;
    ev.submitted_at = ev.started_at = ev.finished_at = wall_seconds();
  }
  return evaluations;
}

void report(const char* what, long rows, double seconds, const std::string& path) {
  const auto bytes = std::filesystem::file_size(path);
  std::printf("checkpoint_append: %-40s %ld in %.3f s = %.0f/s (%.1f us each), file %.1f MB\n",
              what, rows, seconds, static_cast<double>(rows) / seconds,
              1e6 * seconds / static_cast<double>(rows), static_cast<double>(bytes) / 1e6);
}

} // namespace

int main(int argc, char** argv) try {
  const long rows = argc > 1 ? std::atol(argv[1]) : 100000;
  const std::string path =
      argc > 2 ? argv[2]
               : (std::filesystem::temp_directory_path() / "hpsearch_bench_checkpoint.h5").string();
  const SearchSpace space = ten_parameters();
  const CheckpointInfo info{"bench: true\n",     "random", 42,
                            Direction::minimize, "bench",  wall_seconds()};
  std::vector<Evaluation> evaluations = sample_evaluations(space);

  // 1. Row + flush.
  std::filesystem::remove(path);
  {
    Checkpoint checkpoint = Checkpoint::create(path, space, info);
    const double t0 = monotonic_seconds();
    for (long i = 0; i < rows; ++i) {
      Evaluation& ev = evaluations[static_cast<std::size_t>(i) % evaluations.size()];
      ev.id = i;
      checkpoint.append(ev);
    }
    const double seconds = monotonic_seconds() - t0;
    checkpoint.close();
    report("appends (row + flush):", rows, seconds, path);
  }

  // 2. Row + state + flush, as CheckpointJournal::commit does per result.
  std::filesystem::remove(path);
  {
    Checkpoint checkpoint = Checkpoint::create(path, space, info);
    RandomSearch strategy(space, 42);
    std::vector<std::string> lines(15); // job log records of the jobs in flight
    std::uint64_t live = 0;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      lines[k] = job_sent_record(encode_job_line(
          PendingJob{static_cast<JobId>(k), evaluations[k].config, 0.0, 0.0, 1, -1, "node"}));
      live += lines[k].size();
    }
    std::uint64_t snapshot = checkpoint.write_strategy_snapshot(strategy.save_state());
    std::int64_t snapshot_rows = 0;
    std::string ops;
    std::size_t ops_count = 0;
    const double t0 = monotonic_seconds();
    for (long i = 0; i < rows; ++i) {
      Evaluation& ev = evaluations[static_cast<std::size_t>(i) % evaluations.size()];
      ev.id = i;
      checkpoint.add(ev);
      (void)strategy.ask();
      ops += (ops_count > 0 ? " t" : "t") + std::to_string(i) + " a";
      ops_count += 2;
      std::string& line = lines[static_cast<std::size_t>(i) % lines.size()];
      live -= line.size();
      line = job_sent_record(
          encode_job_line(PendingJob{i + 15, ev.config, 0.0, ev.submitted_at, 1, -1, ev.host}));
      live += line.size();
      const std::string records = job_ended_record(i) + line;
      JobLogRef jobs;
      if (i > 0 && checkpoint.jobs_length() + records.size() <= 2 * live + 64 * 1024) {
        jobs = checkpoint.append_jobs(records);
      } else {
        std::string all;
        for (const auto& l : lines) all += l;
        jobs = checkpoint.restart_jobs(all);
      }
      if (ops_count >= 512) {
        snapshot = checkpoint.write_strategy_snapshot(strategy.save_state());
        snapshot_rows = i + 1;
        ops.clear();
        ops_count = 0;
      }
      checkpoint.write_state(encode_state(wall_seconds(), i + 16, i + 1, jobs, "", 0, snapshot,
                                          snapshot_rows, ops, ops_count, 0));
      checkpoint.flush();
    }
    const double seconds = monotonic_seconds() - t0;
    checkpoint.close();
    report("events (row + state + flush):", rows, seconds, path);
  }

  // What part of 2 is the strategy's own save_state() (random search: the RNG as text)?
  {
    RandomSearch strategy(space, 42);
    std::size_t bytes = 0;
    const double t0 = monotonic_seconds();
    for (long i = 0; i < rows / 10; ++i) bytes += strategy.save_state().size();
    const double seconds = monotonic_seconds() - t0;
    std::printf("checkpoint_append: random search save_state(): %.1f us each (%zu bytes)\n",
                1e6 * seconds / static_cast<double>(rows / 10),
                bytes / static_cast<std::size_t>(rows / 10));
  }

  // 3. Resume from the file of 2.
  {
    Problem problem;
    problem.space = space;
    problem.search.strategy.kind = StrategyKind::random;
    RandomSearch strategy(space, 42);
    const double t0 = monotonic_seconds();
    const CheckpointContents contents = read_checkpoint(path);
    const ResumePlan plan = plan_resume(contents, problem, strategy, false);
    const double seconds = monotonic_seconds() - t0;
    std::printf("checkpoint_append: resume (open + read + replay) of %zu evaluations in %.3f s "
                "(%zu lost re-queued, next id %lld)\n",
                contents.evaluations.size(), seconds, plan.point.requeue.size(),
                static_cast<long long>(plan.point.next_id));
  }
  std::filesystem::remove(path);
  return 0;
} catch (const Error& e) {
  std::fprintf(stderr, "checkpoint_append: %s\n", e.what());
  return 2;
}
