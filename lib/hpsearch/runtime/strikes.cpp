#include "hpsearch/runtime/strikes.hpp"

#include "hpsearch/store/schema.hpp"

#include <string_view>

namespace hpsearch {

namespace {

constexpr std::string_view kPoisonedHead = "re-queued ";
constexpr std::string_view kPoisonedMiddle = " times; each time the job ended abnormally";

} // namespace

bool ended_gracefully(const Allocation& allocation) {
  return allocation.exit_reason != schema::kExitRunning &&
         allocation.exit_reason != schema::kExitKilled;
}

StrikeCount::StrikeCount(const CheckpointContents& contents) {
  const auto& allocations = contents.allocations;
  last_abnormal_ = allocations.empty() || !ended_gracefully(allocations.back());
  for (std::size_t i = 0; i < contents.evaluations.size(); ++i) {
    if (contents.evaluations[i].status != Status::lost) continue;
    // Written by allocation `recorder` as it resumed: lost at the end of the one before.
    const std::int64_t recorder = contents.extras[i].allocation;
    const bool known = recorder >= 1 && static_cast<std::size_t>(recorder) <= allocations.size();
    const bool abnormal =
        !known || !ended_gracefully(allocations[static_cast<std::size_t>(recorder - 1)]);
    lost_[contents.evaluations[i].id] = Loss{contents.extras[i].requeue_of, abnormal};
  }
}

std::int64_t StrikeCount::of_lost(JobId id) const {
  std::int64_t strikes = 0;
  // requeue_of always names an earlier job; the bound guards against a damaged file.
  for (std::size_t step = 0; step <= lost_.size() && id >= 0; ++step) {
    const auto it = lost_.find(id);
    if (it == lost_.end()) break;
    if (it->second.abnormal) ++strikes;
    id = it->second.requeue_of;
  }
  return strikes;
}

std::int64_t StrikeCount::of_in_flight(JobId requeue_of) const {
  return (last_abnormal_ ? 1 : 0) + of_lost(requeue_of);
}

std::string poisoned_message(std::int64_t strikes, std::int64_t max_requeues) {
  return std::string(kPoisonedHead) + std::to_string(strikes) + std::string(kPoisonedMiddle) +
         " (in flight when its allocation ended without recording a stop; run.max_requeues " +
         std::to_string(max_requeues) + "): not run again";
}

bool is_poisoned(const Evaluation& e) {
  return e.status == Status::failed && e.message.starts_with(kPoisonedHead) &&
         e.message.find(kPoisonedMiddle) != std::string::npos;
}

} // namespace hpsearch
