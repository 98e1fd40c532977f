// bench/eval_host: what evaluation isolation (issue 14) costs, before and after, in one run.
// The same evaluations in-process (the evaluator built in this process, as worker ranks ran
// plugin and torch jobs before) and isolated (HostEvaluator: a hpsearch-eval-host child that
// builds the evaluator once and evaluates each job sent over its socket), interleaved so that
// both see the same machine load:
//
//   plugin  configs/plugins/branin_plugin (no sleep, 4 progress reports per evaluation):
//           median wall time per evaluation, and the difference (target: <= 1 ms);
//   torch   one training epoch per job (784-256-10 MLP, Adam 1e-3, batch 128, 1 thread, the
//           60,000 Fashion-MNIST training images less a 10 % validation split, validated):
//           median wall time per job, and the ratio isolated / in-process (target: <= 1.03).
//
//   build-bench/bench/eval_host [PLUGIN_EVALS] [EPOCHS]      (defaults 2000 and 5)
//   bench/eval_host.sh [PLUGIN_EVALS] [EPOCHS]                (builds Release, then runs it)
#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/clock.hpp"
#include "hpsearch/runtime/evaluator_factory.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

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

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

/// Seconds one evaluate() takes; exits on a job that does not succeed (a broken bench).
double timed(Evaluator& evaluator, const Job& job, Reporter& reporter) {
  const double start = monotonic_seconds();
  const Outcome outcome = evaluator.evaluate(job, reporter);
  const double seconds = monotonic_seconds() - start;
  if (outcome.status != Status::ok) {
    std::fprintf(stderr, "eval_host: job %lld: %s\n", static_cast<long long>(job.id),
                 outcome.message.c_str());
    std::exit(1);
  }
  return seconds;
}

struct Pair {
  std::vector<double> in_process;
  std::vector<double> isolated;
};

/// Runs `rounds` jobs on each evaluator, alternating which goes first.
Pair compare(const Problem& problem, Job job, int rounds) {
  auto in_process = make_in_process_evaluator(problem);
  auto isolated = make_evaluator(problem);
  CountingReporter reporter;
  Pair times;
  for (int i = 0; i < rounds; ++i) {
    job.id = i;
    job.seed = static_cast<std::uint64_t>(i + 1);
    if (i % 2 == 0) {
      times.in_process.push_back(timed(*in_process, job, reporter));
      times.isolated.push_back(timed(*isolated, job, reporter));
    } else {
      times.isolated.push_back(timed(*isolated, job, reporter));
      times.in_process.push_back(timed(*in_process, job, reporter));
    }
  }
  return times;
}

void plugin_bench(int evals) {
  setenv("HPS_BRANIN_SLEEP_MS", "0", 1); // the host inherits it
  const Problem problem =
      parse_problem("space:\n"
                    "  x1: {type: real, low: -5.0, high: 10.0}\n"
                    "  x2: {type: real, low: 0.0, high: 15.0}\n"
                    "objective: {kind: plugin, library: " HPSEARCH_EXAMPLE_PLUGIN "}\n",
                    "eval_host_bench.yaml");
  Job job;
  job.config.set("x1", 1.0);
  job.config.set("x2", 2.0);
  job.fidelity = 4; // 4 progress reports per evaluation
  const Pair t = compare(problem, job, evals);
  std::vector<double> extra;
  for (std::size_t i = 0; i < t.in_process.size(); ++i)
    extra.push_back(t.isolated[i] - t.in_process[i]);
  std::printf("plugin (branin_plugin, 4 progress reports each), %d evaluations each:\n", evals);
  std::printf("  in-process   median %8.1f us  p99 %8.1f us\n", median(t.in_process) * 1e6,
              percentile(t.in_process, 0.99) * 1e6);
  std::printf("  isolated     median %8.1f us  p99 %8.1f us\n", median(t.isolated) * 1e6,
              percentile(t.isolated, 0.99) * 1e6);
  std::printf("  isolation overhead per evaluation: median %.1f us, p10 %.1f us, p90 %.1f us "
              "(target <= 1000 us)  %s\n",
              median(extra) * 1e6, percentile(extra, 0.10) * 1e6, percentile(extra, 0.90) * 1e6,
              median(extra) <= 1e-3 ? "OK" : "MISSED");
}

void torch_bench(int epochs) {
  const Problem problem = parse_problem(
      "space:\n"
      "  lr: {type: real, low: 1.0e-4, high: 1.0e-2, log: true}\n"
      "objective:\n"
      "  kind: torch\n"
      "  direction: maximize\n"
      "  data: {dataset: fashion_mnist, validation_fraction: 0.1}\n"
      "  fixed: {epochs: 1, layers: 1, units: 256, batch_size: 128, optimizer: adam}\n"
      "run: {threads_per_worker: 1}\n",
      "eval_host_bench.yaml");
  Job job;
  job.config.set("lr", 1e-3);
  const Pair t = compare(problem, job, epochs);
  const double in = median(t.in_process);
  const double iso = median(t.isolated);
  const double in_min = *std::min_element(t.in_process.begin(), t.in_process.end());
  const double iso_min = *std::min_element(t.isolated.begin(), t.isolated.end());
  std::printf("torch (one epoch of a 784-256-10 MLP on 54,000 images, 1 thread), %d jobs each:\n",
              epochs);
  std::printf("  in-process   median %7.3f s  min %7.3f s\n", in, in_min);
  std::printf("  isolated     median %7.3f s  min %7.3f s\n", iso, iso_min);
  std::vector<double> ratios; // each interleaved pair saw about the same load
  for (std::size_t i = 0; i < t.in_process.size(); ++i)
    ratios.push_back(t.isolated[i] / t.in_process[i]);
  std::printf("  isolated / in-process = %.4f (median), %.4f (min; the least disturbed by other "
              "load) (target <= 1.03)  %s\n",
              iso / in, iso_min / in_min, iso_min / in_min <= 1.03 ? "OK" : "MISSED");
  std::printf("  per interleaved pair: median %.4f, min %.4f, max %.4f\n", median(ratios),
              *std::min_element(ratios.begin(), ratios.end()),
              *std::max_element(ratios.begin(), ratios.end()));
}

} // namespace

int main(int argc, char** argv) {
  const int evals = argc > 1 ? std::atoi(argv[1]) : 2000;
  const int epochs = argc > 2 ? std::atoi(argv[2]) : 5;
  if (evals < 1 || epochs < 0) {
    std::fprintf(stderr, "usage: %s [plugin evaluations >= 1] [epochs >= 0]\n", argv[0]);
    return 2;
  }
  try {
    plugin_bench(evals);
    if (epochs > 0) torch_bench(epochs);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "eval_host: %s\n", e.what());
    return 1;
  }
  return 0;
}
