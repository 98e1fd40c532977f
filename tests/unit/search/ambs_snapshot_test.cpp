// Defect 3 of issue 13: in asynchronous mode the checkpoint journal saves the AMBS state on
// the manager thread (every CheckpointJournal::kSnapshotOps calls); that must never wait
// for the helper thread's model fit (DESIGN §1: dispatch never waits for a fit). The
// surrogate here is a real forest whose fit the test holds until it lets it go, so
// "save_state() returned while a fit was running" is an ordering, not a timing. Nor may
// ask(): while the helper fits, it hands out the reserve of the last acquisition ranking
// or a sample from the prior.
#include "hpsearch/core/config_text.hpp"
#include "hpsearch/search/ambs/ambs_strategy.hpp"
#include "hpsearch/search/ambs/proposer.hpp"
#include "hpsearch/surrogate/surrogate.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <future>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace hpsearch {
namespace {

/// Both sides of a fit the test holds: the fit says it started, and waits to be let go.
struct FitGate {
  std::mutex mutex;
  std::condition_variable changed;
  int started = 0;
  int pass = 0; ///< fits let through before the gate holds one
  bool open = false;

  void enter() {
    std::unique_lock lock(mutex);
    ++started;
    changed.notify_all();
    if (started <= pass) return;
    changed.wait(lock, [&] { return open; });
  }
  bool wait_started(int fits) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(60), [&] { return started >= fits; });
  }
  void release() {
    std::lock_guard lock(mutex);
    open = true;
    changed.notify_all();
  }
};

/// The shipped extra-trees forest, with every fit held at the gate first.
class HeldForest final : public Regressor {
public:
  HeldForest(FitGate& gate, std::unique_ptr<Regressor> model)
      : gate_(gate), model_(std::move(model)) {}
  void fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t seed) override {
    gate_.enter();
    model_->fit(x, y, seed);
  }
  Prediction predict(const Eigen::MatrixXd& x) const override { return model_->predict(x); }
  std::string_view name() const override { return "held"; }

private:
  FitGate& gate_;
  std::unique_ptr<Regressor> model_;
};

SearchSpace square() {
  SearchSpace space;
  space.add(Parameter::real("x", 0.0, 1.0));
  space.add(Parameter::real("y", 0.0, 1.0));
  return space;
}

/// Asynchronous AMBS on square() (5 random design points, 100 candidates, seed 7) whose
/// forest's fits wait at `gate`.
std::unique_ptr<AmbsStrategy> held_strategy(FitGate& gate, int workers = 4) {
  const SearchSpace space = square();
  AmbsOptions options;
  const InitialDesign initial{SamplerKind::random, 5};
  options.candidates = 100;
  auto model = std::make_unique<HeldForest>(
      gate, make_regressor("et", options.surrogate_options, feature_kinds(space, Encoding::index)));
  return std::make_unique<AmbsStrategy>(space, options, initial, Direction::minimize, 7, workers,
                                        std::move(model));
}

Evaluation result(JobId id, const Config& config) {
  Evaluation ev;
  ev.id = id;
  ev.config = config;
  ev.objective = as_double(config.at("x")) + as_double(config.at("y"));
  return ev;
}

/// The fields of the state's first line: tag, version, proposals, fits, pending, elites.
std::vector<std::string> header(const std::string& state) {
  std::istringstream in(state.substr(0, state.find('\n')));
  std::vector<std::string> fields;
  for (std::string f; in >> f;) fields.push_back(f);
  return fields;
}

/// save_state() on another thread while the helper's fit is held; nullopt when it did not
/// return within a minute (it waited for the fit). The fit is let go in either case.
std::optional<std::string> save_while_held(const Strategy& strategy, FitGate& gate) {
  auto saved = std::async(std::launch::async, [&] { return strategy.save_state(); });
  const bool returned = saved.wait_for(std::chrono::seconds(60)) == std::future_status::ready;
  gate.release();
  std::string state = saved.get();
  if (!returned) return std::nullopt;
  return state;
}

/// The pending configurations a state lists (they follow its first line).
std::vector<Config> pending_of(const std::string& state) {
  const auto fields = header(state);
  EXPECT_EQ(fields.size(), 6U) << state;
  if (fields.size() != 6U) return {};
  std::istringstream in(state.substr(state.find('\n') + 1));
  std::vector<Config> pending;
  std::string line;
  for (long long i = 0; i < std::stoll(fields[4]) && std::getline(in, line); ++i) {
    pending.push_back(parse_config_text(line));
  }
  return pending;
}

