// multifidelity: simple regret against the total fidelity budget (epochs trained, summed
// over jobs) of the multi-fidelity schedulers on the learning-curve test functions
// (eval/learning_curves.hpp), in process: W simulated workers in virtual time, one time unit
// per epoch, driven over the Scheduler interface as the manager drives it (next() for every
// free worker, report() at every epoch, job_ended() when a job ends; continued trials resume
// their curve where they paused). Full-fidelity random search (every trial 0 -> 27) is the
// baseline. The random sampler feeds every scheduler.
//
// Regret: the best value observed at full fidelity (step 27, where a curve is noise-free)
// minus the function's known minimum, after 1/8, 1/4, 1/2 and all of the budget; infinite
// while no trial has reached full fidelity. Utilization: epochs trained / (workers * time).
//   multifidelity [--seeds 10] [--budget 2160] [--workers 1] [--csv FILE] [--schedulers a,b]
// CSV rows: problem,workers,scheduler,seed,budget,regret (bench/multifidelity_optuna.py
// prints the same for Optuna; bench/multifidelity_table.py joins them).
#include "hpsearch/eval/learning_curves.hpp"
#include "hpsearch/eval/test_functions.hpp"
#include "hpsearch/search/multifidelity/multifidelity_factory.hpp"
#include "hpsearch/search/strategy.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <queue>
#include <string>
#include <vector>

namespace {

using namespace hpsearch;

struct Problem {
  std::string name;
  std::size_t dimension;
};

const std::vector<Problem> kProblems = {
    {"curve_sphere", 4}, {"curve_branin", 2}, {"curve_hartmann6", 6}};
/// "<scheduler>[+<sampler>]": a scheduler of scheduler_kinds (asha_stopping: asha, variant
/// stopping) driving `sampler` (default random; "ambs:largest" and "ambs:input" name AMBS's
/// fidelity model, plain "ambs" its default), or "<strategy>_full": full fidelity.
const std::vector<std::string> kSchedulers = {
    "random_full",   "ambs_full",     "successive_halving", "hyperband", "one_epoch",
    "asha",          "asha_stopping", "async_hyperband",    "asha+ambs", "async_hyperband+ambs",
    "hyperband+ambs"};
constexpr double kMarks[] = {0.125, 0.25, 0.5, 1.0};

SearchSpace space_of(const TestFunction& fn, std::size_t d) {
  SearchSpace space;
  const auto domain = fn.domain(d);
  for (std::size_t i = 0; i < d; ++i) {
    space.add(Parameter::real("x" + std::to_string(i), domain[i].first, domain[i].second));
  }
  return space;
}

std::vector<double> point(const Config& config) {
  std::vector<double> x;
  for (const auto& [name, value] : config.entries()) x.push_back(as_double(value));
  return x;
}

/// Full-fidelity search as a scheduler: one job per trial, 0 -> max, from the sampler.
class FullFidelity final : public Scheduler {
public:
  FullFidelity(std::unique_ptr<Strategy> sampler, double max)
      : sampler_(std::move(sampler)), max_(max) {}
  std::optional<TrialJob> next() override {
    std::optional<Config> config = sampler_->ask();
    if (!config) return std::nullopt;
    return TrialJob{next_++, *config, 0.0, max_, -1};
  }
  ReportDecision report(TrialId, double, double) override { return ReportDecision::proceed; }
  TrialDecision job_ended(const TrialJob&, const Evaluation& result) override {
    sampler_->tell(result);
    return TrialDecision::finished;
  }
  bool exhausted() const override { return false; }
  std::string_view name() const override { return "full"; }
  std::string save_state() const override { return sampler_->save_state(); }
  void restore_state(const std::string& state) override { sampler_->restore_state(state); }

private:
  std::unique_ptr<Strategy> sampler_;
  double max_;
  TrialId next_ = 0;
};

std::unique_ptr<Scheduler> make(const std::string& name, const SearchSpace& space,
                                std::uint64_t seed) {
  MultiFidelityOptions options;
  options.min_fidelity = 1;
  options.max_fidelity = kCurveSteps;
  options.reduction_factor = 3;
  const std::size_t plus = name.find('+');
  std::string kind = name.substr(0, plus);
  const std::string sampler_name = plus == std::string::npos ? "random" : name.substr(plus + 1);
  if (kind.ends_with("_full")) {
    const std::string strategy = kind.substr(0, kind.size() - 5);
    return std::make_unique<FullFidelity>(
        make_strategy(strategy, {space, Direction::minimize, seed}), kCurveSteps);
  }
  if (kind == "asha_stopping") {
    kind = "asha";
    options.variant = AshaVariant::stopping;
  }
  options.kind = scheduler_kinds.at(kind);
  const std::size_t colon = sampler_name.find(':');
  StrategyOptions sampler;
  sampler.kind = strategy_kinds.at(sampler_name.substr(0, colon));
  if (colon != std::string::npos) {
    sampler.ambs.fidelity_model = fidelity_models.at(sampler_name.substr(colon + 1));
  }
  const StrategyContext context{
      space, Direction::minimize, seed, 1, {options.min_fidelity, options.max_fidelity}};
  return make_multifidelity_scheduler(options, make_strategy(sampler, context), Direction::minimize,
                                      seed);
}

/// Runs one search to `budget` epochs; returns the regret at each mark.
std::vector<double> run(Scheduler& scheduler, const TestFunction& fn, double budget, int workers) {
  struct Running {
    TrialJob job;
    std::vector<double> x;
    double step = 0.0;
    double value = 0.0;
  };
  struct Event {
    double time;
    std::int64_t order;
    int worker;
    bool operator>(const Event& o) const {
      return time != o.time ? time > o.time : order > o.order;
    }
  };
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  std::map<int, Running> busy;
  std::vector<int> idle;
  for (int w = 0; w < workers; ++w) idle.push_back(w);
  std::int64_t order = 0;
  double now = 0.0;
  double spent = 0.0;
  double best = std::numeric_limits<double>::infinity();
  std::vector<double> regrets;
  std::size_t mark = 0;
  const auto dispatch = [&] {
    while (!idle.empty()) {
      std::optional<TrialJob> job = scheduler.next();
      if (!job) return;
      const int w = idle.back();
      idle.pop_back();
      busy[w] = {*job, point(job->config), job->from_fidelity, 0.0};
      events.push({now + 1.0, order++, w});
    }
  };
  dispatch();
  while (!events.empty() && mark < std::size(kMarks)) {
    const Event e = events.top();
    events.pop();
    now = e.time;
    Running& r = busy.at(e.worker);
    r.step += 1.0;
    r.value = fn.curve(r.x, r.step);
    spent += 1.0;
    if (r.step >= kCurveSteps) best = std::min(best, r.value);
    while (mark < std::size(kMarks) && spent >= kMarks[mark] * budget) {
      regrets.push_back(best - fn.optimum_value);
      ++mark;
    }
    const ReportDecision d = scheduler.report(r.job.trial, r.step, r.value);
    if (d == ReportDecision::proceed && r.step < r.job.to_fidelity) {
      events.push({now + 1.0, order++, e.worker});
      continue;
    }
    Evaluation result;
    result.config = r.job.config;
    result.status = d == ReportDecision::stop ? Status::stopped : Status::ok;
    result.objective = r.value;
    result.fidelity = r.step;
    result.trial = r.job.trial;
    result.from_fidelity = r.job.from_fidelity;
    result.rung = r.job.rung;
    const TrialJob job = r.job;
    busy.erase(e.worker);
    idle.push_back(e.worker);
    scheduler.job_ended(job, result);
    dispatch();
  }
  while (regrets.size() < std::size(kMarks)) regrets.push_back(best - fn.optimum_value);
  regrets.push_back(now > 0.0 ? spent / (workers * now) : 0.0);
  return regrets;
}

} // namespace

