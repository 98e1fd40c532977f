// checkpoint_append: appends N rows (default 100,000) of a 10-parameter space to a fresh
// checkpoint, flushing after each as the manager does, and prints appends per second.
//   checkpoint_append [ROWS] [PATH]     (PATH defaults to a file in the temp directory)
#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/store/checkpoint.hpp"

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

} // namespace

int main(int argc, char** argv) try {
  const long rows = argc > 1 ? std::atol(argv[1]) : 100000;
  const std::string path =
      argc > 2 ? argv[2]
               : (std::filesystem::temp_directory_path() / "hpsearch_bench_checkpoint.h5").string();
  std::filesystem::remove(path);
  const SearchSpace space = ten_parameters();
  Rng rng(42);
  CheckpointInfo info{"bench: true\n", "random", 42, Direction::minimize, "bench", wall_seconds()};
  Checkpoint checkpoint = Checkpoint::create(path, space, info);
  // Prepare the evaluations first so that only append() is timed.
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
  const double t0 = monotonic_seconds();
  for (long i = 0; i < rows; ++i) {
    Evaluation& ev = evaluations[static_cast<std::size_t>(i) % evaluations.size()];
    ev.id = i;
    checkpoint.append(ev);
  }
  const double seconds = monotonic_seconds() - t0;
  checkpoint.close();
  const auto bytes = std::filesystem::file_size(path);
  std::filesystem::remove(path);
  std::printf("checkpoint_append: %ld rows in %.3f s = %.0f appends/s (%.1f us each), file %.1f "
              "MB\n",
              rows, seconds, static_cast<double>(rows) / seconds,
              1e6 * seconds / static_cast<double>(rows), static_cast<double>(bytes) / 1e6);
  return 0;
} catch (const Error& e) {
  std::fprintf(stderr, "checkpoint_append: %s\n", e.what());
  return 2;
}
