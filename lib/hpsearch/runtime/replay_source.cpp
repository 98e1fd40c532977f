#include "hpsearch/runtime/replay_source.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/core/value.hpp"
#include "hpsearch/store/lineage.hpp"
#include "hpsearch/store/reader.hpp"

#include <cmath>
#include <filesystem>
#include <optional>

namespace hpsearch {

namespace {

std::string resolved(const std::string& from, const std::string& problem_path) {
  const std::filesystem::path path(from);
  if (path.is_absolute()) return path.string();
  return (std::filesystem::path(problem_path).parent_path() / path).lexically_normal().string();
}

/// The ok row that ends trial `trial`'s last job.
std::optional<std::size_t> row_of_trial(const CheckpointContents& c, std::int64_t trial) {
  std::optional<std::size_t> row;
  for (std::size_t i = 0; i < c.evaluations.size(); ++i) {
    const Evaluation& ev = c.evaluations[i];
    if ((ev.trial >= 0 ? ev.trial : ev.id) != trial) continue;
    if (ev.status == Status::ok && std::isfinite(ev.objective)) row = i;
  }
  return row;
}

void check_in_space(const Config& config, TrialId trial, const SearchSpace& space) {
  for (const auto& [name, value] : config.entries()) {
    const Parameter* p = space.find(name);
    if (p == nullptr || !p->contains(value)) {
      throw Error::input("search.replay_from: trial " + std::to_string(trial) + " trained with " +
                         name + "=" + to_string(value) +
                         ", not a value of this problem's space; expected the space the "
                         "recorded search had");
    }
  }
}

} // namespace

std::vector<ReplaySegment> read_replay_schedule(const ReplayOptions& options,
                                                const std::string& problem_path,
                                                const SearchSpace& space) {
  const std::string path = resolved(options.from, problem_path);
  if (!std::filesystem::exists(path)) {
    throw Error::input("search.replay_from: no such file '" + path +
                       "'; expected the checkpoint of a pbt or pb2 search");
  }
  CheckpointContents c;
  try {
    c = read_checkpoint(path);
  } catch (const Error& e) {
    throw Error::input("search.replay_from: cannot read '" + path + "': " + e.what());
  }
  if (!c.parent_column || !has_lineage(c)) {
    throw Error::input("search.replay_from: '" + path +
                       "' has no lineage (no row copied another trial's state); expected the "
                       "checkpoint of a pbt or pb2 search");
  }
  const std::optional<std::size_t> row =
      options.trial < 0 ? best_member_row(c) : row_of_trial(c, options.trial);
  if (!row) {
    throw Error::input("search.replay_trial: " +
                       (options.trial < 0 ? std::string("best: '" + path + "' has no ok row")
                                          : "trial " + std::to_string(options.trial) +
                                                " has no ok row in '" + path + "'"));
  }
  std::vector<ReplaySegment> out;
  for (const ScheduleStep& step : schedule_of(c, *row)) {
    check_in_space(step.config, step.trial, space);
    out.push_back({step.from, step.to, step.config});
  }
  if (out.empty() || out.front().from != 0.0) {
    throw Error::input("search.replay_trial: the lineage in '" + path +
                       "' does not go back to a trial trained from scratch (a file cut short)");
  }
  return out;
}

std::vector<ReplaySegment> replay_schedule_for(const Problem& problem,
                                               const std::string& problem_path) {
  const auto& mf = problem.search.multifidelity;
  if (!mf || mf->kind != SchedulerKind::replay) return {};
  return read_replay_schedule(mf->replay, problem_path, problem.space);
}

} // namespace hpsearch
