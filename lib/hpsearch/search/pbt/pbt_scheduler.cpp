#include "hpsearch/search/pbt/pbt_scheduler.hpp"

#include "hpsearch/core/config_text.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/pbt/exploit.hpp"
#include "hpsearch/search/pbt/explore.hpp"
#include "hpsearch/search/pbt/pb2_explore.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace hpsearch {

namespace {

void check_options(const MultiFidelityOptions& options) {
  const PbtOptions& pbt = options.pbt;
  const auto require = [](bool ok, const std::string& what) {
    if (!ok) throw Error::input("search." + what);
  };
  require(pbt.population >= 2,
          "population: expected an integer >= 2, got " + std::to_string(pbt.population));
  require(std::isfinite(pbt.ready) && pbt.ready > 0.0,
          "ready: expected a finite number > 0, got " + real_token(pbt.ready));
  require(std::isfinite(options.max_fidelity) && options.max_fidelity > 0.0,
          "max_fidelity: expected a finite number > 0, got " + real_token(options.max_fidelity));
  require(pbt.quantile > 0.0 && pbt.quantile <= 0.5,
          "quantile: expected a number in (0, 0.5], got " + real_token(pbt.quantile));
  require(pbt.resample_probability >= 0.0 && pbt.resample_probability <= 1.0,
          "resample_probability: expected a number in [0, 1], got " +
              real_token(pbt.resample_probability));
}

} // namespace

PbtScheduler::PbtScheduler(const MultiFidelityOptions& options, const SearchSpace& space,
                           Strategy& sampler, Direction direction, std::uint64_t seed)
    : options_(options), space_(space), sampler_(sampler), direction_(direction), rng_(seed) {
  check_options(options_);
  if (options_.kind == SchedulerKind::pb2) check_pb2_space(space_);
}

std::string_view PbtScheduler::name() const {
  return scheduler_kinds.name_of(options_.kind);
}

Config PbtScheduler::explored(const Config& from, double at, double reward) {
  if (options_.kind != SchedulerKind::pb2) {
    return explore(space_, from, options_.pbt.resample_probability, rng_);
  }
  const double ready = options_.pbt.ready;
  std::vector<Pb2Row> rows;
  std::vector<Pb2Point> running;
  for (const Segment& s : segments_) {
    if (s.donor < 0) continue;
    const double before = segments_[static_cast<std::size_t>(s.donor)].score;
    if (!std::isfinite(before)) continue;
    if (s.phase == Phase::queued || s.phase == Phase::running) {
      running.push_back({s.from / ready, before, s.config});
    } else if (std::isfinite(s.score) && s.to > s.from) {
      rows.push_back({{s.from / ready, before, s.config}, (s.score - before) / (s.to - s.from)});
    }
  }
  return pb2_explore(space_, rows, running, {at / ready, reward, from}, rng_);
}

double PbtScheduler::quality(double objective) const {
  return direction_ == Direction::maximize ? objective : -objective;
}

TrialId PbtScheduler::add_segment(Segment segment) {
  segment.to = std::min(segment.from + options_.pbt.ready, options_.max_fidelity);
  if (segment.donor >= 0) ++segments_.at(static_cast<std::size_t>(segment.donor)).copies;
  segments_.push_back(std::move(segment));
  return static_cast<TrialId>(segments_.size() - 1);
}

std::optional<TrialJob> PbtScheduler::next() {
  // The whole population starts first: it trains at once.
  if (!sampler_exhausted_ && members_.size() < static_cast<std::size_t>(options_.pbt.population)) {
    std::optional<Config> config = sampler_.ask();
    if (!config) {
      sampler_exhausted_ = true;
    } else {
      members_.emplace_back();
      queue_.push_front(add_segment({members_.size() - 1, -1, std::move(*config)}));
    }
  }
  if (queue_.empty()) return std::nullopt;
  const TrialId id = queue_.front();
  queue_.pop_front();
  Segment& s = segments_[static_cast<std::size_t>(id)];
  s.phase = Phase::running;
  return TrialJob{id, s.config, s.from, s.to, -1};
}