int main(int argc, char** argv) {
  int seeds = 10;
  double budget = 2160; // 80 full trainings of 27 epochs
  int workers = 1;
  std::string csv_path;
  std::vector<std::string> schedulers = kSchedulers;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const std::string value = argv[i + 1];
    if (key == "--seeds") {
      seeds = std::stoi(value);
    } else if (key == "--budget") {
      budget = std::stod(value);
    } else if (key == "--workers") {
      workers = std::stoi(value);
    } else if (key == "--csv") {
      csv_path = value;
    } else if (key == "--schedulers") { // a comma-separated subset of kSchedulers' forms
      schedulers.clear();
      for (std::size_t at = 0; at <= value.size();) {
        const std::size_t end = std::min(value.find(',', at), value.size());
        schedulers.push_back(value.substr(at, end - at));
        at = end + 1;
      }
    } else {
      std::fprintf(stderr, "unknown option %s\n", key.c_str());
      return 2;
    }
  }
  std::ofstream csv;
  if (!csv_path.empty()) {
    csv.open(csv_path);
    csv << "problem,workers,scheduler,seed,budget,regret\n";
  }
  std::printf("%d seeds, budget %g epochs, %d workers: mean (median) simple regret\n", seeds,
              budget, workers);
  for (const Problem& problem : kProblems) {
    const TestFunction& fn = *find_test_function(problem.name);
    const SearchSpace space = space_of(fn, problem.dimension);
    std::printf("\n%s (d=%zu)\n%-20s", problem.name.c_str(), problem.dimension, "scheduler");
    for (const double m : kMarks) std::printf(" %18.0f", m * budget);
    std::printf(" %12s\n", "utilization");
    for (const std::string& name : schedulers) {
      std::vector<std::vector<double>> by_mark(std::size(kMarks));
      double utilization = 0.0;
      for (int seed = 1; seed <= seeds; ++seed) {
        const std::unique_ptr<Scheduler> scheduler =
            make(name, space, static_cast<std::uint64_t>(seed));
        std::vector<double> regrets = run(*scheduler, fn, budget, workers);
        utilization += regrets.back() / seeds;
        regrets.pop_back();
        for (std::size_t m = 0; m < regrets.size(); ++m) {
          by_mark[m].push_back(regrets[m]);
          if (csv.is_open()) {
            csv << problem.name << ',' << workers << ',' << name << ',' << seed << ','
                << kMarks[m] * budget << ',' << regrets[m] << '\n';
          }
        }
      }
      std::printf("%-20s", name.c_str());
      for (auto& values : by_mark) {
        double sum = 0.0;
        for (const double v : values) sum += v;
        std::sort(values.begin(), values.end());
        std::printf(" %9.4g (%6.3g)", sum / static_cast<double>(values.size()),
                    values[values.size() / 2]);
      }
      std::printf(" %12.3f\n", utilization);
    }
  }
  return 0;
}
