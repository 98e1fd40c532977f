// quality: simple regret (best found - known optimum) of random search and AMBS with each
// surrogate, after 50, 100 and 200 evaluations, median over seeds, on Branin, Hartmann6,
// Ackley-10 and Rosenbrock-6. Sequential (one worker: ask, evaluate, tell) and
// asynchronous (8 workers with lognormal evaluation times, simulated in virtual time: the
// next result to arrive is told, its worker gets the next proposal while 7 are in
// flight). Writes one CSV row per run with --csv FILE (bench/quality.sh joins them with
// Optuna's TPE on the same problems and seeds). Usage:
//   quality [--seeds 10] [--evals 200] [--strategies random,et,rf,gp] [--modes seq,async]
//           [--problems branin,hartmann6,ackley,rosenbrock] [--csv FILE]
#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/eval/test_functions.hpp"
#include "hpsearch/search/ambs/proposer.hpp"
#include "hpsearch/search/strategy.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <queue>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace hpsearch;

struct Problem {
  std::string name;
  const TestFunction* function;
  std::size_t d;
  SearchSpace space;
};

Problem make_problem(const std::string& name) {
  static const std::map<std::string, std::pair<std::string, std::size_t>> known = {
      {"branin", {"branin", 2}},
      {"hartmann6", {"hartmann6", 6}},
      {"ackley", {"ackley", 10}},
      {"rosenbrock", {"rosenbrock", 6}}};
  const auto& [fn, d] = known.at(name);
  Problem p{name == "ackley"       ? "ackley10"
            : name == "rosenbrock" ? "rosenbrock6"
                                   : name,
            find_test_function(fn),
            d,
            {}};
  const auto domain = p.function->domain(d);
  for (std::size_t i = 0; i < d; ++i) {
    p.space.add(Parameter::real("x" + std::to_string(i), domain[i].first, domain[i].second));
  }
  return p;
}

double value_of(const Problem& p, const Config& c) {
  std::vector<double> x;
  for (std::size_t i = 0; i < p.d; ++i) x.push_back(as_double(c.at("x" + std::to_string(i))));
  return p.function->f(x);
}

/// A source of proposals: the Strategy interface, or a Proposer for asynchronous AMBS in
/// virtual time (the helper thread's algorithm without its wall-clock timing).
struct Searcher {
  std::unique_ptr<Strategy> strategy;
  std::unique_ptr<Proposer> proposer;
  Config ask() { return strategy ? *strategy->ask() : *proposer->next(); }
  void tell(JobId id, const Config& c, double y) {
    if (proposer) {
      proposer->tell(c, Status::ok, y);
      return;
    }
    Evaluation ev;
    ev.id = id;
    ev.config = c;
    ev.objective = y;
    strategy->tell(ev);
  }
};

/// The search options a problem file with `search: {strategy: ambs}` gets: the shipped
/// defaults, through the same parser users go through.
StrategyOptions shipped_ambs_options() {
  return parse_problem("space: {x: {type: real, low: 0, high: 1}}\n"
                       "objective: {kind: function, name: sphere}\n"
                       "search: {strategy: ambs}\n",
                       "<quality>")
      .search.strategy;
}

int workers = 8;         // --workers: asynchronous mode
bool incremental = true; // --incremental 0: full refits in the asynchronous mode too
/// The shipped defaults (set first thing in main), changed only by --trees, --min-leaf,
/// --leaf-variance, --kappa, --local, ... (for tuning).
StrategyOptions tuned;

Searcher make_searcher(const Problem& p, const std::string& strategy, std::uint64_t seed,
                       bool async) {
  Searcher s;
  if (strategy == "random") {
    s.strategy = make_strategy("random", {p.space, Direction::minimize, seed});
    return s;
  }
  StrategyOptions options = tuned;
  options.ambs.surrogate = surrogate_kinds.at(strategy);
  if (async) {
    s.proposer = std::make_unique<Proposer>(p.space, options.ambs, options.initial,
                                            Direction::minimize, seed, incremental);
  } else {
    s.strategy = make_strategy(options, {p.space, Direction::minimize, seed});
  }
  return s;
}