TEST(AmbsSnapshot, SaveStateReturnsWhileTheHelperIsFitting) {
  FitGate gate;
  const auto held = held_strategy(gate);
  AmbsStrategy& strategy = *held;
  // Four workers take four design points and report; the first of them to ask again takes
  // the fifth, and the helper fits its first model for the sixth proposal: that fit is
  // held until the test lets it go.
  std::vector<Config> handed;
  for (int i = 0; i < 4; ++i) handed.push_back(*strategy.ask());
  for (int i = 0; i < 4; ++i) strategy.tell(result(i, handed[static_cast<std::size_t>(i)]));
  handed.push_back(*strategy.ask());
  ASSERT_TRUE(gate.wait_started(1)) << "the helper never started a fit";

  // The journal's periodic snapshot, on the manager thread, while the fit is held.
  const auto state = save_while_held(strategy, gate);
  ASSERT_TRUE(state.has_value()) << "save_state() waited for the helper's fit";

  // In flight is the fifth job only: the four results are told (the helper may be telling
  // them still) and a prepared proposal nobody received is not pending.
  const auto fields = header(*state);
  ASSERT_EQ(fields.size(), 6U) << *state;
  EXPECT_EQ(fields[0], "ambs-proposer");
  EXPECT_GE(std::stoll(fields[2]), 5) << "proposals: the design's five were made";
  EXPECT_EQ(pending_of(*state), std::vector<Config>{handed[4]}) << *state;

  // A resumed search (the results replayed, then the state) proposes something new, and
  // has the fifth job and its own proposal in flight.
  AmbsOptions options;
  options.candidates = 100; // as held_strategy()'s
  AmbsStrategy resumed(square(), options, InitialDesign{SamplerKind::random, 5},
                       Direction::minimize, 7, 4);
  for (int i = 0; i < 4; ++i) resumed.tell(result(i, handed[static_cast<std::size_t>(i)]));
  resumed.restore_state(*state);
  const auto next = resumed.ask();
  ASSERT_TRUE(next.has_value());
  for (const Config& c : handed) EXPECT_NE(*next, c);
  const auto pending = pending_of(resumed.save_state());
  EXPECT_EQ(pending.size(), 2U);
  EXPECT_NE(std::find(pending.begin(), pending.end(), handed[4]), pending.end());
}

