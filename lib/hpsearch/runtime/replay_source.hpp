#pragma once
// The schedule `search.strategy: replay` trains (search/pbt/replay_options.hpp), read from
// the recorded checkpoint before any rank starts (by `run` and by `validate`).
#include "hpsearch/config/problem.hpp"
#include "hpsearch/search/pbt/replay_options.hpp"
#include "hpsearch/search/pbt/replay_scheduler.hpp"
#include "hpsearch/space/search_space.hpp"

#include <string>
#include <vector>

namespace hpsearch {

/// The lineage of `options.trial` (or of the best member) in the checkpoint `options.from`
/// (a relative path is relative to the directory of `problem_path`), earliest segment first.
/// Throws hpsearch::Error (bad input) naming search.replay_from when the file is missing,
/// unreadable or has no lineage (not a pbt / pb2 search), and search.replay_trial when the
/// trial has no ok row, or when a recorded configuration is not a configuration of `space`.
std::vector<ReplaySegment> read_replay_schedule(const ReplayOptions& options,
                                                const std::string& problem_path,
                                                const SearchSpace& space);

/// The schedule of `problem` (read from `problem_path`) when its strategy is replay, as
/// above; empty for every other strategy.
std::vector<ReplaySegment> replay_schedule_for(const Problem& problem,
                                               const std::string& problem_path);

} // namespace hpsearch
