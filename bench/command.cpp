// Per-evaluation overhead of the command evaluator (issue 6 target: median <= 5 ms) and of
// the plugin evaluator (target <= 50 us), the latter on configs/plugins/branin_plugin.
// The command evaluator's:
// CommandEvaluator::evaluate on a /bin/true-like child that prints one progress line and
// its objective, so every job pays for the job directory, config.json, posix_spawn, the
// poll loop, parsing, one report() and the reaping. For reference, the same child spawned
// bare through ChildProcess (spawn, read its stdout, wait): the difference is the
// evaluator's own overhead; the rest is the child's exec and startup, which depends on the
// machine's load. And the same bare child under a memory limit (run.eval_memory, RLIMIT_DATA:
// the /bin/sh exec wrapper of core/child_process.hpp): the wrapper's cost.
//
//   build/bench/command_overhead [jobs]     (default 1000)
#include "hpsearch/core/child_process.hpp"
#include "hpsearch/core/clock.hpp"
#include "hpsearch/eval/command_evaluator.hpp"
#include "hpsearch/eval/plugin_evaluator.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <poll.h>
#include <string>
#include <unistd.h>
#include <vector>

extern char** environ; // NOLINT: POSIX declares it nowhere else

namespace {

using namespace hpsearch;

class CountingReporter final : public Reporter {
public:
  bool report(double, double) override {
    ++reports;
    return false;
  }
  bool stop_requested() override { return false; }
  long reports = 0;
};

struct Stats {
  double median_ms;
  double p99_ms;
  double mean_ms;
};

Stats stats(std::vector<double> seconds) {
  std::sort(seconds.begin(), seconds.end());
  double sum = 0.0;
  for (double s : seconds) sum += s;
  const auto at = [&](double q) {
    return seconds[std::min(seconds.size() - 1, static_cast<std::size_t>(q * seconds.size()))];
  };
  return {at(0.5) * 1e3, at(0.99) * 1e3, sum / static_cast<double>(seconds.size()) * 1e3};
}

} // namespace

/// Median microseconds per PluginEvaluator::evaluate of the example plugin (dlopen'ed once):
/// the config's JSON, the C call, the result's mapping.
double plugin_overhead_us(int jobs) {
  setenv("HPS_BRANIN_SLEEP_MS", "0", 1);
  PluginEvaluator evaluator(HPSEARCH_EXAMPLE_PLUGIN);
  NullReporter reporter;
  Job job;
  job.id = 1;
  job.config.set("x1", 1.0);
  job.config.set("x2", 2.0);
  job.fidelity = 4;
  std::vector<double> micros;
  for (int i = 0; i < jobs; ++i) {
    const double start = monotonic_seconds();
    const Outcome outcome = evaluator.evaluate(job, reporter);
    micros.push_back((monotonic_seconds() - start) * 1e6);
    if (outcome.status != Status::ok) return -1.0;
  }
  std::nth_element(micros.begin(), micros.begin() + jobs / 2, micros.end());
  return micros[static_cast<std::size_t>(jobs / 2)];
}

int main(int argc, char** argv) {
  const int jobs = argc > 1 ? std::atoi(argv[1]) : 1000;
  if (jobs < 1) {
    std::fprintf(stderr, "usage: %s [jobs >= 1]\n", argv[0]);
    return 2;
  }
  const std::filesystem::path root = std::filesystem::temp_directory_path() /
                                     ("hpsearch-bench-command-" + std::to_string(::getpid()));
  // The same child, spawned bare: its environment, its stdout drained, waited for. What
  // `evaluate` costs beyond this is the evaluator's own overhead.
  const std::vector<std::string> child_argv = {"/usr/bin/printf",
                                               "progress: 1 0.5\\nobjective: 1\\n"};
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  CommandSpec spec;
  spec.command = {"/usr/bin/printf", "progress: 1 0.5\\nobjective: {x}\\n"};
  spec.parameters = {"x"};
  spec.workdir = root.string();
  spec.keep_workdirs = KeepWorkdirs::failed; // the default: an ok job's directory is removed
  CommandEvaluator evaluator(spec);
  CountingReporter reporter;

  // Interleaved, so that both see the same machine load.
  std::vector<double> bare;
  std::vector<double> full;
  std::vector<double> extra;
  int ok = 0;
  std::vector<double> limited; // the same child under run.eval_memory (its /bin/sh wrapper)
  const auto spawn_bare = [&](MemoryLimit limit) {
    const double t0 = monotonic_seconds();
    ChildProcess child(SpawnSpec{child_argv, env, "/", "/dev/null", limit, ""});
    char buffer[4096];
    while (true) {
      pollfd fd{child.stdout_fd(), POLLIN, 0};
      ::poll(&fd, 1, 1000);
      if (::read(child.stdout_fd(), buffer, sizeof buffer) == 0) break;
    }
    child.kill_and_reap();
    return monotonic_seconds() - t0;
  };
  for (int i = 0; i < jobs; ++i) {
    bare.push_back(spawn_bare({}));
    limited.push_back(spawn_bare(MemoryLimit{std::uint64_t{1} << 30}));

    Job job;
    job.id = i;
    job.config = Config({{"x", Value{1.0}}});
    const double t0 = monotonic_seconds();
    const Outcome outcome = evaluator.evaluate(job, reporter);
    full.push_back(monotonic_seconds() - t0);
    extra.push_back(full.back() - bare.back());
    ok += outcome.status == Status::ok && outcome.objective == 1.0 ? 1 : 0;
  }
  std::filesystem::remove_all(root);

  const Stats b = stats(bare);
  const Stats f = stats(full);
  const Stats x = stats(extra);
  std::printf("command evaluator overhead, %d jobs (child: printf 'progress: 1 0.5\\n"
              "objective: 1\\n')\n",
              jobs);
  std::printf("  same child, bare (spawn, read, wait)  median %.3f ms  p99 %.3f ms  mean %.3f ms\n",
              b.median_ms, b.p99_ms, b.mean_ms);
  const Stats l = stats(limited);
  std::printf("  same child, eval_memory 1G (RLIMIT_DATA through /bin/sh)  median %.3f ms  p99 "
              "%.3f ms  mean %.3f ms\n",
              l.median_ms, l.p99_ms, l.mean_ms);
  std::printf("  evaluate (dir, spawn, parse, report) median %.3f ms  p99 %.3f ms  mean %.3f ms\n",
              f.median_ms, f.p99_ms, f.mean_ms);
  std::printf("  evaluator overhead (pairwise diff)   median %.3f ms  p99 %.3f ms\n", x.median_ms,
              x.p99_ms);
  std::printf("  ok %d/%d, reports %ld; target median <= 5 ms: %s\n", ok, jobs, reporter.reports,
              f.median_ms <= 5.0 ? "met" : "MISSED");
  const double plugin_us = plugin_overhead_us(jobs);
  std::printf("plugin evaluator overhead (configs/plugins/branin_plugin, no sleep): median "
              "%.2f us over %d jobs; target <= 50 us: %s\n",
              plugin_us, jobs, plugin_us <= 50.0 ? "met" : "MISSED");
  return ok == jobs && reporter.reports == jobs ? 0 : 1;
}
