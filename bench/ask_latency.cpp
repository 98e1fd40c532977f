// ask_latency: the manager's cost per proposal in AMBS — tell one result, then ask one
// configuration — after n observations, with 8 or 64 evaluations in flight, on one core.
// Two modes: `async` is what the helper thread runs with more than one worker (incremental
// forest updates); `sync` is the one-worker path (a full refit per proposal, exactly
// resumable). Prints median and p99 in milliseconds, and the median of the process's CPU
// time per proposal (what a loaded machine's waits leave out).
// --rate N,...: the sustained decision rate instead (issue 16 target 3): the real
// AmbsStrategy with its helper thread and --workers evaluations in flight is told N results,
// then for --seconds the manager thread tells the oldest job's result (instant evaluations)
// and asks for the next one, as fast as it can. Prints proposals/s, and how many came from
// the model (prepared or reserve) rather than the fallback (neighbours of the best), and
// the model updates per second. --arrivals R paces the results at R per second (as N
// workers with jobs of N / R seconds would send them) instead of as fast as possible: the
// model's share then says whether one helper thread keeps up with that rate. Usage:
//   ask_latency [--quick] [--surrogate et|rf] [--n 100,1000,5000,20000] [--local-search 0]
//   ask_latency --rate 1000,20000,100000 [--workers 64] [--seconds 3] [--arrivals R]
//               [--surrogate et|rf] [--reserve N (AmbsOptions::reserve)]
#include "hpsearch/core/rng.hpp"
#include "hpsearch/eval/test_functions.hpp"
#include "hpsearch/search/ambs/ambs_strategy.hpp"
#include "hpsearch/search/ambs/proposer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace hpsearch;
using Clock = std::chrono::steady_clock;

struct Problem {
  std::string name;
  SearchSpace space;
  double (*objective)(const Config&);
};

double hartmann6_of(const Config& c) {
  std::vector<double> x;
  for (const auto& [name, value] : c.entries()) x.push_back(as_double(value));
  return hartmann6(x);
}

double mixed_of(const Config& c) {
  const double lr = std::log10(as_double(c.at("lr")));
  const double wd = std::log10(as_double(c.at("wd")));
  const double dr = std::log10(as_double(c.at("dropout")));
  const double units = as_double(c.at("units"));
  const double layers = as_double(c.at("layers"));
  const double act = std::get<std::string>(c.at("act")) == "relu" ? 0.0 : 0.3;
  const double opt = std::get<std::string>(c.at("opt")) == "adam" ? 0.0 : 0.5;
  return (lr + 3) * (lr + 3) + 0.1 * (wd + 4) * (wd + 4) + 0.05 * dr * dr +
         std::abs(std::log2(units) - 7) * 0.2 + 0.1 * std::abs(layers - 3) + act + opt;
}

Problem hartmann() {
  Problem p{"hartmann6", {}, hartmann6_of};
  for (int i = 0; i < 6; ++i) p.space.add(Parameter::real("x" + std::to_string(i), 0.0, 1.0));
  return p;
}

Problem mixed() {
  Problem p{"mixed7", {}, mixed_of};
  p.space.add(Parameter::real("lr", 1e-5, 1e-1, true));
  p.space.add(Parameter::real("wd", 1e-6, 1e-2, true));
  p.space.add(Parameter::real("dropout", 1e-3, 0.5, true));
  p.space.add(Parameter::integer("units", 16, 1024, true));
  p.space.add(Parameter::integer("layers", 1, 8));
  p.space.add(Parameter::categorical(
      "act", {std::string("relu"), std::string("tanh"), std::string("elu")}));
  p.space.add(Parameter::categorical("opt", {std::string("adam"), std::string("sgd")}));
  return p;
}

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())) - 1);
  return v[std::min(i, v.size() - 1)];
}

struct Timing {
  double median_ms;
  double p99_ms;
  double cpu_median_ms; ///< the process's CPU time (all threads): what a loaded machine adds
                        ///< to the wall time while the process waits is left out
};

/// CPU time of the whole process, in milliseconds.
double process_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return 1e3 * static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_nsec);
}

Timing measure(const Problem& problem, const AmbsOptions& options, bool incremental, std::int64_t n,
               int in_flight, int cycles) {
  const InitialDesign initial{SamplerKind::random, 1}; // the model proposes from the start
  Proposer proposer(problem.space, options, initial, Direction::minimize, 7, incremental);
  Rng rng(99);
  for (std::int64_t i = 0; i < n; ++i) {
    const Config c = problem.space.sample(rng);
    proposer.tell(c, Status::ok, problem.objective(c));
  }
  std::deque<Config> pending;
  for (int i = 0; i < in_flight; ++i) pending.push_back(*proposer.next());
  std::vector<double> ms;
  std::vector<double> cpu_ms;
  for (int i = 0; i < cycles; ++i) {
    const Config done = pending.front();
    pending.pop_front();
    const double value = problem.objective(done);
    const double cpu_start = process_cpu_ms();
    const auto start = Clock::now();
    proposer.tell(done, Status::ok, value);
    pending.push_back(*proposer.next());
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    cpu_ms.push_back(process_cpu_ms() - cpu_start);
  }
  return {quantile(ms, 0.5), quantile(ms, 0.99), quantile(cpu_ms, 0.5)};
}

