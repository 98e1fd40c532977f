// tpe: hpsearch's TPE (search.strategy: tpe, shipped defaults) on bench/quality's problems,
// and its proposal latency. Usage:
//   tpe quality [--seeds 10] [--evals 200]   CSV rows problem,strategy,seed,evals,regret
//                                            (sequential; regrets at 25, 50, 100, 200)
//   tpe latency [--n 200,1000]               median / max ask() time after n results with
//                                            8 configurations in flight, on Hartmann6
// bench/tpe_quality.sh joins the quality rows with Optuna's TPE (bench/tpe_optuna.py).
#include "hpsearch/eval/test_functions.hpp"
#include "hpsearch/search/strategy.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

namespace {

using namespace hpsearch;

struct Problem {
  std::string name;
  const TestFunction* function;
  std::size_t d;
};

const std::vector<Problem>& problems() {
  static const std::vector<Problem> all = {{"branin", find_test_function("branin"), 2},
                                           {"hartmann6", find_test_function("hartmann6"), 6},
                                           {"ackley10", find_test_function("ackley"), 10},
                                           {"rosenbrock6", find_test_function("rosenbrock"), 6}};
  return all;
}

SearchSpace space_of(const Problem& p) {
  SearchSpace space;
  const auto domain = p.function->domain(p.d);
  for (std::size_t i = 0; i < p.d; ++i) {
    space.add(Parameter::real("x" + std::to_string(i), domain[i].first, domain[i].second));
  }
  return space;
}

double value_of(const Problem& p, const Config& c) {
  std::vector<double> x;
  for (std::size_t i = 0; i < p.d; ++i) x.push_back(as_double(c.at("x" + std::to_string(i))));
  return p.function->f(x);
}

Evaluation result(JobId id, const Config& c, double y) {
  Evaluation ev;
  ev.id = id;
  ev.config = c;
  ev.objective = y;
  return ev;
}

int quality(int seeds, int evals) {
  std::printf("problem,strategy,seed,evals,regret\n");
  for (const Problem& p : problems()) {
    const SearchSpace space = space_of(p);
    for (int seed = 0; seed < seeds; ++seed) {
      auto s = make_strategy("tpe", {space, Direction::minimize, static_cast<std::uint64_t>(seed)});
      double best = std::numeric_limits<double>::infinity();
      for (int i = 1; i <= evals; ++i) {
        const Config c = *s->ask();
        const double y = value_of(p, c);
        best = std::min(best, y);
        s->tell(result(i, c, y));
        if (i == 25 || i == 50 || i == 100 || i == 200) {
          std::printf("%s,tpe,%d,%d,%.10g\n", p.name.c_str(), seed, i,
                      best - p.function->optimum_value);
        }
      }
    }
  }
  return 0;
}

int latency(const std::vector<int>& sizes) {
  const Problem& p = problems()[1];
  const SearchSpace space = space_of(p);
  std::printf("TPE ask() latency, Hartmann6, 8 in flight (one result told, one ask, 50 times)\n");
  for (int n : sizes) {
    auto s = make_strategy("tpe", {space, Direction::minimize, 1});
    Rng rng(2);
    for (int i = 0; i < n; ++i) {
      const Config c = space.sample(rng);
      s->tell(result(i, c, value_of(p, c)));
    }
    std::vector<Config> in_flight;
    for (int i = 0; i < 8; ++i) in_flight.push_back(*s->ask());
    std::vector<double> ms;
    for (int i = 0; i < 50; ++i) {
      const Config done = in_flight.front();
      in_flight.erase(in_flight.begin());
      s->tell(result(n + i, done, value_of(p, done)));
      const auto start = std::chrono::steady_clock::now();
      in_flight.push_back(*s->ask());
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("n = %5d: median %.3f ms, max %.3f ms\n", n, ms[ms.size() / 2], ms.back());
  }
  return 0;
}

std::vector<int> parse_list(const std::string& text) {
  std::vector<int> out;
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t comma = std::min(text.find(',', at), text.size());
    out.push_back(std::stoi(text.substr(at, comma - at)));
    at = comma + 1;
  }
  return out;
}

} // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  int seeds = 10;
  int evals = 200;
  std::vector<int> sizes = {200, 1000};
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--seeds") {
      seeds = std::stoi(argv[i + 1]);
    } else if (key == "--evals") {
      evals = std::stoi(argv[i + 1]);
    } else if (key == "--n") {
      sizes = parse_list(argv[i + 1]);
    } else {
      std::fprintf(stderr, "tpe: unknown option %s\n", key.c_str());
      return 2;
    }
  }
  if (mode == "quality") return quality(seeds, evals);
  if (mode == "latency") return latency(sizes);
  std::fprintf(stderr,
               "usage: tpe quality [--seeds 10] [--evals 200] | tpe latency [--n 200,1000]\n");
  return 2;
}
