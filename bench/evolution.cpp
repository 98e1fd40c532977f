// evolution_bench: regularized evolution against random search, AMBS and TPE (shipped
// defaults: `search: {strategy: NAME}`) on problems of the issue-17 suite (bench/suite),
// sequentially (one worker: ask, evaluate, tell), the observed values with the suite's
// noise streams. Prints, per problem and strategy, the median and mean simple regret of the
// incumbent (noiseless value of the best OBSERVED configuration minus the optimum) over the
// seeds at each mark, and how many seeds beat random search's median at 100 evaluations.
// Published behaviour (Real et al. 2019) to check: evolution ahead of random search by 100
// evaluations and still improving to 1,000. Usage:
//   evolution_bench [--seeds 10] [--evals 1000]
//                   [--strategies random,evolution,evolution-25-5,ambs,tpe]
//                   [--problems cat_cell6x5,mixed7] [--ambs-evals 300]
// --ambs-evals caps AMBS's budget (its sequential proposals refit a forest each time).
// evolution-P-S: evolution with population P and sample S (the shipped defaults, 100 and 10,
// propose random samples for the first 100 evaluations).
#include "hpsearch/config/problem.hpp"
#include "hpsearch/search/strategy.hpp"
#include "suite/suite_problem.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace hpsearch;

/// `search: {strategy: NAME}`'s options; "evolution-P-S" is evolution with population P and
/// sample S.
StrategyOptions shipped_options(const std::string& strategy) {
  if (strategy.rfind("evolution-", 0) == 0) {
    StrategyOptions options = shipped_options("evolution");
    const std::size_t dash = strategy.find('-', 10);
    options.evolution.population = std::stoll(strategy.substr(10, dash - 10));
    options.evolution.sample = std::stoll(strategy.substr(dash + 1));
    return options;
  }
  return parse_problem("space: {x: {type: real, low: 0, high: 1}}\n"
                       "objective: {kind: function, name: sphere}\n"
                       "search: {strategy: " +
                           strategy + "}\n",
                       "<evolution_bench>")
      .search.strategy;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) out.push_back(item);
  return out;
}

/// Regret of the incumbent after each of `evals` sequential evaluations.
std::vector<double> run(const bench::SuiteProblem& p, const std::string& strategy,
                        std::uint64_t seed, int evals) {
  auto s = make_strategy(shipped_options(strategy), {p.space, Direction::minimize, seed});
  std::vector<double> regret;
  double best_observed = std::numeric_limits<double>::infinity();
  double incumbent = std::numeric_limits<double>::infinity();
  for (int i = 0; i < evals; ++i) {
    Evaluation ev;
    ev.id = i;
    ev.config = *s->ask();
    ev.objective = bench::observe(p, ev.config, seed, static_cast<std::uint64_t>(i));
    s->tell(ev);
    if (ev.objective < best_observed) {
      best_observed = ev.objective;
      incumbent = p.truth(ev.config) - p.optimum;
    }
    regret.push_back(incumbent);
  }
  return regret;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double mean(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

} // namespace

int main(int argc, char** argv) {
  int seeds = 10;
  int evals = 1000;
  int ambs_evals = 300;
  std::vector<std::string> strategies = {"random", "evolution", "ambs", "tpe"};
  std::vector<std::string> problems = {"cat_cell6x5", "mixed7"};
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const std::string value = argv[i + 1];
    if (key == "--seeds") {
      seeds = std::stoi(value);
    } else if (key == "--evals") {
      evals = std::stoi(value);
    } else if (key == "--ambs-evals") {
      ambs_evals = std::stoi(value);
    } else if (key == "--strategies") {
      strategies = split(value);
    } else if (key == "--problems") {
      problems = split(value);
    } else {
      std::fprintf(stderr, "evolution_bench: unknown option %s\n", key.c_str());
      return 2;
    }
  }
  std::vector<int> marks;
  for (int m : {25, 50, 100, 200, 300, 500, 1000, 2000, 5000}) {
    if (m <= evals) marks.push_back(m);
  }
  std::printf("simple regret of the incumbent over %d seeds, sequential, shipped defaults: "
              "median (mean); 'beat' = seeds whose regret @100 is below random's median "
              "@100\n",
              seeds);
  for (const std::string& name : problems) {
    const bench::SuiteProblem* p = bench::find_suite_problem(name);
    if (p == nullptr) {
      std::fprintf(stderr, "evolution_bench: unknown problem %s\n", name.c_str());
      return 2;
    }
    std::printf("\n%s (%zu parameters)\n%-16s", name.c_str(), p->space.size(), "search");
    for (int m : marks) std::printf(" %18s", ("@" + std::to_string(m)).c_str());
    std::printf(" %6s %8s\n", "beat", "seconds");
    double random_median_100 = std::numeric_limits<double>::quiet_NaN();
    for (const std::string& strategy : strategies) {
      const int budget = strategy == "ambs" ? std::min(evals, ambs_evals) : evals;
      const auto start = std::chrono::steady_clock::now();
      std::vector<std::vector<double>> at(marks.size());
      for (int seed = 0; seed < seeds; ++seed) {
        const std::vector<double> r = run(*p, strategy, static_cast<std::uint64_t>(seed), budget);
        for (std::size_t k = 0; k < marks.size(); ++k) {
          if (marks[k] <= budget) at[k].push_back(r[static_cast<std::size_t>(marks[k] - 1)]);
        }
        std::fprintf(stderr, "\r%s %s seed %d/%d   ", name.c_str(), strategy.c_str(), seed + 1,
                     seeds);
      }
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("%-16s", strategy.c_str());
      std::vector<double> at100;
      for (std::size_t k = 0; k < marks.size(); ++k) {
        if (at[k].empty()) {
          std::printf(" %18s", "-");
          continue;
        }
        if (marks[k] == 100) at100 = at[k];
        char cell[64];
        std::snprintf(cell, sizeof cell, "%.4g (%.4g)", median(at[k]), mean(at[k]));
        std::printf(" %18s", cell);
      }
      if (strategy == "random" && !at100.empty()) random_median_100 = median(at100);
      const auto beat = std::count_if(at100.begin(), at100.end(),
                                      [&](double r) { return r < random_median_100; });
      std::printf(" %3ld/%-2d %8.1f\n", static_cast<long>(beat), seeds, seconds);
      std::fflush(stdout);
    }
  }
  std::fprintf(stderr, "\n");
  return 0;
}
