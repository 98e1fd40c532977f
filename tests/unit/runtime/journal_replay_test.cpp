// replay_scheduler (runtime/journal_replay.hpp): a multi-fidelity search driven by the real
// ManagerCore and CheckpointJournal into a real checkpoint; after every result (jobs still
// in flight, failures, stops, pauses, promotions), the file read back and replayed into a
// fresh scheduler over a fresh sampler gives exactly the live scheduler's state
// (save_state(): its complete mutable state, the sampler's included), for every scheduler
// kind, from the first snapshot and from one taken mid-search.
#include "actions_of.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/checkpoint_journal.hpp"
#include "hpsearch/runtime/journal_replay.hpp"
#include "hpsearch/runtime/manager_core.hpp"
#include "hpsearch/runtime/replay_sampler.hpp"
#include "hpsearch/runtime/resume_plan.hpp"
#include "hpsearch/search/multifidelity/multifidelity_factory.hpp"
#include "hpsearch/search/random_search.hpp"
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/reader.hpp"
#include "temp_dir.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <string>

namespace hpsearch {
namespace {

constexpr std::uint64_t kSeed = 11;

SearchSpace space() {
  SearchSpace s;
  s.add(Parameter::real("x", 0.0, 1.0));
  return s;
}

/// A fresh sampler and scheduler, as run_setup builds them (`seed`: the sampler's).
struct Search {
  explicit Search(const MultiFidelityOptions& options, std::uint64_t seed = kSeed)
      : strategy(space(), seed), sampler(strategy),
        scheduler(make_multifidelity_scheduler(options, sampler, Direction::minimize, kSeed)) {}
  void replay(const CheckpointContents& contents) {
    replay_scheduler(contents, {*scheduler, sampler});
  }
  RandomSearch strategy;
  ReplaySampler sampler;
  std::unique_ptr<Scheduler> scheduler;
};

/// The learning curve of configuration `config` at `step`: saturating, crossing by x.
double curve(const Config& config, double step) {
  const double x = as_double(config.at("x"));
  return (x - 0.3) * (x - 0.3) + x / step;
}

/// A search on 3 workers through ManagerCore and the journal into a real checkpoint. Jobs
/// end in dispatch order (promotions then happen as in a real run); every 7th fails; a job
/// reports every integer step from its from-fidelity to its fidelity (the stopping rule may
/// stop it), then ends.
class LiveSearch {
public:
  LiveSearch(const MultiFidelityOptions& options, std::string path)
      : path_(std::move(path)), search_(options),
        checkpoint_(Checkpoint::create(path_, space(),
                                       {"", "random", kSeed, Direction::minimize, "test", 0.0})),
        core_(*search_.scheduler, manager_options(), 3, 0.0), journal_(checkpoint_, core_) {
    journal_.commit_state(0.0);
    for (int rank = 1; rank <= 3; ++rank) apply(core_.on_ready(rank, "h", t_, t_));
  }

  /// Ends the oldest job in flight.
  void end_one() {
    ASSERT_FALSE(running_.empty()) << "the search stalled";
    const auto [rank, job] = running_.begin()->second;
    running_.erase(running_.begin());
    t_ += 1.0;
    promoted += job.from_fidelity > 0.0;
    Outcome outcome = test::outcome(Status::ok, curve(job.config, job.fidelity));
    if (job.id % 7 == 6) outcome = test::outcome(Status::failed, std::nan(""));
    for (double step = std::floor(job.from_fidelity) + 1.0;
         outcome.status == Status::ok && step <= job.fidelity; step += 1.0) {
      const Actions progress = core_.on_progress(rank, job.id, step, curve(job.config, step), t_);
      if (!test::all_of<StopJob>(progress).empty()) {
        outcome = test::outcome(Status::stopped, curve(job.config, step));
        ++stopped;
      }
      apply(progress);
    }
    const Actions ended = core_.on_result(rank, job.id, outcome, t_, t_);
    for (const auto& record : test::all_of<Record>(ended)) {
      paused += record.evaluation.decision == TrialDecision::paused;
    }
    apply(ended);
  }
  void snapshot() { journal_.commit_state(t_); }
  Scheduler& scheduler() { return *search_.scheduler; }
  std::size_t in_flight() const { return running_.size(); }

  int paused = 0, stopped = 0, promoted = 0;

private:
  static ManagerOptions manager_options() {
    ManagerOptions manager;
    manager.max_evals = 100000;
    manager.seed = kSeed;
    return manager;
  }
  void apply(const Actions& actions) {
    journal_.commit(actions, t_);
    for (const auto& send : test::all_of<SendJob>(actions)) {
      running_[send.job.id] = {send.rank, send.job};
    }
  }