/// The sustained decision rate of AmbsStrategy after `n` results with `workers` in flight.
void sustained_rate(const Problem& problem, const AmbsOptions& options, std::int64_t n, int workers,
                    double seconds, double arrivals) {
  const InitialDesign initial{SamplerKind::random, 1};
  AmbsStrategy strategy(problem.space, options, initial, Direction::minimize, 7, workers);
  Rng rng(99);
  JobId id = 0;
  auto result = [&](const Config& c) {
    Evaluation ev;
    ev.id = id++;
    ev.config = c;
    ev.objective = problem.objective(c);
    return ev;
  };
  for (std::int64_t i = 0; i < n; ++i) strategy.tell(result(problem.space.sample(rng)));
  std::deque<Config> in_flight;
  for (int w = 0; w < workers; ++w) in_flight.push_back(*strategy.ask());
  const AmbsStrategy::Served before = strategy.served();
  const auto start = Clock::now();
  const auto until =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::int64_t asks = 0;
  while (Clock::now() < until) {
    if (arrivals > 0.0) {
      std::this_thread::sleep_until(
          start + std::chrono::duration_cast<Clock::duration>(
                      std::chrono::duration<double>(static_cast<double>(asks) / arrivals)));
    }
    strategy.tell(result(in_flight.front()));
    in_flight.pop_front();
    in_flight.push_back(*strategy.ask());
    ++asks;
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const AmbsStrategy::Served after = strategy.served();
  const auto model =
      static_cast<double>(after.prepared - before.prepared + after.reserve - before.reserve);
  std::printf("%-10s %7lld %7d | %10.0f | %10.0f %6.1f%% | %8.1f\n", problem.name.c_str(),
              static_cast<long long>(n), workers, static_cast<double>(asks) / elapsed,
              model / elapsed, 100.0 * model / static_cast<double>(std::max<std::int64_t>(asks, 1)),
              static_cast<double>(after.fits - before.fits) / elapsed);
  std::fflush(stdout);
}

std::vector<std::int64_t> parse_list(const char* text) {
  std::vector<std::int64_t> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) out.push_back(std::stoll(item));
  return out;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::int64_t> sizes = {100, 1000, 5000, 20000};
  AmbsOptions options;
  bool quick = false;
  std::vector<std::int64_t> rates;
  int workers = 64;
  double seconds = 3.0;
  double arrivals = 0.0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0)
      quick = true;
    else if (std::strcmp(argv[i], "--surrogate") == 0 && i + 1 < argc)
      options.surrogate = surrogate_kinds.at(argv[++i]);
    else if (std::strcmp(argv[i], "--local-search") == 0 && i + 1 < argc)
      options.local_search_steps = std::stoi(argv[++i]);
    else if (std::strcmp(argv[i], "--n") == 0 && i + 1 < argc)
      sizes = parse_list(argv[++i]);
    else if (std::strcmp(argv[i], "--rate") == 0 && i + 1 < argc)
      rates = parse_list(argv[++i]);
    else if (std::strcmp(argv[i], "--workers") == 0 && i + 1 < argc)
      workers = std::stoi(argv[++i]);
    else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
      seconds = std::stod(argv[++i]);
    else if (std::strcmp(argv[i], "--reserve") == 0 && i + 1 < argc)
      options.reserve = std::stoi(argv[++i]);
    else if (std::strcmp(argv[i], "--arrivals") == 0 && i + 1 < argc)
      arrivals = std::stod(argv[++i]);
    else {
      std::fprintf(
          stderr,
          "usage: ask_latency [--quick] [--surrogate et|rf] [--n 100,1000]\n"
          "                   [--local-search STEPS (0: off)]\n"
          "       ask_latency --rate 1000,20000 [--workers 64] [--seconds 3]\n"
          "                   [--arrivals RESULTS_PER_S (0: as fast as it can)] [--reserve 32]\n");
      return 2;
    }
  }
  if (!rates.empty()) {
    std::printf("AMBS sustained decision rate (tell 1 + ask 1, %s), surrogate %s, %d trees, "
                "helper thread\n",
                arrivals > 0.0 ? ("results paced at " + std::to_string(arrivals) + "/s").c_str()
                               : "instant evaluations",
                std::string(surrogate_kinds.name_of(options.surrogate)).c_str(),
                options.surrogate_options.n_trees);
    std::printf("%-10s %7s %7s | %10s | %10s %7s | %8s\n", "problem", "n", "workers", "asks/s",
                "model/s", "share", "fits/s");
    for (const Problem& problem : {hartmann(), mixed()}) {
      for (std::int64_t n : rates) sustained_rate(problem, options, n, workers, seconds, arrivals);
    }
    return 0;
  }
  std::printf("AMBS ask latency (tell 1 + ask 1), surrogate %s, %d trees, %lld candidates + "
              "elites + local, local search %lld starts x %lld steps, single thread\n",
              std::string(surrogate_kinds.name_of(options.surrogate)).c_str(),
              options.surrogate_options.n_trees, static_cast<long long>(options.candidates),
              static_cast<long long>(options.local_search_starts),
              static_cast<long long>(options.local_search_steps));
  std::printf("%-10s %7s %9s | %-33s | %-33s\n", "problem", "n", "in flight",
              "async: median / p99 ms (cpu median)", "sync: median / p99 ms (cpu median)");
  for (const Problem& problem : {hartmann(), mixed()}) {
    for (std::int64_t n : sizes) {
      for (int in_flight : {8, 64}) {
        const int cycles = quick ? 10 : (n >= 5000 ? 40 : 100);
        const Timing a = measure(problem, options, true, n, in_flight, cycles);
        const Timing s = measure(problem, options, false, n, in_flight, quick ? 5 : cycles / 4);
        std::printf("%-10s %7lld %9d | %9.2f / %9.2f (%9.2f) | %9.2f / %9.2f (%9.2f)\n",
                    problem.name.c_str(), static_cast<long long>(n), in_flight, a.median_ms,
                    a.p99_ms, a.cpu_median_ms, s.median_ms, s.p99_ms, s.cpu_median_ms);
        std::fflush(stdout);
      }
    }
  }
  return 0;
}
