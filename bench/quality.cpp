// quality: simple regret of hpsearch's search strategies on the issue-17 benchmark suite
// (bench/suite/suite_problem.hpp: 39 problems, split by a fixed rule into a tuning half and
// a test half), after 25, 50, 100 and 200 evaluations (and --evals when it is none of
// them). Regret = the noiseless value of the incumbent (the configuration with the best
// OBSERVED value) minus the known minimum.
// Sequential (one worker: ask, evaluate, tell) and asynchronous (8 workers with lognormal
// evaluation times, simulated in virtual time: the next result to arrive is told, its worker
// gets the next proposal while 7 are in flight). Noise and durations come from streams fixed
// by (seed, evaluation index), shared with the peers (bench/suite_server,
// bench/optuna_suite.py). Prints one line per problem with its half, writes one CSV row
// per run and budget with --csv FILE (appended to; runs (seeds) FILE holds already are
// skipped, so a long run resumes; bench/quality.sh ranks them with the peers'), and
// reports progress on stderr. Usage:
//   quality [--seeds 10] [--evals 200] [--strategies random,ambs] [--modes seq,async]
//           [--problems all|tuning|test|NAME,...] [--csv FILE] [--list 1]
// Strategies: any `search.strategy` name (random, ambs, ...; shipped defaults), or et, rf,
// gp (AMBS with that surrogate). --trees, --kappa, ... override AMBS's defaults (tuning);
// `quality --help` lists them.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/ambs/proposer.hpp"
#include "hpsearch/search/strategy.hpp"
#include "suite/suite_problem.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace hpsearch;
using bench::SuiteProblem;

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

/// The search options a problem file with `search: {strategy: NAME}` gets: the shipped
/// defaults, through the same parser users go through.
StrategyOptions shipped_options(const std::string& strategy) {
  return parse_problem("space: {x: {type: real, low: 0, high: 1}}\n"
                       "objective: {kind: function, name: sphere}\n"
                       "search: {strategy: " +
                           strategy + "}\n",
                       "<quality>")
      .search.strategy;
}

int workers = 8;         // --workers: asynchronous mode
bool incremental = true; // --incremental 0: full refits in the asynchronous mode too
/// AMBS's shipped defaults (set first thing in main), changed only by --trees, --min-leaf,
/// --leaf-variance, --kappa, --local, ... (for tuning).
StrategyOptions tuned;

constexpr const char* kUsage =
    "usage: quality [--seeds 10] [--evals 200] [--strategies random,ambs] [--modes seq,async]\n"
    "               [--problems all|tuning|test|NAME,...] [--csv FILE] [--list 1]\n"
    "               [--workers 8] [--incremental 1]\n"
    "AMBS overrides (tuning; the shipped defaults otherwise):\n"
    "  --trees N --min-leaf N --leaf-variance 0|1 --kappa X --decay-rate X (exponential)\n"
    "  --kappa-decay none|exponential|periodic --decay-period N (periodic)\n"
    "  --local N (neighbours of the best points) --candidates N --initial N\n"
    "  --local-search N (batches of local search on the acquisition; 0: off)\n"
    "  --local-search-starts N --multipoint NAME --scaling NAME --acquisition NAME\n"
    "Each option takes one value; --help prints this.\n";

bool is_surrogate(const std::string& name) {
  return name == "et" || name == "rf" || name == "gp";
}

Searcher make_searcher(const SuiteProblem& p, const std::string& strategy, std::uint64_t seed,
                       bool async) {
  Searcher s;
  const StrategyContext context{p.space, Direction::minimize, seed};
  if (strategy != "ambs" && !is_surrogate(strategy)) {
    s.strategy = make_strategy(shipped_options(strategy), context);
    return s;
  }
  StrategyOptions options = tuned;
  if (is_surrogate(strategy)) options.ambs.surrogate = surrogate_kinds.at(strategy);
  if (async) {
    s.proposer = std::make_unique<Proposer>(p.space, options.ambs, options.initial,
                                            Direction::minimize, seed, incremental);
  } else {
    s.strategy = make_strategy(options, context);
  }
  return s;
}

