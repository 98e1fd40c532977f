#include "hpsearch/runtime/kept_models.hpp"

#include "hpsearch/train/kept_model_path.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

namespace hpsearch {

namespace fs = std::filesystem;

KeptModels::KeptModels(std::string models_dir, std::int64_t keep, Direction direction)
    : dir_(std::move(models_dir)), keep_(keep > 0 ? static_cast<std::size_t>(keep) : 0),
      direction_(direction) {}

JobId KeptModels::rank(JobId id, double objective) {
  if (keep_ == 0 || std::isnan(objective)) return -1;
  // Ties keep the earlier evaluation ahead, as `show` ranks them.
  const auto at = std::find_if(best_.begin(), best_.end(), [&](const auto& entry) {
    return is_better(direction_, objective, entry.second) ||
           (objective == entry.second && id < entry.first);
  });
  best_.insert(at, {id, objective});
  if (best_.size() <= keep_) return -1;
  const JobId out = best_.back().first;
  best_.pop_back();
  return out;
}

void KeptModels::remove(JobId id, std::ostream& warn) const {
  std::error_code ec;
  fs::remove(kept_model_path(dir_, id), ec);
  if (ec) {
    warn << "hpsearch: warning: run.keep_models: cannot remove " << kept_model_path(dir_, id)
         << ": " << ec.message() << std::endl;
  }
}

void KeptModels::start(const std::vector<std::pair<JobId, double>>& recorded, std::ostream& warn) {
  if (keep_ == 0) return;
  std::set<JobId> present;
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    if (const auto id = kept_model_id(it->path().filename().string())) present.insert(*id);
  }
  for (const auto& [id, objective] : recorded) {
    if (!present.contains(id)) continue;
    const JobId out = rank(id, objective);
    if (out >= 0) remove(out, warn);
  }
  for (const JobId id : present) {
    const bool ranked = std::any_of(best_.begin(), best_.end(),
                                    [id](const auto& entry) { return entry.first == id; });
    const bool no_row = std::none_of(recorded.begin(), recorded.end(),
                                     [id](const auto& entry) { return entry.first == id; });
    if (!ranked && no_row) remove(id, warn); // no ok row: its job never finished ok
  }
}

void KeptModels::record(const Actions& actions, std::ostream& warn) {
  if (keep_ == 0) return;
  for (const Action& action : actions) {
    const auto* record = std::get_if<Record>(&action);
    if (!record || record->evaluation.status != Status::ok) continue;
    const JobId out = rank(record->evaluation.id, record->evaluation.objective);
    if (out >= 0) remove(out, warn);
  }
}

std::vector<JobId> KeptModels::kept() const {
  std::vector<JobId> ids;
  for (const auto& entry : best_) ids.push_back(entry.first);
  return ids;
}

} // namespace hpsearch
