// nas_table_bench: the tabular architecture-search benchmark of issue 18. Every one of the
// 5,000 configurations of bench/nas_table.yaml (a 3-layer graph space with skip
// connections, 1,000 networks, x 5 learning rates from 1e-4 to 1) was trained once by
// hpsearch's trainer on scikit-learn's digits (bench/nas_table.sh wrote bench/nas_table.csv);
// here each strategy, with its shipped defaults (`search: {strategy: NAME}`), searches that
// space in-process, sequentially (ask, look the validation accuracy up, tell), and the
// best-so-far accuracy is printed at 25 ... 1,000 evaluations: median (mean) over the seeds.
// Targets (issue 18): evolution and AgEBO ahead of random search at 100 evaluations,
// evolution still improving to 1,000, AgEBO >= evolution (the learning rate matters here).
// Usage:
//   nas_table_bench [--seeds 10] [--evals 1000]
//                   [--strategies random,evolution,agebo,ambs,evolution-25-5,agebo-25-5]
//                   [--ambs-evals 1000] [--table bench/nas_table.csv]
//                   [--problem bench/nas_table.yaml]
// --ambs-evals caps AMBS's budget (its sequential proposals refit a forest each time).
#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/strategy.hpp"
#include "nas_table_lookup.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace hpsearch;

/// The shipped options of `strategy` for the benchmark's space: its problem file with
/// `strategy: grid` (how the table was built) replaced. "evolution-P-S" and "agebo-P-S":
/// population P and sample S instead of the defaults (100 and 10), to show how the first P
/// random proposals weigh at 100 evaluations; not the shipped defaults.
StrategyOptions shipped_options(const std::string& problem_text, const std::string& strategy) {
  const std::size_t dash = strategy.find('-');
  const std::string kind = strategy.substr(0, dash);
  const std::string grid = "strategy: grid";
  std::string text = problem_text;
  const std::size_t at = text.find(grid);
  if (at == std::string::npos) throw Error::input("the benchmark's problem has no `" + grid + "`");
  text.replace(at, grid.size(), "strategy: " + kind);
  StrategyOptions options = parse_problem(text, "<nas_table_bench: " + kind + ">").search.strategy;
  if (dash != std::string::npos) {
    const std::size_t second = strategy.find('-', dash + 1);
    if (second == std::string::npos)
      throw Error::input("nas_table_bench: " + strategy + ": NAME-P-S");
    options.evolution.population = std::stoll(strategy.substr(dash + 1, second - dash - 1));
    options.evolution.sample = std::stoll(strategy.substr(second + 1));
  }
  return options;
}

/// The best-so-far validation accuracy after each of `evals` sequential evaluations.
std::vector<double> best_so_far(const bench::NasTable& table, const SearchSpace& space,
                                const StrategyOptions& options, std::uint64_t seed, int evals) {
  auto strategy = make_strategy(options, {space, Direction::maximize, seed});
  std::vector<double> best;
  double incumbent = 0.0;
  for (int i = 0; i < evals; ++i) {
    Evaluation ev;
    ev.id = i;
    ev.config = strategy->ask().value();
    ev.objective = table.accuracy(ev.config);
    strategy->tell(ev);
    incumbent = std::max(incumbent, ev.objective);
    best.push_back(incumbent);
  }
  return best;
}

double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t half = v.size() / 2;
  return v.size() % 2 == 1 ? v[half] : 0.5 * (v[half - 1] + v[half]);
}

/// " median (mean)" of `v` in a column 17 wide, "-" when empty.
std::string cell(const std::vector<double>& v, const char* format) {
  char text[64] = "-";
  if (!v.empty()) {
    const double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    std::snprintf(text, sizeof text, format, median_of(v), mean);
  }
  char out[80];
  std::snprintf(out, sizeof out, " %16s", text);
  return out;
}

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) items.push_back(item);
  return items;
}

struct Args {
  int seeds = 10;
  int evals = 1000;
  int ambs_evals = 1000;
  std::vector<std::string> strategies = {"random", "evolution",      "agebo",
                                         "ambs",   "evolution-25-5", "agebo-25-5"};
  std::string table = NAS_TABLE_DIR "/nas_table.csv";
  std::string problem = NAS_TABLE_DIR "/nas_table.yaml";
};