/// Regret of the incumbent after each evaluation, in the order results arrive.
std::vector<double> run(const SuiteProblem& p, const std::string& strategy, std::uint64_t seed,
                        bool async, int evals) {
  Searcher s = make_searcher(p, strategy, seed, async);
  std::vector<double> regret;
  double best_observed = std::numeric_limits<double>::infinity();
  double incumbent = std::numeric_limits<double>::infinity();
  auto finish = [&](JobId id, const Config& c) {
    const double y = bench::observe(p, c, seed, static_cast<std::uint64_t>(id));
    s.tell(id, c, y);
    if (y < best_observed) {
      best_observed = y;
      incumbent = p.truth(c) - p.optimum;
    }
    regret.push_back(incumbent);
  };
  const int slots = async ? workers : 1;
  using Running = std::pair<double, std::pair<JobId, Config>>; // finish time, job
  auto later = [](const Running& x, const Running& y) { return x.first > y.first; };
  std::priority_queue<Running, std::vector<Running>, decltype(later)> running(later);
  JobId next_id = 0;
  auto submit = [&](double now) {
    const double t = now + bench::evaluation_duration(seed, static_cast<std::uint64_t>(next_id));
    running.push({t, {next_id, s.ask()}});
    ++next_id;
  };
  while (next_id < std::min(slots, evals)) submit(0.0);
  while (!running.empty()) {
    auto [t, job] = running.top();
    running.pop();
    finish(job.first, job.second);
    if (next_id < evals) submit(t);
  }
  return regret;
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

/// The problems `selection` names: all, tuning, test, or a comma-separated list of names.
std::vector<const SuiteProblem*> select(const std::string& selection) {
  std::vector<const SuiteProblem*> chosen;
  if (selection == "all" || selection == "tuning" || selection == "test") {
    for (const auto& p : bench::suite_problems()) {
      if (selection == "all" || bench::to_string(p.half()) == selection) chosen.push_back(&p);
    }
    return chosen;
  }
  for (const auto& name : split(selection)) {
    const SuiteProblem* p = bench::find_suite_problem(name);
    if (p == nullptr) throw std::runtime_error("quality: no problem " + name);
    chosen.push_back(p);
  }
  return chosen;
}

/// The largest budget of `marks` that `evals` reaches.
int last_mark(const std::vector<int>& marks, int evals) {
  int last = 0;
  for (int m : marks) {
    if (m <= evals) last = m;
  }
  return last;
}

/// Key of one run: "problem,mode,strategy,seed".
std::string run_key(const std::string& problem, const std::string& mode,
                    const std::string& strategy, int seed) {
  return problem + ',' + mode + ',' + strategy + ',' + std::to_string(seed);
}

/// The runs `csv` holds rows of at budget `mark` (none when the file does not exist).
std::set<std::string> finished_runs(const std::string& csv, int mark) {
  std::set<std::string> out;
  std::ifstream in(csv);
  std::string line;
  while (std::getline(in, line)) {
    const auto f = split(line); // problem,half,mode,strategy,seed,evals,regret
    if (f.size() == 7 && f[5] == std::to_string(mark))
      out.insert(run_key(f[0], f[2], f[3], std::atoi(f[4].c_str())));
  }
  return out;
}

} // namespace

