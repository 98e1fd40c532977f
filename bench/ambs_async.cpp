// ambs_async: the final regret of asynchronous AMBS on Branin, driven in real time as the
// manager drives it: W simulated workers whose evaluations sleep uniform [lo, hi] seconds;
// whenever one finishes, its result is told and it asks for the next configuration (the
// helper thread, its prepared proposals and their staleness all as in a real run).
// Prints one line per seed and the share of seeds below 0.05 / 0.25.
//   ambs_async [--seeds 20] [--evals 60] [--workers 4] [--sleep 0.02,0.2] [--initial 10]
//              [--decay-rate 0.02] [--decay exponential|none|periodic] [--kappa 1.96]
//              [--multipoint cl_max|cl_min|cl_mean|qucb|penalize] [--acquisition ucb|ei|pi]
//              [--prepared 1] [--first-seed 1]
//              [--candidates 1000] [--reserve 32] [--scaling log|minmax|none]
//              [--save-every 16]
// Also times save_state() on the driving thread after every --save-every results, as the
// checkpoint journal's periodic snapshot (issue 13 defect 3: it must not wait for a fit),
// and every ask() (it must not wait for a fit either).
#include "hpsearch/eval/test_functions.hpp"
#include "hpsearch/search/ambs/ambs_strategy.hpp"
#include "hpsearch/search/strategy.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace hpsearch;
using Clock = std::chrono::steady_clock;

double branin(const Config& c) {
  static const TestFunction* const f = find_test_function("branin");
  return f->f({as_double(c.at("x1")), as_double(c.at("x2"))});
}

constexpr double kOptimum = 0.397887;

} // namespace

int main(int argc, char** argv) {
  int seeds = 20;
  int evals = 60;
  int workers = 4;
  std::uint64_t first_seed = 1;
  double lo = 0.02;
  double hi = 0.2;
  std::int64_t initial = 10;
  int save_every = 16; // results between two timed save_state() calls (the journal's cadence)
  std::vector<double> save_ms;
  std::vector<double> ask_ms;
  AmbsOptions options;
  using Setter = std::function<void(const std::string&)>;
  const std::map<std::string, Setter> setters = {
      {"--seeds", [&](const std::string& v) { seeds = std::stoi(v); }},
      {"--evals", [&](const std::string& v) { evals = std::stoi(v); }},
      {"--workers", [&](const std::string& v) { workers = std::stoi(v); }},
      {"--first-seed", [&](const std::string& v) { first_seed = std::stoull(v); }},
      {"--initial", [&](const std::string& v) { initial = std::stoll(v); }},
      {"--sleep",
       [&](const std::string& v) {
         lo = std::stod(v.substr(0, v.find(',')));
         hi = std::stod(v.substr(v.find(',') + 1));
       }},
      {"--decay-rate",
       [&](const std::string& v) { options.acquisition.decay_rate = std::stod(v); }},
      {"--decay", [&](const std::string& v) { options.acquisition.decay = kappa_decays.at(v); }},
      {"--kappa", [&](const std::string& v) { options.acquisition.kappa = std::stod(v); }},
      {"--multipoint", [&](const std::string& v) { options.multipoint = multipoints.at(v); }},
      {"--acquisition",
       [&](const std::string& v) { options.acquisition.kind = acquisition_kinds.at(v); }},
      {"--prepared", [&](const std::string& v) { options.prepared = std::stoll(v); }},
      {"--scaling", [&](const std::string& v) { options.scaling = scalings.at(v); }},
      {"--candidates", [&](const std::string& v) { options.candidates = std::stoll(v); }},
      {"--save-every", [&](const std::string& v) { save_every = std::stoi(v); }},
      {"--reserve", [&](const std::string& v) { options.reserve = std::stoll(v); }}};
  for (int i = 1; i + 1 < argc; i += 2) {
    const auto it = setters.find(argv[i]);
    if (it == setters.end()) {
      std::fprintf(stderr, "ambs_async: unknown option %s\n", argv[i]);
      return 2;
    }
    it->second(argv[i + 1]);
  }
  SearchSpace space;
  space.add(Parameter::real("x1", -5.0, 10.0));
  space.add(Parameter::real("x2", 0.0, 15.0));
  int below_005 = 0;
  int below_025 = 0;
  std::vector<double> regrets;
  for (std::uint64_t seed = first_seed; seed < first_seed + static_cast<std::uint64_t>(seeds);
       ++seed) {
    StrategyOptions chosen;
    chosen.kind = StrategyKind::ambs;
    chosen.initial.points = initial;
    chosen.ambs = options;
    auto strategy =
        make_strategy(chosen, StrategyContext{space, Direction::minimize, seed, workers});
    std::mt19937_64 durations(seed * 7919);
    std::uniform_real_distribution<double> duration(lo, hi);
    using Job = std::pair<Clock::time_point, std::pair<JobId, Config>>;
    auto later = [](const Job& a, const Job& b) { return a.first > b.first; };
    std::priority_queue<Job, std::vector<Job>, decltype(later)> running(later);
    JobId next = 0;
    auto submit = [&] {
      const auto due = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(duration(durations)));
      const auto start = Clock::now();
      Config config = *strategy->ask();
      ask_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      running.push({due, {next++, std::move(config)}});
    };
    for (int w = 0; w < std::min(workers, evals); ++w) submit();
    double best = std::numeric_limits<double>::infinity();
    while (!running.empty()) {
      const Job job = running.top();
      running.pop();
      std::this_thread::sleep_until(job.first);
      Evaluation ev;
      ev.id = job.second.first;
      ev.config = job.second.second;
      ev.objective = branin(ev.config);
      best = std::min(best, ev.objective);
      strategy->tell(ev);
      if (ev.id % save_every == save_every - 1) { // as the journal's periodic snapshot
        const auto start = Clock::now();
        (void)strategy->save_state();
        save_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      }
      if (next < evals) submit();
    }
    const double regret = best - kOptimum;
    regrets.push_back(regret);
    below_005 += regret < 0.05 ? 1 : 0;
    below_025 += regret < 0.25 ? 1 : 0;
    const std::string state = strategy->save_state(); // "ambs-proposer 1 proposals fits ..."
    AmbsStrategy::Served served;
    if (const auto* ambs = dynamic_cast<const AmbsStrategy*>(strategy.get())) {
      served = ambs->served();
    }
    std::printf("seed %llu: regret %.4g (%s; served %lld prepared, %lld reserve, %lld "
                "fallback)\n",
                static_cast<unsigned long long>(seed), regret,
                state.substr(0, state.find('\n')).c_str(), static_cast<long long>(served.prepared),
                static_cast<long long>(served.reserve), static_cast<long long>(served.fallback));
    std::fflush(stdout);
  }
  const auto report = [](const char* what, std::vector<double>& ms) {
    if (ms.empty()) return;
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) {
      return ms[std::min(ms.size() - 1,
                         static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
    };
    std::printf("%s on the manager thread: median %.3f ms, p99 %.3f ms, max %.3f ms over %zu "
                "calls\n",
                what, at(0.5), at(0.99), ms.back(), ms.size());
  };
  report("save_state", save_ms);
  report("ask", ask_ms);
  std::sort(regrets.begin(), regrets.end());
  std::printf("seeds %d: regret < 0.05 in %d, < 0.25 in %d; median %.4g, worst %.4g\n", seeds,
              below_005, below_025, regrets[regrets.size() / 2], regrets.back());
}