/// Best value after each evaluation, in the order results arrive.
std::vector<double> run(const Problem& p, const std::string& strategy, std::uint64_t seed,
                        bool async, int evals) {
  Searcher s = make_searcher(p, strategy, seed, async);
  std::vector<double> best;
  double b = std::numeric_limits<double>::infinity();
  auto record = [&](double y) {
    b = std::min(b, y);
    best.push_back(b);
  };
  if (!async) {
    for (int i = 0; i < evals; ++i) {
      const Config c = s.ask();
      const double y = value_of(p, c);
      s.tell(i, c, y);
      record(y);
    }
    return best;
  }
  const int kWorkers = workers;
  std::mt19937_64 durations(seed ^ 0x9e3779b97f4a7c15ULL);
  std::lognormal_distribution<double> duration(0.0, 1.0);
  using Running = std::pair<double, std::pair<JobId, Config>>; // finish time, job
  auto later = [](const Running& x, const Running& y) { return x.first > y.first; };
  std::priority_queue<Running, std::vector<Running>, decltype(later)> running(later);
  JobId next_id = 0;
  int submitted = 0;
  for (; submitted < std::min(kWorkers, evals); ++submitted) {
    running.push({duration(durations), {next_id++, s.ask()}});
  }
  while (!running.empty()) {
    auto [t, job] = running.top();
    running.pop();
    const double y = value_of(p, job.second);
    s.tell(job.first, job.second, y);
    record(y);
    if (submitted < evals) {
      running.push({t + duration(durations), {next_id++, s.ask()}});
      ++submitted;
    }
  }
  return best;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) out.push_back(item);
  return out;
}

} // namespace

int main(int argc, char** argv) {
  int seeds = 10;
  int evals = 200;
  std::vector<std::string> strategies = {"random"}; // and AMBS with every surrogate
  for (const auto name : surrogate_kinds.names()) strategies.emplace_back(name);
  std::vector<std::string> modes = {"seq", "async"};
  std::vector<std::string> problems = {"branin", "hartmann6", "ackley", "rosenbrock"};
  std::string csv;
  tuned = shipped_ambs_options();
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const std::string value = argv[i + 1];
    if (key == "--seeds")
      seeds = std::stoi(value);
    else if (key == "--evals")
      evals = std::stoi(value);
    else if (key == "--strategies")
      strategies = split(value);
    else if (key == "--modes")
      modes = split(value);
    else if (key == "--problems")
      problems = split(value);
    else if (key == "--csv")
      csv = value;
    else if (key == "--trees")
      tuned.ambs.surrogate_options.n_trees = std::stoi(value);
    else if (key == "--min-leaf")
      tuned.ambs.surrogate_options.min_samples_leaf = std::stoi(value);
    else if (key == "--leaf-variance")
      tuned.ambs.surrogate_options.leaf_variance = value == "1";
    else if (key == "--kappa")
      tuned.ambs.acquisition.kappa = std::stod(value);
    else if (key == "--local")
      tuned.ambs.local_candidates = std::stoi(value);
    else if (key == "--candidates")
      tuned.ambs.candidates = std::stoi(value);
    else if (key == "--decay-rate") {
      tuned.ambs.acquisition.decay = KappaDecay::exponential;
      tuned.ambs.acquisition.decay_rate = std::stod(value);
    } else if (key == "--incremental")
      incremental = value == "1";
    else if (key == "--workers")
      workers = std::stoi(value);
    else if (key == "--multipoint")
      tuned.ambs.multipoint = multipoints.at(value);
    else if (key == "--scaling")
      tuned.ambs.scaling = scalings.at(value);
    else if (key == "--acquisition")
      tuned.ambs.acquisition.kind = acquisition_kinds.at(value);
    else if (key == "--initial")
      tuned.initial.points = std::stoi(value);
    else {
      std::fprintf(stderr, "quality: unknown option %s\n", key.c_str());
      return 2;
    }
  }
  std::ofstream out;
  if (!csv.empty()) {
    out.open(csv);
    out << "problem,mode,strategy,seed,evals,regret\n";
  }
  const std::vector<int> marks = {50, 100, 200};
  std::printf("simple regret, median over %d seeds (seconds = total wall time of the runs)\n",
              seeds);
  std::printf("%-12s %-6s %-7s %11s %11s %11s %8s\n", "problem", "mode", "search", "@50", "@100",
              "@200", "seconds");
  for (const auto& name : problems) {
    const auto p = make_problem(name);
    for (const auto& mode : modes) {
      for (const auto& strategy : strategies) {
        std::map<int, std::vector<double>> regrets;
        const auto start = std::chrono::steady_clock::now();
        for (int seed = 0; seed < seeds; ++seed) {
          const auto best =
              run(p, strategy, static_cast<std::uint64_t>(seed), mode == "async", evals);
          for (int m : marks) {
            if (m > evals) continue;
            const double r = best[static_cast<std::size_t>(m - 1)] - p.function->optimum_value;
            regrets[m].push_back(r);
            if (out)
              out << p.name << ',' << mode << ',' << strategy << ',' << seed << ',' << m << ',' << r
                  << '\n';
          }
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("%-12s %-6s %-7s", p.name.c_str(), mode.c_str(),
                    (strategy == "random" ? "random" : "ambs-" + strategy).c_str());
        for (int m : marks) {
          if (regrets.count(m))
            std::printf(" %11.4g", median(regrets[m]));
          else
            std::printf(" %11s", "-");
        }
        std::printf(" %8.1f\n", seconds);
        std::fflush(stdout);
      }
    }
  }
  return 0;
}