  std::string path_;
  Search search_;
  Checkpoint checkpoint_;
  ManagerCore core_;
  CheckpointJournal journal_;
  std::map<JobId, std::pair<int, Job>> running_; ///< by id: dispatch order
  double t_ = 0.0;
};

/// Runs `results` jobs of a LiveSearch, checking after each result that the checkpoint
/// replays to the live scheduler's state; a snapshot is taken after result `snapshot_at`.
void check_replay(const MultiFidelityOptions& options, int results, int snapshot_at) {
  test::TempDir dir("journal_replay");
  const std::string path = dir.file("search.h5");
  LiveSearch live(options, path);
  for (int r = 0; r < results; ++r) {
    live.end_one();
    if (r == snapshot_at) live.snapshot();
    const CheckpointContents contents = read_checkpoint(path);
    Search resumed(options);
    resumed.replay(contents);
    ASSERT_EQ(resumed.scheduler->save_state(), live.scheduler().save_state())
        << "after result " << r << " (" << live.in_flight() << " jobs in flight)";
  }
  // The runs exercised what the replay must reproduce.
  if (options.variant == AshaVariant::stopping) {
    EXPECT_GT(live.stopped, 0);
  } else {
    EXPECT_GT(live.paused, 0);
    EXPECT_GT(live.promoted, 0);
  }
}

MultiFidelityOptions options(SchedulerKind kind, AshaVariant variant = AshaVariant::promotion) {
  MultiFidelityOptions o;
  o.kind = kind;
  o.min_fidelity = 1.0;
  o.max_fidelity = 9.0;
  o.reduction_factor = 3.0;
  o.variant = variant;
  return o;
}

TEST(JournalReplay, AshaPromotionReplaysToTheLiveState) {
  check_replay(options(SchedulerKind::asha), 40, 20);
}

TEST(JournalReplay, AshaStoppingReplaysToTheLiveState) {
  check_replay(options(SchedulerKind::asha, AshaVariant::stopping), 40, 20);
}

TEST(JournalReplay, AsyncHyperbandReplaysToTheLiveState) {
  check_replay(options(SchedulerKind::async_hyperband), 40, 20);
  check_replay(options(SchedulerKind::async_hyperband, AshaVariant::stopping), 40, 20);
}

TEST(JournalReplay, SuccessiveHalvingReplaysToTheLiveState) {
  check_replay(options(SchedulerKind::successive_halving), 40, 20);
}

TEST(JournalReplay, HyperbandReplaysToTheLiveState) {
  check_replay(options(SchedulerKind::hyperband), 40, 20);
}

TEST(JournalReplay, OneEpochReplaysToTheLiveState) {
  MultiFidelityOptions o = options(SchedulerKind::one_epoch);
  o.top_k = 2;
  check_replay(o, 40, 20);
}

TEST(JournalReplay, AJobInFlightAtItsLastStrikeEndsInTheScheduler) {
  // plan_resume records a job lost max_requeues times failed: a multi-fidelity search ends
  // it in the scheduler (its trial no longer runs) instead of telling the sampler only.
  test::TempDir dir("journal_replay");
  const std::string path = dir.file("search.h5");
  const MultiFidelityOptions asha = options(SchedulerKind::asha);
  LiveSearch live(asha, path);
  for (int r = 0; r < 10; ++r) live.end_one();
  ASSERT_GT(live.in_flight(), 0U);
  const CheckpointContents contents = read_checkpoint(path); // its allocation never ended
  Problem problem;
  problem.space = space();
  problem.search.strategy.kind = StrategyKind::random;
  problem.search.multifidelity = asha;
  problem.run.max_requeues = 1;
  Search resumed(asha);
  const SchedulerReplay replay{*resumed.scheduler, resumed.sampler};
  const ResumePlan plan = plan_resume(contents, problem, resumed.strategy, false, &replay);
  ASSERT_EQ(plan.failed_rows.size(), live.in_flight());
  EXPECT_TRUE(plan.point.requeue.empty());
  for (const auto& [row, extras] : plan.failed_rows) {
    EXPECT_EQ(row.status, Status::failed);
    EXPECT_EQ(row.decision, live.scheduler().job_ended(trial_job_of(row), row));
  }
  EXPECT_EQ(resumed.scheduler->save_state(), live.scheduler().save_state());
}

TEST(JournalReplay, NewTrialsKeepTheirRecordedConfigurationsWhateverTheSamplerProposes) {
  // A sampler that proposes otherwise on a replay (AMBS with several workers: its proposals
  // depend on timing; here another seed): the replayed trials hold the configurations the
  // file recorded, which their saved states were trained with.
  test::TempDir dir("journal_replay");
  const std::string path = dir.file("search.h5");
  const MultiFidelityOptions asha = options(SchedulerKind::asha);
  LiveSearch live(asha, path);
  for (int r = 0; r < 20; ++r) live.end_one();
  Search resumed(asha, kSeed + 1);
  resumed.replay(read_checkpoint(path));
  const auto scheduler_part = [](const std::string& state) {
    return state.substr(0, state.find("\nsampler\n")); // the sampler's own state differs
  };
  const std::string want = live.scheduler().save_state();
  ASSERT_NE(want.find("\nsampler\n"), std::string::npos);
  EXPECT_EQ(scheduler_part(resumed.scheduler->save_state()), scheduler_part(want));
}

TEST(JournalReplay, AStateOfOtherSettingsIsRefusedNamingTheFile) {
  test::TempDir dir("journal_replay");
  const std::string path = dir.file("search.h5");
  {
    Search saved(options(SchedulerKind::asha));
    Checkpoint checkpoint =
        Checkpoint::create(path, space(), {"", "random", kSeed, Direction::minimize, "test", 0.0});
    ManagerCore core(*saved.scheduler, ManagerOptions{}, 1, 0.0);
    CheckpointJournal(checkpoint, core).commit_state(0.0);
  }
  const CheckpointContents contents = read_checkpoint(path);
  Search other(options(SchedulerKind::hyperband));
  try {
    other.replay(contents);
    FAIL() << "a hyperband scheduler took an asha state";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--fresh"), std::string::npos) << e.what();
  }
}

} // namespace
} // namespace hpsearch