Args parse_args(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; i += 2) {
    const std::string key = argv[i];
    if (i + 1 >= argc) throw Error::input("nas_table_bench: " + key + " needs a value");
    const std::string value = argv[i + 1];
    if (key == "--seeds") {
      args.seeds = std::stoi(value);
    } else if (key == "--evals") {
      args.evals = std::stoi(value);
    } else if (key == "--ambs-evals") {
      args.ambs_evals = std::stoi(value);
    } else if (key == "--strategies") {
      args.strategies = comma_list(value);
    } else if (key == "--table") {
      args.table = value;
    } else if (key == "--problem") {
      args.problem = value;
    } else {
      throw Error::input("nas_table_bench: unknown option " + key);
    }
  }
  return args;
}

void run(const Args& args) {
  std::ifstream in(args.problem);
  if (!in) throw Error::input("nas_table_bench: cannot read " + args.problem);
  const std::string problem_text((std::istreambuf_iterator<char>(in)),
                                 std::istreambuf_iterator<char>());
  const Problem problem = parse_problem(problem_text, args.problem);
  const bench::NasTable table(args.table, problem.space);
  std::printf("%s: %zu configurations (every one of the space), validation accuracy: best %.4f, "
              "99th percentile %.4f, median %.4f\n",
              args.table.c_str(), table.size(), table.quantile(1.0), table.quantile(0.99),
              table.quantile(0.5));
  std::printf("best-so-far validation accuracy over %d seeds, sequential, shipped defaults: "
              "median (mean); below it, (better): how many of the table's configurations score "
              "more than that best; 'beat' = seeds whose best @100 is above random's median "
              "@100\n",
              args.seeds);
  std::vector<int> marks;
  for (const int m : {25, 50, 100, 200, 500, 1000, 2000, 5000}) {
    if (m <= args.evals) marks.push_back(m);
  }
  std::printf("%-14s", "search");
  for (const int m : marks) std::printf(" %16s", ("@" + std::to_string(m)).c_str());
  std::printf(" %6s %8s\n", "beat", "seconds");
  double random_median_100 = 1.0;
  for (const std::string& name : args.strategies) {
    const StrategyOptions options = shipped_options(problem_text, name);
    const int budget = name == "ambs" ? std::min(args.evals, args.ambs_evals) : args.evals;
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::vector<double>> at(marks.size());
    for (int seed = 0; seed < args.seeds; ++seed) {
      const auto best =
          best_so_far(table, problem.space, options, static_cast<std::uint64_t>(seed), budget);
      for (std::size_t k = 0; k < marks.size(); ++k) {
        if (marks[k] <= budget) at[k].push_back(best[static_cast<std::size_t>(marks[k] - 1)]);
      }
      std::fprintf(stderr, "\r%s seed %d/%d   ", name.c_str(), seed + 1, args.seeds);
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // Row 1: the incumbent's accuracy; row 2: how many configurations score better.
    std::string accuracy_row = name;
    std::string better_row = "  (better)";
    accuracy_row.resize(14, ' ');
    better_row.resize(14, ' ');
    std::vector<double> at100;
    for (std::size_t k = 0; k < marks.size(); ++k) {
      std::vector<double> better;
      for (const double best : at[k])
        better.push_back(static_cast<double>(table.better_than(best)));
      accuracy_row += cell(at[k], "%.4f (%.4f)");
      better_row += cell(better, "%.0f (%.1f)");
      if (marks[k] == 100) at100 = at[k];
    }
    if (name == "random" && !at100.empty()) random_median_100 = median_of(at100);
    const auto beat = std::count_if(at100.begin(), at100.end(),
                                    [&](double best) { return best > random_median_100; });
    std::printf("%s %3ld/%-2d %8.1f\n%s\n", accuracy_row.c_str(), static_cast<long>(beat),
                args.seeds, seconds, better_row.c_str());
    std::fflush(stdout);
  }
  std::fprintf(stderr, "\n");
}

} // namespace

int main(int argc, char** argv) {
  try {
    run(parse_args(argc, argv));
  } catch (const Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  return 0;
}
