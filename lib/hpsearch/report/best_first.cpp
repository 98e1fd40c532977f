#include "hpsearch/report/best_first.hpp"

#include "hpsearch/core/direction.hpp"

#include <algorithm>
#include <cmath>

namespace hpsearch::report {

std::vector<const Evaluation*> best_first(const CheckpointContents& contents) {
  std::vector<const Evaluation*> ok;
  for (const auto& ev : contents.evaluations) {
    if (ev.status == Status::ok && !std::isnan(ev.objective)) ok.push_back(&ev);
  }
  const Direction d = contents.info.direction;
  std::sort(ok.begin(), ok.end(), [d](const Evaluation* a, const Evaluation* b) {
    if (is_better(d, a->objective, b->objective)) return true;
    if (is_better(d, b->objective, a->objective)) return false;
    return a->id < b->id;
  });
  return ok;
}

} // namespace hpsearch::report
