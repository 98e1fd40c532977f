// pbt_toy_bench: the toy problem of the PBT paper (Jaderberg et al. 2017, section 4.1;
// eval/pbt_toy.hpp) searched by population-based training and its ablations at equal
// compute (the same population, each member trained to the same number of steps), through
// the real path: the PBT scheduler (search/pbt), the sampler `random`, and the built-in
// function evaluator `pbt_toy`, whose theta is saved and loaded (and copied, on an exploit)
// through the trial state directories (eval/trial_state.hpp). One worker, in process.
//   pbt          exploit (truncation) and explore (perturb / resample)
//   exploit      exploit only: a weak member copies a strong one's theta and h unchanged
//   explore      explore only: each member perturbs its own h at every ready point
//   random       neither: every member trains alone with its first h (random search)
//   pb2          PB2 (Parker-Holder et al. 2020): PBT's exploit, the GP bandit's explore
// Prints, per variant, the mean and the median over the seeds of the best true objective Q
// at the end (the maximum is 1.2), and the ratios of PBT's mean regret (1.2 - Q) to each
// other's. The papers' findings to reproduce: PBT ahead of either alone and of random
// search; PB2 level with or ahead of PBT at population 4.
// Usage: pbt_toy_bench [--seeds 20] [--population 4] [--steps 40] [--ready 4]
#include "hpsearch/core/job.hpp"
#include "hpsearch/eval/function_evaluator.hpp"
#include "hpsearch/eval/reporter.hpp"
#include "hpsearch/search/pbt/pbt_scheduler.hpp"
#include "hpsearch/search/strategy.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using namespace hpsearch;

struct Variant {
  const char* name;
  PbtExploit exploit;
  bool explore;
  SchedulerKind kind = SchedulerKind::pbt;
};

/// The best Q at the end of one search.
double run(const Variant& v, std::uint64_t seed, std::int64_t population, double steps,
           double ready, const std::string& root) {
  SearchSpace space;
  space.add(Parameter::real("h0", 0.0, 1.0));
  space.add(Parameter::real("h1", 0.0, 1.0));
  StrategyOptions sampler_options;
  sampler_options.kind = StrategyKind::random;
  auto sampler = make_strategy(sampler_options, {space, Direction::maximize, seed});
  MultiFidelityOptions options;
  options.kind = v.kind;
  options.max_fidelity = steps;
  options.pbt.population = population;
  options.pbt.ready = ready;
  options.pbt.exploit = v.exploit;
  options.pbt.explore = v.explore;
  PbtScheduler scheduler(options, space, *sampler, Direction::maximize, seed);
  FunctionEvaluator evaluator("pbt_toy", {"h0", "h1"}, 0.0, 0.0, false, root);
  NullReporter reporter;
  double best = -1e300;
  JobId id = 0;
  while (auto next = scheduler.next()) {
    Job job;
    job.id = id++;
    job.config = next->config;
    job.fidelity = next->to_fidelity;
    job.trial = next->trial;
    job.from_fidelity = next->from_fidelity;
    job.donor = scheduler.donor_of(next->trial);
    const Outcome outcome = evaluator.evaluate(job, reporter);
    if (outcome.status != Status::ok) {
      std::fprintf(stderr, "pbt_toy_bench: job %lld failed: %s\n", static_cast<long long>(job.id),
                   outcome.message.c_str());
      std::exit(1);
    }
    Evaluation ev;
    ev.id = job.id;
    ev.config = job.config;
    ev.status = outcome.status;
    ev.objective = outcome.objective;
    ev.fidelity = job.fidelity;
    ev.trial = job.trial;
    ev.from_fidelity = job.from_fidelity;
    scheduler.job_ended(*next, ev);
    if (job.fidelity >= steps) best = std::max(best, outcome.objective);
  }
  std::filesystem::remove_all(root);
  return best;
}

} // namespace

int main(int argc, char** argv) {
  int seeds = 20;
  std::int64_t population = 4;
  double steps = 40.0;
  double ready = 4.0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--seeds")
      seeds = std::atoi(argv[i + 1]);
    else if (key == "--population")
      population = std::atoll(argv[i + 1]);
    else if (key == "--steps")
      steps = std::atof(argv[i + 1]);
    else if (key == "--ready")
      ready = std::atof(argv[i + 1]);
    else {
      std::fprintf(stderr, "pbt_toy_bench: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  const std::string root =
      (std::filesystem::temp_directory_path() / ("pbt_toy_bench." + std::to_string(::getpid())))
          .string();
  const Variant variants[] = {{"pbt", PbtExploit::truncation, true},
                              {"exploit", PbtExploit::truncation, false},
                              {"explore", PbtExploit::none, true},
                              {"random", PbtExploit::none, false},
                              {"pb2", PbtExploit::truncation, true, SchedulerKind::pb2}};
  std::printf("pbt_toy: population %lld, %g steps (ready every %g), %d seeds (1..%d); best Q at "
              "the end (max 1.2)\n",
              static_cast<long long>(population), steps, ready, seeds, seeds);
  std::printf("%-8s %10s %10s %12s\n", "variant", "mean Q", "median Q", "mean regret");
  std::map<std::string, double> regret;
  for (const Variant& v : variants) {
    std::vector<double> best;
    for (int s = 1; s <= seeds; ++s) {
      best.push_back(run(v, static_cast<std::uint64_t>(s), population, steps, ready, root));
    }
    double mean = 0.0;
    for (double q : best) mean += q / static_cast<double>(best.size());
    std::sort(best.begin(), best.end());
    const double median = best[best.size() / 2];
    regret[v.name] = 1.2 - mean;
    std::printf("%-8s %10.4f %10.4f %12.4f\n", v.name, mean, median, 1.2 - mean);
  }
  for (const char* other : {"exploit", "explore", "random", "pb2"}) {
    std::printf("regret ratio %s / pbt: %.2f\n", other, regret[other] / regret["pbt"]);
  }
  return 0;
}