int main(int argc, char** argv) {
  int seeds = 10;
  int evals = 200;
  std::vector<std::string> strategies = {"random", "ambs"};
  std::vector<std::string> modes = {"seq", "async"};
  std::string problems = "all";
  std::string csv;
  bool list = false;
  tuned = shipped_options("ambs");
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::fputs(kUsage, stdout);
      return 0;
    }
  }
  for (int i = 1; i < argc; i += 2) {
    const std::string key = argv[i];
    if (key.rfind("--", 0) != 0 || i + 1 >= argc) {
      std::fprintf(stderr, "quality: %s %s\n%s", key.c_str(),
                   key.rfind("--", 0) != 0 ? "is not an option" : "needs a value", kUsage);
      return 2;
    }
    const std::string value = argv[i + 1];
    try {
      if (key == "--seeds")
        seeds = std::stoi(value);
      else if (key == "--evals")
        evals = std::stoi(value);
      else if (key == "--strategies")
        strategies = split(value);
      else if (key == "--modes")
        modes = split(value);
      else if (key == "--problems")
        problems = value;
      else if (key == "--csv")
        csv = value;
      else if (key == "--list")
        list = value == "1";
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
      else if (key == "--local-search")
        tuned.ambs.local_search_steps = std::stoi(value);
      else if (key == "--local-search-starts")
        tuned.ambs.local_search_starts = std::stoi(value);
      else if (key == "--candidates")
        tuned.ambs.candidates = std::stoi(value);
      else if (key == "--decay-rate") {
        tuned.ambs.acquisition.decay = KappaDecay::exponential;
        tuned.ambs.acquisition.decay_rate = std::stod(value);
      } else if (key == "--kappa-decay")
        tuned.ambs.acquisition.decay = kappa_decays.at(value);
      else if (key == "--decay-period")
        tuned.ambs.acquisition.decay_period = std::stoi(value);
      else if (key == "--incremental")
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
        std::fprintf(stderr, "quality: unknown option %s\n%s", key.c_str(), kUsage);
        return 2;
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "quality: %s %s: not a valid value (%s)\n", key.c_str(), value.c_str(),
                   e.what());
      return 2;
    }
  }
  const auto chosen = select(problems);
  if (list) {
    for (const auto* p : chosen) {
      std::printf("%-20s %-6s %zu parameters\n", p->name.c_str(),
                  std::string(bench::to_string(p->half())).c_str(), p->space.size());
    }
    return 0;
  }
  // The table's budgets, and --evals itself when it is none of them (e.g. the 60
  // evaluations of the Branin MPI test).
  std::vector<int> marks = {25, 50, 100, 200};
  if (std::find(marks.begin(), marks.end(), evals) == marks.end()) {
    marks.insert(std::upper_bound(marks.begin(), marks.end(), evals), evals);
  }
  // --csv FILE is appended to: runs (seeds) FILE already holds at the last budget are
  // skipped, so an interrupted run resumes where it stopped (and more seeds add on).
  const auto finished = finished_runs(csv, last_mark(marks, evals));
  std::ofstream out;
  if (!csv.empty()) {
    const bool fresh = !std::ifstream(csv).good();
    out.open(csv, std::ios::app);
    if (fresh) out << "problem,half,mode,strategy,seed,evals,regret\n";
  }
  std::printf("simple regret of the incumbent, median over %d seeds (seconds = total wall time)\n",
              seeds);
  std::printf("%-20s %-6s %-6s %-8s", "problem", "half", "mode", "search");
  for (int m : marks) std::printf(" %10s", ("@" + std::to_string(m)).c_str());
  std::printf(" %8s\n", "seconds");
  std::size_t done = 0;
  const std::size_t total = chosen.size() * modes.size() * strategies.size();
  for (const auto* p : chosen) {
    for (const auto& mode : modes) {
      for (const auto& strategy : strategies) {
        std::map<int, std::vector<double>> regrets;
        const auto start = std::chrono::steady_clock::now();
        for (int seed = 0; seed < seeds; ++seed) {
          if (finished.count(run_key(p->name, mode, strategy, seed))) continue;
          const auto regret =
              run(*p, strategy, static_cast<std::uint64_t>(seed), mode == "async", evals);
          for (int m : marks) {
            if (m > evals) continue;
            const double r = regret[static_cast<std::size_t>(m - 1)];
            regrets[m].push_back(r);
            if (out)
              out << p->name << ',' << bench::to_string(p->half()) << ',' << mode << ',' << strategy
                  << ',' << seed << ',' << m << ',' << r << '\n';
          }
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("%-20s %-6s %-6s %-8s", p->name.c_str(),
                    std::string(bench::to_string(p->half())).c_str(), mode.c_str(),
                    strategy.c_str());
        for (int m : marks) {
          if (regrets.count(m))
            std::printf(" %10.4g", median(regrets[m]));
          else
            std::printf(" %10s", "-");
        }
        std::printf(" %8.1f\n", seconds);
        std::fflush(stdout);
        if (out) out.flush();
        std::fprintf(stderr, "quality: %zu/%zu (%s %s %s, %.1f s)\n", ++done, total,
                     p->name.c_str(), mode.c_str(), strategy.c_str(), seconds);
      }
    }
  }
  return 0;
}
