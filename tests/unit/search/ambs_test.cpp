#include "hpsearch/core/config_text.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/ambs/ambs_strategy.hpp"
#include "hpsearch/search/ambs/legacy_config_text.hpp"
#include "hpsearch/search/strategy.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <gtest/gtest.h>
#include <iostream>
#include <iterator>
#include <limits>
#include <numbers>
#include <set>
#include <sstream>

namespace hpsearch {
namespace {

SearchSpace branin_space() {
  SearchSpace space;
  space.add(Parameter::real("x1", -5.0, 10.0));
  space.add(Parameter::real("x2", 0.0, 15.0));
  return space;
}

double branin(const Config& c) {
  const double x1 = as_double(c.at("x1"));
  const double x2 = as_double(c.at("x2"));
  const double pi = std::numbers::pi;
  const double t = x2 - 5.1 / (4 * pi * pi) * x1 * x1 + 5 / pi * x1 - 6;
  return t * t + 10 * (1 - 1 / (8 * pi)) * std::cos(x1) + 10;
}

SearchSpace mixed_space() {
  SearchSpace space;
  space.add(Parameter::real("lr", 1e-4, 1e-1, true));
  space.add(Parameter::integer("units", 1, 8));
  space.add(Parameter::categorical("act", {std::string("relu"), std::string("tanh")}));
  return space;
}

Evaluation evaluated(JobId id, const Config& config, double objective, Status status = Status::ok) {
  Evaluation ev;
  ev.id = id;
  ev.config = config;
  ev.status = status;
  ev.objective = status == Status::ok ? objective : std::numeric_limits<double>::quiet_NaN();
  return ev;
}

std::unique_ptr<Strategy> ambs(const SearchSpace& space, std::uint64_t seed, int workers = 1,
                               Multipoint multipoint = AmbsOptions{}.multipoint,
                               std::string surrogate = "et") {
  StrategyOptions options;
  options.kind = StrategyKind::ambs;
  options.initial.points = 5;
  options.ambs.multipoint = multipoint;
  options.ambs.surrogate = surrogate_kinds.at(surrogate);
  options.ambs.candidates = 300;
  return make_strategy(options, {space, Direction::minimize, seed, workers});
}

std::vector<Config> sequential_run(Strategy& s, int n, JobId first = 0) {
  std::vector<Config> out;
  for (int i = 0; i < n; ++i) {
    const Config c = *s.ask();
    s.tell(evaluated(first + i, c, branin(c)));
    out.push_back(c);
  }
  return out;
}

TEST(Ambs, IdenticalSeedsGiveIdenticalProposals) {
  const SearchSpace space = branin_space();
  auto a = ambs(space, 3);
  auto b = ambs(space, 3);
  auto c = ambs(space, 4);
  const auto sa = sequential_run(*a, 25);
  EXPECT_EQ(sa, sequential_run(*b, 25));
  EXPECT_NE(sa, sequential_run(*c, 25));
}

TEST(Ambs, FindsBraninsMinimumFarBetterThanItsInitialDesign) {
  const SearchSpace space = branin_space();
  int good = 0;
  for (std::uint64_t seed : {1, 2, 3}) {
    auto s = ambs(space, seed);
    const auto configs = sequential_run(*s, 60);
    double best = std::numeric_limits<double>::infinity();
    for (const auto& c : configs) best = std::min(best, branin(c));
    if (best - 0.397887 < 0.05) ++good;
  }
  EXPECT_GE(good, 2); // regret < 0.05 within 60 evaluations in most seeds
}

TEST(Ambs, NeverProposesAPendingConfigurationAgain) {
  // 8 * 2 * 4 = 64 configurations; 64 asks without any result must all differ, and then
  // the space is used up.
  SearchSpace space;
  space.add(Parameter::integer("a", 1, 8));
  space.add(Parameter::categorical("b", {std::string("x"), std::string("y")}));
  space.add(Parameter::integer("c", 0, 3));
  for (Multipoint m : {Multipoint::believer, Multipoint::cl_max, Multipoint::cl_min,
                       Multipoint::cl_mean, Multipoint::qucb, Multipoint::penalize}) {
    auto s = ambs(space, 11, 1, m);
    std::set<std::string> seen;
    // A few results so that the model, not the design, proposes.
    for (int i = 0; i < 6; ++i) {
      const Config c = *s->ask();
      seen.insert(c.to_string());
      s->tell(evaluated(i, c, as_double(c.at("a")) + as_double(c.at("c"))));
    }
    for (int i = 6; i < 64; ++i) {
      const auto c = s->ask();
      ASSERT_TRUE(c.has_value()) << "multipoint " << static_cast<int>(m) << ", ask " << i;
      EXPECT_TRUE(seen.insert(c->to_string()).second) << "proposed twice: " << c->to_string();
    }
    EXPECT_FALSE(s->ask().has_value());
  }
}

/// 4 workers, 84 evaluations in asynchronous mode, results told at once (the helper is
/// always behind); checks that no proposal is handed out twice. Returns the best regret.
double asynchronous_run(std::uint64_t seed) {
  const SearchSpace space = branin_space();
  auto s = ambs(space, seed, 4);
  const auto* strategy = dynamic_cast<const AmbsStrategy*>(s.get());
  std::vector<Config> in_flight;
  std::set<std::string> handed;
  double best = std::numeric_limits<double>::infinity();
  for (int i = 0; i < 4; ++i) in_flight.push_back(*s->ask());
  for (int i = 0; i < 80; ++i) {
    const Config done = in_flight.front();
    in_flight.erase(in_flight.begin());
    best = std::min(best, branin(done));
    s->tell(evaluated(i, done, branin(done)));
    const Config next = *s->ask();
    for (const auto& c : in_flight) EXPECT_NE(c, next);
    EXPECT_TRUE(handed.insert(next.to_string()).second);
    in_flight.push_back(next);
  }
  for (const auto& c : in_flight) best = std::min(best, branin(c));
  if (strategy != nullptr) {
    // Results come back at once here, so the helper is always behind: the share of
    // proposals from the model explains a stall (the fallback climbs from the best result).
    const AmbsStrategy::Served served = strategy->served();
    std::cout << "seed " << seed << ": " << served.prepared << " prepared, " << served.reserve
              << " from the reserve, " << served.fallback << " fallback, " << served.fits
              << " fits\n";
  }
  return best - 0.397887;
}

TEST(Ambs, AsynchronousModeServesDistinctProposalsAndLearns) {
  // The bar: regret < 0.03 in at least 2 of 3 seeds. Random search's best of 84 points is
  // below 0.03 with p = 0.047 (Monte Carlo, 400,000 runs), so it passes this bar with
  // P = 3p^2(1-p) + p^3 = 0.65%.
  //
  // Results come back at once here, so the helper is always behind and ask() serves the
  // fallback (AmbsStrategy::served(), Debug build: 70-79 of the 84 proposals, 0-2 model
  // fits): this run measures the fallback's climb from the best result more than the model.
  // With the climb's step fixed at 0.1 the bar was missed (0 of 3 seeds in the last run
  // before the change; simulated, that climb meets the bar in 37% of runs); with the step
  // adapted by the 1/5th success rule (ambs_strategy.cpp) it was met in 445 of 450 runs.
  // The misses left came from the reserve of a ranking fitted on the 5 design points, handed
  // out 32 times over: a reserve is now stale once more results than workers came in since
  // its ranking (AmbsSnapshot.AStaleReserveGivesWayToTheFallback), and the bar was met in
  // 1,498 of 1,500 runs (--gtest_repeat=100, fifteen times, Debug build, machine load
  // 10-18 on 2 cores). Across seeds rather than thread timings the climb is weaker
  // (bench/ambs_async --sleep 0,0 --evals 84 --initial 5 --candidates 300, 300 seeds:
  // regret >= 0.03 in 62, 98 before the change): the bar holds for these seeds.
  std::vector<double> regrets;
  int good = 0;
  for (std::uint64_t seed : {5, 6, 7}) {
    regrets.push_back(asynchronous_run(seed));
    good += regrets.back() < 0.03 ? 1 : 0;
  }
  std::ostringstream figures;
  for (double r : regrets) figures << ' ' << r;
  std::cout << "asynchronous AMBS regrets after 84 evaluations:" << figures.str() << '\n';
  EXPECT_GE(good, 2) << "regret < 0.03 in " << good << " of 3 seeds:" << figures.str();
}

TEST(Ambs, AsynchronousModeCountsWhereEachProposalCameFrom) {
  // Every configuration ask() hands out is counted once: prepared by the helper, from the
  // reserve, or the fallback (bench/ask_latency --rate reports the model's share).
  const SearchSpace space = branin_space();
  StrategyOptions options;
  options.kind = StrategyKind::ambs;
  options.initial.points = 5;
  options.ambs.candidates = 300;
  AmbsStrategy s(space, options.ambs, options.initial, Direction::minimize, 9, 4);
  EXPECT_EQ(s.served().prepared + s.served().reserve + s.served().fallback, 0);
  std::vector<Config> in_flight;
  for (int i = 0; i < 4; ++i) in_flight.push_back(*s.ask());
  for (int i = 0; i < 40; ++i) {
    s.tell(evaluated(i, in_flight.front(), branin(in_flight.front())));
    in_flight.erase(in_flight.begin());
    in_flight.push_back(*s.ask());
  }
  const AmbsStrategy::Served served = s.served();
  EXPECT_EQ(served.prepared + served.reserve + served.fallback, 44);
  EXPECT_GE(served.prepared, 5); // the initial design is always prepared
}

TEST(Ambs, SavedStateContinuesExactlyAfterReplayedResults) {
  const SearchSpace space = mixed_space();
  auto objective = [](const Config& c) {
    return std::log10(as_double(c.at("lr"))) + 0.1 * as_double(c.at("units")) +
           (std::get<std::string>(c.at("act")) == "relu" ? 0.0 : 0.5);
  };
  auto a = ambs(space, 21);
  std::vector<Evaluation> history;
  std::string state;
  std::vector<Config> want;
  for (int i = 0; i < 30; ++i) {
    if (i == 14) state = a->save_state();
    const Config c = *a->ask();
    if (i >= 14) want.push_back(c);
    history.push_back(evaluated(i, c, objective(c)));
    a->tell(history.back());
  }
  // A resumed strategy: the results seen before the snapshot, then the snapshot.
  auto b = ambs(space, 21);
  for (int i = 0; i < 14; ++i) b->tell(history[static_cast<std::size_t>(i)]);
  b->restore_state(state);
  for (int i = 14; i < 30; ++i) {
    const Config c = *b->ask();
    EXPECT_EQ(c, want[static_cast<std::size_t>(i - 14)]) << "diverged at " << i;
    b->tell(history[static_cast<std::size_t>(i)]);
  }
  EXPECT_THROW(b->restore_state("garbage"), Error);
}

/// `c` as version-1 snapshots wrote it (the removed write_config(): hexadecimal floats,
/// length-prefixed strings).
std::string legacy_text(const Config& c) {
  std::ostringstream out;
  out << c.size();
  for (const auto& [name, value] : c.entries()) {
    out << ' ' << name.size() << ':' << name;
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
      out << " i " << *i;
    } else if (const auto* d = std::get_if<double>(&value)) {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%a", *d);
      out << " d " << buffer;
    } else if (const auto* b = std::get_if<bool>(&value)) {
      out << " b " << (*b ? 1 : 0);
    } else {
      const auto& text = std::get<std::string>(value);
      out << " s " << text.size() << ':' << text;
    }
  }
  return out.str();
}

/// A version-2 AMBS snapshot rewritten as version 1 would have written it.
std::string as_version_1(const std::string& state) {
  std::istringstream in(state);
  std::string header;
  std::getline(in, header);
  std::istringstream fields(header);
  std::string tag, version, proposals, fits;
  std::size_t pending = 0, elites = 0;
  fields >> tag >> version >> proposals >> fits >> pending >> elites;
  EXPECT_EQ(version, "2");
  EXPECT_GT(pending + elites, 0u) << "a snapshot without configurations tests no conversion";
  std::string out = tag + " 1 " + proposals + " " + fits + " " + std::to_string(pending) + " " +
                    std::to_string(elites) + "\n";
  for (std::size_t i = 0; i < pending + elites; ++i) {
    std::string line;
    std::getline(in, line);
    out += legacy_text(parse_config_text(line)) + "\n";
  }
  return out + std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(Ambs, VersionOneSnapshotsOfEarlierCheckpointsResumeExactly) {
  const SearchSpace space = mixed_space();
  auto objective = [](const Config& c) {
    return std::log10(as_double(c.at("lr"))) + 0.1 * as_double(c.at("units"));
  };
  auto a = ambs(space, 5);
  std::vector<Evaluation> history;
  std::string state;
  std::vector<Config> want;
  for (int i = 0; i < 24; ++i) {
    if (i == 12) state = a->save_state();
    const Config c = *a->ask();
    if (i >= 12) want.push_back(c);
    history.push_back(evaluated(i, c, objective(c)));
    a->tell(history.back());
  }
  const std::string old = as_version_1(state);
  ASSERT_EQ(old.rfind("ambs-proposer 1 ", 0), 0u) << old;
  auto b = ambs(space, 5);
  for (int i = 0; i < 12; ++i) b->tell(history[static_cast<std::size_t>(i)]);
  b->restore_state(old);
  for (int i = 12; i < 24; ++i) {
    const Config c = *b->ask();
    EXPECT_EQ(c, want[static_cast<std::size_t>(i - 12)]) << "diverged at " << i;
    b->tell(history[static_cast<std::size_t>(i)]);
  }
}

TEST(Ambs, FailuresAreImputedAndTheSearchGoesOn) {
  const SearchSpace space = branin_space();
  auto s = ambs(space, 8);
  for (int i = 0; i < 30; ++i) {
    const Config c = *s->ask();
    const bool fail = as_double(c.at("x1")) > 5.0;
    s->tell(evaluated(i, c, branin(c), fail ? Status::failed : Status::ok));
  }
  EXPECT_TRUE(s->ask().has_value());
}

TEST(Ambs, WorksWithEachSurrogate) {
  const SearchSpace space = mixed_space();
  for (const char* surrogate : {"et", "rf", "gp"}) {
    auto s = ambs(space, 2, 1, AmbsOptions{}.multipoint, surrogate);
    for (int i = 0; i < 15; ++i) {
      const Config c = *s->ask();
      EXPECT_TRUE(space.contains(c)) << surrogate << ": " << c.to_string();
      s->tell(evaluated(i, c, as_double(c.at("units"))));
    }
  }
}

TEST(ConfigText, SnapshotsOfEarlierVersionsStillRead) {
  // What "ambs-proposer 1" snapshots hold (written by the removed write_config()).
  const Config c({{"lr", Value{0.1 + 1e-17}},
                  {"n", Value{std::int64_t{-7}}},
                  {"flag", Value{true}},
                  {"weird name", Value{std::string("a b\n; touch pwned #")}}});
  std::stringstream text("4 2:lr d 0x1.999999999999bp-4 1:n i -7 4:flag b 1 10:weird name s "
                         "19:a b\n; touch pwned #\n0\n");
  EXPECT_EQ(read_legacy_config(text), c);
  EXPECT_EQ(read_legacy_config(text), Config{});
  std::stringstream bad("2 2:lr d");
  EXPECT_THROW(read_legacy_config(bad), Error);
}

} // namespace
} // namespace hpsearch
