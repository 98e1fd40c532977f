#include "hpsearch/search/multifidelity/synchronous_scheduler.hpp"

#include "hpsearch/core/config_text.hpp"
#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <span>
#include <sstream>
#include <string_view>
#include <utility>

namespace hpsearch {

namespace {

constexpr std::string_view kTag = "synchronous-scheduler";
constexpr std::string_view kSamplerLine = "sampler";

/// Reads one saved line's tokens in order; every failure is the same bad_input error.
class TokenReader {
public:
  TokenReader(std::string_view line, const std::string& scheduler)
      : tokens_(split_tokens(line)), scheduler_(scheduler) {}

  std::string_view word() {
    if (at_ >= tokens_.size()) fail();
    return tokens_[at_++];
  }
  template <class T> T number() {
    const auto value = number_token<T>(word());
    if (!value) fail();
    return *value;
  }
  Config config() {
    const std::span<const std::string_view> rest(tokens_.data() + at_, tokens_.size() - at_);
    const std::size_t count = config_token_count(rest);
    if (count > rest.size()) fail();
    at_ += count;
    return parse_config_tokens(rest.first(count));
  }
  void end() const {
    if (at_ != tokens_.size()) fail();
  }
  [[noreturn]] void fail() const { throw Error::input(scheduler_ + " scheduler state is corrupt"); }

private:
  std::vector<std::string_view> tokens_;
  std::size_t at_ = 0;
  const std::string& scheduler_;
};

void append_ids(std::string& out, const auto& ids) {
  out += ' ' + std::to_string(ids.size());
  for (const TrialId id : ids) out += ' ' + std::to_string(id);
}

template <class Container> Container read_ids(TokenReader& in) {
  Container ids;
  const auto count = in.number<std::size_t>();
  for (std::size_t i = 0; i < count; ++i) ids.push_back(in.number<TrialId>());
  return ids;
}

TrialDecision decision_for(const Evaluation& result, bool promotable, bool last_stage) {
  if (result.status == Status::stopped || result.status == Status::lost) {
    return TrialDecision::stopped;
  }
  return promotable && !last_stage ? TrialDecision::paused : TrialDecision::finished;
}

} // namespace

SynchronousScheduler::SynchronousScheduler(std::string name, std::vector<BracketPlan> cycle,
                                           std::unique_ptr<Strategy> sampler, Direction direction)
    : name_(std::move(name)), cycle_(std::move(cycle)), sampler_(std::move(sampler)),
      direction_(direction) {
  if (cycle_.empty() || !sampler_) {
    throw Error::internal(name_ + " scheduler needs brackets and a sampler");
  }
  for (const BracketPlan& plan : cycle_) {
    if (plan.empty() || plan.front().count < 1) {
      throw Error::internal(name_ + " scheduler got an empty bracket");
    }
  }
}

std::optional<TrialJob> SynchronousScheduler::next() {
  for (int attempt = 0; attempt < 2; ++attempt) {
    for (Bracket& bracket : brackets_) {
      if (auto job = next_in(bracket)) return job;
    }
    if (!sampler_done_) {
      Bracket opened;
      opened.id = next_bracket_++;
      opened.plan = next_plan_;
      brackets_.push_back(std::move(opened));
      next_plan_ = (next_plan_ + 1) % cycle_.size();
      if (auto job = next_in(brackets_.back())) return job;
    }
    // The sampler ran out: first stages waiting for trials that never come move on, and
    // their promotions may be handed out at once.
    advance_all();
  }
  return std::nullopt;
}

std::optional<TrialJob> SynchronousScheduler::next_in(Bracket& bracket) {
  if (!bracket.pending.empty()) {
    const TrialId trial = bracket.pending.front();
    bracket.pending.pop_front();
    bracket.running.push_back(trial);
    return job_for(bracket, trial);
  }
  if (bracket.stage != 0 || bracket.started >= planned(bracket, 0) || sampler_done_) {
    return std::nullopt;
  }
  std::optional<Config> config = sampler_->ask();
  if (!config) {
    sampler_done_ = true;
    return std::nullopt;
  }
  const TrialId trial = next_trial_++;
  trials_.emplace(trial, Trial{std::move(*config), bracket.id});
  ++bracket.started;
  bracket.running.push_back(trial);
  return job_for(bracket, trial);
}

TrialJob SynchronousScheduler::job_for(const Bracket& bracket, TrialId trial) const {
  const BracketPlan& plan = cycle_[bracket.plan];
  const BracketStage& stage = plan[bracket.stage];
  return {.trial = trial,
          .config = trials_.at(trial).config,
          .from_fidelity = bracket.stage == 0 ? 0.0 : plan[bracket.stage - 1].fidelity,
          .to_fidelity = stage.fidelity,
          .rung = stage.rung};
}

std::int64_t SynchronousScheduler::planned(const Bracket& bracket, std::size_t stage) const {
  const BracketPlan& plan = cycle_[bracket.plan];
  const std::int64_t full = plan[stage].count;
  const std::int64_t first = plan.front().count;
  if (stage == 0 || bracket.started >= first) return full;
  return std::max<std::int64_t>(1, full * bracket.started / first);
}

ReportDecision SynchronousScheduler::report(TrialId, double, double) {
  return ReportDecision::proceed;
}

TrialDecision SynchronousScheduler::job_ended(const TrialJob& job, const Evaluation& result) {
  Bracket& bracket = bracket_of(job.trial);
  const auto running = std::find(bracket.running.begin(), bracket.running.end(), job.trial);
  if (running == bracket.running.end()) {
    throw Error::internal(name_ + " scheduler: trial " + std::to_string(job.trial) +
                          " has no job running");
  }
  bracket.running.erase(running);
  const bool promotable = result.status == Status::ok && std::isfinite(result.objective);
  bracket.ended.push_back({job.trial, result.objective, promotable});
  const bool last_stage = bracket.stage + 1 == cycle_[bracket.plan].size();

  Evaluation told = result;
  if (told.fidelity == 0.0) told.fidelity = job.to_fidelity;
  if (told.trial < 0) told.trial = job.trial;
  if (told.config.empty()) told.config = job.config;
  sampler_->tell(told);

  const TrialDecision decision = decision_for(result, promotable, last_stage);
  advance_all();
  return decision;
}

SynchronousScheduler::Bracket& SynchronousScheduler::bracket_of(TrialId trial) {
  const auto found = trials_.find(trial);
  if (found != trials_.end()) {
    for (Bracket& bracket : brackets_) {
      if (bracket.id == found->second.bracket) return bracket;
    }
  }
  throw Error::internal(name_ + " scheduler: trial " + std::to_string(trial) +
                        " is in no open bracket");
}

bool SynchronousScheduler::advance(Bracket& bracket) {
  const BracketPlan& plan = cycle_[bracket.plan];
  for (;;) {
    const bool first_open =
        bracket.stage == 0 && bracket.started < planned(bracket, 0) && !sampler_done_;
    if (!bracket.pending.empty() || !bracket.running.empty() || first_open) return true;
    if (bracket.stage + 1 == plan.size()) return false;
    std::vector<Result> ranked;
    std::copy_if(bracket.ended.begin(), bracket.ended.end(), std::back_inserter(ranked),
                 [](const Result& r) { return r.promotable; });
    std::sort(ranked.begin(), ranked.end(), [this](const Result& a, const Result& b) {
      if (is_better(direction_, a.objective, b.objective)) return true;
      if (is_better(direction_, b.objective, a.objective)) return false;
      return a.trial < b.trial;
    });
    const auto promoted = std::min<std::size_t>(
        ranked.size(), static_cast<std::size_t>(planned(bracket, bracket.stage + 1)));
    if (promoted == 0) return false;
    for (std::size_t i = promoted; i < ranked.size(); ++i) {
      trials_.erase(ranked[i].trial);
      retired_.push_back(ranked[i].trial); // it paused here and goes no further
    }
    for (const Result& r : bracket.ended) {
      if (!r.promotable) trials_.erase(r.trial);
    }
    bracket.ended.clear();
    for (std::size_t i = 0; i < promoted; ++i) bracket.pending.push_back(ranked[i].trial);
    ++bracket.stage;
  }
}

void SynchronousScheduler::advance_all() {
  for (auto it = brackets_.begin(); it != brackets_.end();) {
    if (advance(*it)) {
      ++it;
      continue;
    }
    for (const Result& r : it->ended) trials_.erase(r.trial);
    it = brackets_.erase(it);
  }
}

std::vector<TrialId> SynchronousScheduler::take_retired() {
  return std::exchange(retired_, {});
}

std::string SynchronousScheduler::save_state() const {
  std::string out = std::string(kTag) + " 1 " + escape_token(name_) + ' ' +
                    std::to_string(cycle_.size()) + '\n' + std::to_string(next_plan_) + ' ' +
                    std::to_string(next_bracket_) + ' ' + std::to_string(next_trial_) + ' ' +
                    (sampler_done_ ? "1" : "0") + ' ' + std::to_string(brackets_.size()) + ' ' +
                    std::to_string(trials_.size()) + '\n';
  for (const Bracket& b : brackets_) {
    out += "b " + std::to_string(b.id) + ' ' + std::to_string(b.plan) + ' ' +
           std::to_string(b.stage) + ' ' + std::to_string(b.started);
    append_ids(out, b.pending);
    append_ids(out, b.running);
    out += ' ' + std::to_string(b.ended.size());
    for (const Result& r : b.ended) {
      out +=
          ' ' + std::to_string(r.trial) + (r.promotable ? " 1 " : " 0 ") + real_token(r.objective);
    }
    out += '\n';
  }
  for (const auto& [id, trial] : trials_) {
    out += "t " + std::to_string(id) + ' ' + std::to_string(trial.bracket) + ' ';
    append_config_text(out, trial.config);
    out += '\n';
  }
  out += std::string(kSamplerLine) + '\n' + sampler_->save_state();
  return out;
}

void SynchronousScheduler::restore_state(const std::string& state) {
  std::istringstream in(state);
  std::string line;
  const auto next_line = [&](std::string_view what) -> const std::string& {
    if (!std::getline(in, line)) {
      throw Error::input(name_ + " scheduler state is corrupt (no " + std::string(what) + ")");
    }
    return line;
  };
  TokenReader head(next_line("header"), name_);
  if (head.word() != kTag || head.number<int>() != 1) head.fail();
  if (unescape_token(head.word()) != name_ || head.number<std::size_t>() != cycle_.size()) {
    throw Error::input("the checkpoint's scheduler state was saved by another scheduler or "
                       "other multi-fidelity settings than " +
                       name_ + "'s");
  }
  head.end();
  TokenReader counters(next_line("counters"), name_);
  const auto next_plan = counters.number<std::size_t>();
  const auto next_bracket = counters.number<std::int64_t>();
  const auto next_trial = counters.number<TrialId>();
  const auto sampler_done = counters.number<int>();
  const auto bracket_count = counters.number<std::size_t>();
  const auto trial_count = counters.number<std::size_t>();
  counters.end();
  if (next_plan >= cycle_.size()) counters.fail();

  std::deque<Bracket> brackets;
  for (std::size_t i = 0; i < bracket_count; ++i) {
    TokenReader r(next_line("bracket"), name_);
    if (r.word() != "b") r.fail();
    Bracket b;
    b.id = r.number<std::int64_t>();
    b.plan = r.number<std::size_t>();
    b.stage = r.number<std::size_t>();
    b.started = r.number<std::int64_t>();
    if (b.plan >= cycle_.size() || b.stage >= cycle_[b.plan].size()) r.fail();
    b.pending = read_ids<std::deque<TrialId>>(r);
    b.running = read_ids<std::vector<TrialId>>(r);
    const auto ended = r.number<std::size_t>();
    for (std::size_t e = 0; e < ended; ++e) {
      Result result;
      result.trial = r.number<TrialId>();
      result.promotable = r.number<int>() != 0;
      result.objective = r.number<double>();
      b.ended.push_back(result);
    }
    r.end();
    brackets.push_back(std::move(b));
  }
  std::map<TrialId, Trial> trials;
  for (std::size_t i = 0; i < trial_count; ++i) {
    TokenReader r(next_line("trial"), name_);
    if (r.word() != "t") r.fail();
    const auto id = r.number<TrialId>();
    Trial trial;
    trial.bracket = r.number<std::int64_t>();
    trial.config = r.config();
    r.end();
    trials.emplace(id, std::move(trial));
  }
  if (next_line("sampler") != kSamplerLine) head.fail();
  sampler_->restore_state(
      std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));

  next_plan_ = next_plan;
  next_bracket_ = next_bracket;
  next_trial_ = next_trial;
  sampler_done_ = sampler_done != 0;
  brackets_ = std::move(brackets);
  trials_ = std::move(trials);
}

} // namespace hpsearch