TEST(AmbsSnapshot, AskReturnsWhileTheHelperIsFitting) {
  FitGate gate;
  const auto held = held_strategy(gate);
  AmbsStrategy& strategy = *held;
  std::vector<Config> handed;
  for (int i = 0; i < 4; ++i) handed.push_back(*strategy.ask());
  for (int i = 0; i < 4; ++i) strategy.tell(result(i, handed[static_cast<std::size_t>(i)]));
  handed.push_back(*strategy.ask());
  ASSERT_TRUE(gate.wait_started(1)) << "the helper never started a fit";

  // Eight asks while the fit is held (results came faster than fits), then the journal's
  // snapshot: none may wait for the fit.
  auto asked = std::async(std::launch::async, [&] {
    std::vector<std::optional<Config>> got;
    for (int i = 0; i < 8; ++i) got.push_back(strategy.ask());
    return std::make_pair(got, strategy.save_state());
  });
  const bool returned = asked.wait_for(std::chrono::seconds(60)) == std::future_status::ready;
  gate.release();
  const auto [configs, state] = asked.get();
  ASSERT_TRUE(returned) << "ask() waited for the helper's fit";
  EXPECT_EQ(strategy.served().fit_waits, 0);
  EXPECT_THAT(strategy.summary(), ::testing::HasSubstr("0 waits for a fit"));

  // Each is new and in the space, and pending in the snapshot with the fifth job.
  std::vector<Config> in_flight{handed[4]};
  for (const auto& c : configs) {
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(std::count(handed.begin(), handed.end(), *c), 0) << config_text(*c);
    EXPECT_EQ(std::count(in_flight.begin(), in_flight.end(), *c), 0) << config_text(*c);
    for (const char* name : {"x", "y"}) {
      EXPECT_GE(as_double(c->at(name)), 0.0);
      EXPECT_LE(as_double(c->at(name)), 1.0);
    }
    in_flight.push_back(*c);
  }
  const auto texts = [](const std::vector<Config>& list) {
    std::vector<std::string> out;
    for (const Config& c : list) out.push_back(config_text(c));
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(texts(pending_of(state)), texts(in_flight)) << state;

  // Once the fit is let go the helper adopts them: the next proposal is none of them.
  const auto next = strategy.ask();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(std::count(in_flight.begin(), in_flight.end(), *next), 0);
  EXPECT_EQ(std::count(handed.begin(), handed.end(), *next), 0);
}

TEST(AmbsSnapshot, TheReserveIsTheSpreadRunnersUpOfTheRanking) {
  // Asynchronous proposer: a proposal from the model keeps up to `reserve` runners-up, new
  // (neither observed nor pending) and at least 5 % of the diagonal apart; taken once.
  const SearchSpace space = square();
  AmbsOptions options;
  options.candidates = 300;
  options.reserve = 16;
  Proposer proposer(space, options, InitialDesign{SamplerKind::random, 5}, Direction::minimize, 3,
                    true);
  std::vector<Config> observed;
  for (int i = 0; i < 5; ++i) {
    const Config c = *proposer.next();
    EXPECT_TRUE(proposer.take_reserve().empty()) << "a design proposal has no reserve";
    proposer.tell(c, Status::ok, as_double(c.at("x")) + as_double(c.at("y")));
    observed.push_back(c);
  }
  const Config chosen = *proposer.next();
  const std::vector<Config> reserve = proposer.take_reserve();
  EXPECT_EQ(reserve.size(), 16U);
  EXPECT_TRUE(proposer.take_reserve().empty());
  std::vector<Config> all = observed;
  all.push_back(chosen);
  for (const Config& c : reserve) {
    EXPECT_EQ(std::count(all.begin(), all.end(), c), 0) << config_text(c);
    for (std::size_t j = 5; j < all.size(); ++j) { // the proposal and the reserve so far
      const double dx = as_double(c.at("x")) - as_double(all[j].at("x"));
      const double dy = as_double(c.at("y")) - as_double(all[j].at("y"));
      EXPECT_GE(dx * dx + dy * dy, 0.05 * 0.05 * 2 - 1e-12) << config_text(c);
    }
    all.push_back(c);
  }
  // Adopted, a reserve configuration is pending: never proposed again.
  for (const Config& c : reserve) proposer.adopt(c);
  for (int i = 0; i < 20; ++i) {
    const Config c = *proposer.next();
    EXPECT_EQ(std::count(all.begin(), all.end(), c), 0) << config_text(c);
    all.push_back(c);
  }
}

TEST(AmbsSnapshot, AStaleReserveGivesWayToTheFallback) {
  // The reserve of a ranking bridges the asks of one fit. Once more results than there are
  // workers came in since the ranking, ask() hands out the fallback's step from the best
  // result (which knows them) instead of the stale runners-up. The first fit passes and the
  // second is held, so the reserve ask() sees is the first ranking's.
  FitGate gate;
  gate.pass = 1;
  const int workers = 4;
  const auto held = held_strategy(gate, workers);
  AmbsStrategy& strategy = *held;
  std::vector<Config> handed;
  for (int i = 0; i < 5; ++i) handed.push_back(*strategy.ask());
  JobId id = 0;
  for (int i = 0; i < 4; ++i) strategy.tell(result(id++, handed[static_cast<std::size_t>(i)]));
  ASSERT_TRUE(gate.wait_started(1)) << "the helper never started a fit";
  // A result after the first fit started: the helper fits again (held) once it is done.
  strategy.tell(result(id++, handed[4]));
  ASSERT_TRUE(gate.wait_started(2)) << "the helper never started a second fit";

  // More results than workers, none from the helper's proposals (tell() takes any).
  for (int i = 0; i <= workers; ++i) {
    Config c;
    c.set("x", 0.05 + 0.1 * i);
    c.set("y", 0.95 - 0.1 * i);
    strategy.tell(result(id++, c));
  }
  const AmbsStrategy::Served before = strategy.served();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(strategy.ask().has_value());
  const AmbsStrategy::Served after = strategy.served();
  gate.release();
  EXPECT_EQ(after.reserve, before.reserve) << "a stale reserve was handed out";
  // The first ask may take the proposal the first fit prepared; the others are fallbacks.
  EXPECT_GE(after.fallback - before.fallback, 2);
  EXPECT_EQ(after.fit_waits, 0);
}

} // namespace
} // namespace hpsearch
