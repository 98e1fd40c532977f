#include "hpsearch/core/error.hpp"
#include "hpsearch/search/lifecycle/full_fidelity_scheduler.hpp"
#include "hpsearch/search/lifecycle/scheduler_factory.hpp"

#include <gtest/gtest.h>
#include <vector>

namespace hpsearch {
namespace {

/// Proposes x = 0, 1, ..., up to `size` configurations; records what it is told.
class CountingStrategy final : public Strategy {
public:
  explicit CountingStrategy(std::int64_t size) : size_(size) {}
  std::optional<Config> ask() override {
    ++asks;
    if (next_ >= size_) return std::nullopt;
    return Config({{"x", Value{next_++}}});
  }
  void tell(const Evaluation& evaluation) override { told.push_back(evaluation); }
  std::string_view name() const override { return "counting"; }
  std::string save_state() const override { return "next " + std::to_string(next_); }
  void restore_state(const std::string& state) override { next_ = std::stoll(state.substr(5)); }

  int asks = 0;
  std::vector<Evaluation> told;

private:
  std::int64_t size_;
  std::int64_t next_ = 0;
};

Evaluation ended(JobId id, Status status, double objective) {
  Evaluation e;
  e.id = id;
  e.status = status;
  e.objective = objective;
  return e;
}

TEST(FullFidelityScheduler, OneJobPerTrialAtTheEvaluatorsFidelityNumberedFromTheFirstTrial) {
  CountingStrategy strategy(10);
  FullFidelityScheduler scheduler(strategy, nullptr, 7);
  for (TrialId t = 7; t < 10; ++t) {
    const auto job = scheduler.next();
    ASSERT_TRUE(job);
    EXPECT_EQ(job->trial, t);
    EXPECT_EQ(job->config.at("x"), Value{t - 7});
    EXPECT_EQ(job->from_fidelity, 0.0);
    EXPECT_EQ(job->to_fidelity, 0.0) << "0: the evaluator's own full fidelity";
    EXPECT_EQ(job->rung, -1);
  }
  EXPECT_EQ(scheduler.name(), "counting");
}

TEST(FullFidelityScheduler, AnEmptyStrategyExhaustsItForGoodAndIsNotAskedAgain) {
  CountingStrategy strategy(1);
  FullFidelityScheduler scheduler(strategy, nullptr);
  EXPECT_TRUE(scheduler.next());
  EXPECT_FALSE(scheduler.exhausted());
  EXPECT_FALSE(scheduler.next());
  EXPECT_TRUE(scheduler.exhausted());
  EXPECT_FALSE(scheduler.next());
  EXPECT_EQ(strategy.asks, 2);
}

TEST(FullFidelityScheduler, TellsTheStrategyTheEvaluationAsGivenAndAStoppedJobEndsStopped) {
  CountingStrategy strategy(10);
  FullFidelityScheduler scheduler(strategy, nullptr);
  const TrialJob a = *scheduler.next();
  const TrialJob b = *scheduler.next();
  const TrialJob c = *scheduler.next();
  EXPECT_EQ(scheduler.job_ended(b, ended(11, Status::stopped, 4.0)), TrialDecision::stopped);
  EXPECT_EQ(scheduler.job_ended(a, ended(10, Status::ok, 3.0)), TrialDecision::finished);
  EXPECT_EQ(scheduler.job_ended(c, ended(12, Status::failed, 0.0)), TrialDecision::finished);
  ASSERT_EQ(strategy.told.size(), 3U);
  EXPECT_EQ(strategy.told[0].id, 11);
  EXPECT_EQ(strategy.told[0].status, Status::stopped);
  EXPECT_EQ(strategy.told[0].objective, 4.0);
  EXPECT_EQ(strategy.told[1].id, 10);
  EXPECT_EQ(strategy.told[2].status, Status::failed);
}

TEST(FullFidelityScheduler, WithoutAStoppingRuleEveryReportProceeds) {
  CountingStrategy strategy(10);
  FullFidelityScheduler scheduler(strategy, nullptr);
  for (TrialId t = 0; t < 20; ++t) {
    EXPECT_EQ(scheduler.report(t, 1.0, 1000.0 * static_cast<double>(t)), ReportDecision::proceed);
  }
}

TEST(FullFidelityScheduler, TheMedianRuleStopsAWorseTrialAndNeverPauses) {
  CountingStrategy strategy(10);
  PrunerOptions median{PrunerKind::median, 0.0, 3};
  const auto scheduler = make_scheduler({strategy, Direction::minimize, median});
  for (TrialId t = 0; t < 3; ++t) {
    EXPECT_EQ(scheduler->report(t, 1.0, 10.0 + static_cast<double>(t)), ReportDecision::proceed);
  }
  EXPECT_EQ(scheduler->report(3, 1.0, 50.0), ReportDecision::stop);
  EXPECT_EQ(scheduler->report(4, 1.0, 1.0), ReportDecision::proceed);
}

TEST(FullFidelityScheduler, ResumedCurvesJudgeNewTrialsNumberedAfterThem) {
  CountingStrategy strategy(10);
  PrunerOptions median{PrunerKind::median, 0.0, 3};
  const std::vector<CurvePoint> curves{{0, 1.0, 10.0}, {1, 1.0, 11.0}, {2, 1.0, 12.0}};
  SchedulerSpec spec{strategy, Direction::minimize, median};
  spec.first_trial = 3;
  spec.curves = curves;
  const auto scheduler = make_scheduler(spec);
  const TrialJob job = *scheduler->next();
  EXPECT_EQ(job.trial, 3);
  EXPECT_EQ(scheduler->report(job.trial, 1.0, 50.0), ReportDecision::stop)
      << "three finished curves from the checkpoint are enough to judge it";
}

TEST(FullFidelityScheduler, ItsStateIsExactlyTheStrategys) {
  CountingStrategy strategy(10);
  const auto scheduler = make_scheduler({strategy, Direction::minimize, {}});
  (void)scheduler->next();
  (void)scheduler->next();
  EXPECT_EQ(scheduler->save_state(), strategy.save_state());
  EXPECT_EQ(scheduler->save_state(), "next 2");
  scheduler->restore_state("next 5");
  EXPECT_EQ(strategy.save_state(), "next 5");
  EXPECT_EQ(scheduler->next()->config.at("x"), Value{std::int64_t{5}});
}

TEST(SchedulerFactory, EveryMultiFidelityKindDrivesTheStrategyAsItsSampler) {
  SearchSpace space; // population-based training explores in it
  space.add(Parameter::integer("x", 0, 100));
  for (const auto& entry : scheduler_kinds.entries()) {
    if (entry.value == SchedulerKind::replay) continue; // no sampler: the test below
    CountingStrategy strategy(10);
    SchedulerSpec spec{strategy, Direction::minimize, {}};
    spec.space = &space;
    MultiFidelityOptions options;
    options.kind = entry.value;
    options.min_fidelity = 1;
    options.max_fidelity = 9;
    spec.multifidelity = options;
    const std::unique_ptr<Scheduler> scheduler = make_scheduler(spec);
    EXPECT_EQ(scheduler->name(), entry.name);
    const std::optional<TrialJob> first = scheduler->next();
    ASSERT_TRUE(first.has_value()) << entry.name;
    EXPECT_EQ(first->config.at("x"), Value{std::int64_t{0}}) << entry.name; // the strategy's first
    EXPECT_EQ(first->from_fidelity, 0.0) << entry.name;
    EXPECT_GE(first->to_fidelity, 1.0) << entry.name; // a rung, not the evaluator's own fidelity
  }
}

TEST(SchedulerFactory, ReplayTrainsTheRecordedScheduleWithoutASampler) {
  CountingStrategy strategy(10);
  SchedulerSpec spec{strategy, Direction::minimize, {}};
  MultiFidelityOptions options;
  options.kind = SchedulerKind::replay;
  spec.multifidelity = options;
  EXPECT_THROW(make_scheduler(spec), Error) << "no recorded schedule";
  const Config h({{"x", Value{std::int64_t{7}}}});
  spec.replay = {{0.0, 2.0, h}, {2.0, 5.0, h}};
  const std::unique_ptr<Scheduler> scheduler = make_scheduler(spec);
  EXPECT_EQ(scheduler->name(), "replay");
  EXPECT_EQ(scheduler->next(), (TrialJob{0, h, 0.0, 2.0, -1}));
}

} // namespace
} // namespace hpsearch
