#include "hpsearch/search/pbt/replay_scheduler.hpp"

#include "hpsearch/core/config_text.hpp"
#include "hpsearch/core/error.hpp"

#include <cmath>
#include <string>

namespace hpsearch {

namespace {

constexpr std::string_view tag = "replay-scheduler 1 ";

} // namespace

ReplayScheduler::ReplayScheduler(std::vector<ReplaySegment> schedule)
    : schedule_(std::move(schedule)) {
  if (schedule_.empty()) throw Error::input("search.replay_trial: the schedule is empty");
  double at = 0.0;
  for (std::size_t i = 0; i < schedule_.size(); ++i) {
    const ReplaySegment& s = schedule_[i];
    if (s.from != at || !(s.to > s.from) || !std::isfinite(s.to)) {
      throw Error::input("search.replay_trial: segment " + std::to_string(i) + " of the schedule " +
                         "trains from " + real_token(s.from) + " to " + real_token(s.to) +
                         "; expected from " + real_token(at) + " to a larger fidelity");
    }
    at = s.to;
  }
}

std::optional<TrialJob> ReplayScheduler::next() {
  if (running_ || done_) return std::nullopt;
  running_ = true;
  const ReplaySegment& s = schedule_[next_];
  return TrialJob{0, s.config, s.from, s.to, -1};
}

TrialDecision ReplayScheduler::job_ended(const TrialJob& job, const Evaluation& result) {
  if (job.trial != 0 || !running_) {
    throw Error::internal("ReplayScheduler: job_ended for trial " + std::to_string(job.trial) +
                          " not running");
  }
  running_ = false;
  if (result.status != Status::ok || !std::isfinite(result.objective)) {
    done_ = true;
    return result.status == Status::stopped ? TrialDecision::stopped : TrialDecision::finished;
  }
  ++next_;
  if (next_ == schedule_.size()) {
    done_ = true;
    return TrialDecision::finished;
  }
  return TrialDecision::paused;
}

std::string ReplayScheduler::save_state() const {
  return std::string(tag) + std::to_string(schedule_.size()) + " " + std::to_string(next_) +
         (running_ ? " 1" : " 0") + (done_ ? " 1" : " 0");
}

void ReplayScheduler::restore_state(const std::string& state) {
  const std::vector<std::string_view> t = split_tokens(state);
  const auto fail = [&] {
    throw Error::input("replay scheduler state is corrupt or from another schedule: '" + state +
                       "'");
  };
  if (state.rfind(tag, 0) != 0 || t.size() != 6) fail();
  const auto size = number_token<std::size_t>(t[2]);
  const auto next = number_token<std::size_t>(t[3]);
  if (!size || *size != schedule_.size() || !next || *next > schedule_.size()) fail();
  next_ = *next;
  running_ = t[4] == "1" && next_ < schedule_.size();
  done_ = t[5] == "1" || next_ == schedule_.size();
}

} // namespace hpsearch
