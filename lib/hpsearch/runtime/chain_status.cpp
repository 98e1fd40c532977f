#include "hpsearch/runtime/chain_status.hpp"

#include "hpsearch/runtime/strikes.hpp"

#include <set>
#include <vector>

namespace hpsearch {

ChainStatus chain_status(const CheckpointContents& c, std::int64_t max_requeues) {
  ChainStatus s;
  s.max_requeues = max_requeues;
  s.allocations = static_cast<std::int64_t>(c.allocations.size());
  std::vector<std::int64_t> finished_by(c.allocations.size(), 0);
  std::set<JobId> recorded; // ids with a row (finished or lost)
  for (std::size_t i = 0; i < c.evaluations.size(); ++i) {
    recorded.insert(c.evaluations[i].id);
    if (c.evaluations[i].status == Status::lost) continue;
    ++s.finished;
    if (is_poisoned(c.evaluations[i])) continue;
    const auto a = c.extras[i].allocation;
    if (a >= 0 && static_cast<std::size_t>(a) < finished_by.size()) {
      ++finished_by[static_cast<std::size_t>(a)];
    }
  }
  for (auto a = c.allocations.size(); a-- > 0;) {
    if (ended_gracefully(c.allocations[a]) || finished_by[a] > 0) break;
    ++s.stalled;
  }
  const StrikeCount strikes(c);
  s.last_abnormal = !c.allocations.empty() && strikes.last_ended_abnormally();
  if (c.state) {
    for (const auto& job : c.state->in_flight) {
      if (recorded.count(job.id) == 0 && strikes.fails(job.requeue_of, max_requeues)) {
        ++s.to_fail;
      }
    }
  }
  return s;
}

std::string format_chain_status(const ChainStatus& s) {
  const char* last = s.allocations == 0 ? "none" : s.last_abnormal ? "abnormal" : "graceful";
  return "finished=" + std::to_string(s.finished) +
         "\nallocations=" + std::to_string(s.allocations) + "\nlast_allocation=" + last +
         "\nstalled=" + std::to_string(s.stalled) + "\nto_fail=" + std::to_string(s.to_fail) +
         "\nmax_requeues=" + std::to_string(s.max_requeues) + "\n";
}

} // namespace hpsearch