TrialDecision PbtScheduler::job_ended(const TrialJob& job, const Evaluation& result) {
  if (job.trial < 0 || static_cast<std::size_t>(job.trial) >= segments_.size()) {
    throw Error::internal("PbtScheduler: job_ended for unknown trial " + std::to_string(job.trial));
  }
  Segment& s = segments_[static_cast<std::size_t>(job.trial)];
  Member& m = members_.at(s.member);
  const std::size_t member = s.member;
  release(s.donor);
  const bool ok = result.status == Status::ok && std::isfinite(result.objective);
  if (!ok) {
    s.phase = Phase::ended;
    m.done = true;
    retire_if_unneeded(m.latest);
    if (options_.pbt.synchronous) decide_if_all_waiting();
    return result.status == Status::stopped ? TrialDecision::stopped : TrialDecision::finished;
  }
  const TrialId previous = m.latest;
  m.latest = job.trial;
  m.score = quality(result.objective);
  s.score = m.score;
  m.at = s.to;
  retire_if_unneeded(previous);
  if (s.to >= options_.max_fidelity * (1.0 - 1e-9)) {
    s.phase = Phase::ended;
    m.done = true;
    if (options_.pbt.synchronous) decide_if_all_waiting();
    return TrialDecision::finished;
  }
  s.phase = Phase::paused;
  if (options_.pbt.synchronous) {
    m.waiting = true;
    decide_if_all_waiting();
  } else {
    decide(member);
  }
  return TrialDecision::paused;
}

void PbtScheduler::decide_if_all_waiting() {
  // Not before the whole population has started: the last members are still to come.
  if (!sampler_exhausted_ && members_.size() < static_cast<std::size_t>(options_.pbt.population)) {
    return;
  }
  for (const Member& m : members_) {
    if (!m.done && !m.waiting) return;
  }
  for (std::size_t i = 0; i < members_.size(); ++i) {
    if (!members_[i].done) decide(i);
  }
}

void PbtScheduler::decide(std::size_t member) {
  // The candidates: members still training, at a ready point reached with a score.
  std::vector<std::size_t> who;
  std::vector<double> scores;
  std::size_t self = 0;
  for (std::size_t i = 0; i < members_.size(); ++i) {
    const Member& m = members_[i];
    if (m.done || m.latest < 0) continue;
    if (i == member) self = who.size();
    who.push_back(i);
    scores.push_back(m.score);
  }
  std::optional<std::size_t> pick;
  if (options_.pbt.exploit == PbtExploit::truncation) {
    pick = truncation_donor(scores, self, options_.pbt.quantile, rng_);
  } else if (options_.pbt.exploit == PbtExploit::tournament) {
    pick = tournament_donor(scores, self, rng_);
  }
  Member& m = members_[member];
  m.waiting = false;
  const TrialId own = m.latest;
  if (!pick) {
    // Without exploit, explore alone perturbs the member's own hyperparameters.
    const Config& last = segments_[static_cast<std::size_t>(own)].config;
    const bool alone = options_.pbt.exploit == PbtExploit::none && options_.pbt.explore;
    Config config = alone ? explored(last, m.at, m.score) : last;
    queue_.push_back(add_segment({member, own, std::move(config), m.at}));
    return;
  }
  const Member& donor = members_[who[*pick]];
  const Config& copied = segments_[static_cast<std::size_t>(donor.latest)].config;
  Config config = options_.pbt.explore ? explored(copied, donor.at, donor.score) : copied;
  // The member's own last segment stays a donor candidate until this one ends.
  queue_.push_back(add_segment({member, donor.latest, std::move(config), donor.at}));
}

void PbtScheduler::release(TrialId trial) {
  if (trial < 0) return;
  Segment& s = segments_.at(static_cast<std::size_t>(trial));
  if (s.copies > 0) --s.copies;
  retire_if_unneeded(trial);
}

void PbtScheduler::retire_if_unneeded(TrialId trial) {
  if (trial < 0) return;
  Segment& s = segments_.at(static_cast<std::size_t>(trial));
  if (s.phase != Phase::paused || s.copies > 0) return;
  const Member& m = members_.at(s.member);
  if (m.latest == trial && !m.done) return; // a donor candidate
  s.phase = Phase::ended;
  retired_.push_back(trial);
}

std::vector<TrialId> PbtScheduler::take_retired() {
  std::vector<TrialId> out;
  out.swap(retired_);
  return out;
}

TrialId PbtScheduler::donor_of(TrialId trial) const {
  if (trial < 0 || static_cast<std::size_t>(trial) >= segments_.size()) return -1;
  return segments_[static_cast<std::size_t>(trial)].donor;
}

bool PbtScheduler::exhausted() const {
  if (!queue_.empty()) return false;
  if (!sampler_exhausted_ && members_.size() < static_cast<std::size_t>(options_.pbt.population)) {
    return false;
  }
  return std::all_of(members_.begin(), members_.end(), [](const Member& m) { return m.done; });
}

} // namespace hpsearch
