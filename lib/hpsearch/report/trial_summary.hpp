#pragma once
// The trial sections of `hpsearch show` for a checkpoint with multi-fidelity rows: trials
// by decision, jobs per rung, the disk their states use (any checkpoint), and the best trials
// ranked at the highest fidelity they reached (a short trial's lucky low-fidelity value ranks below
// every trial that went further). Internal to the report module.
#include "hpsearch/report/trial_states.hpp"
#include "hpsearch/store/reader.hpp"
#include "hpsearch/store/trial_view.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace hpsearch::report {

/// The "trials" (counts by decision) and "jobs/rung" rows of the facts table.
std::vector<std::vector<std::string>> trial_facts(const CheckpointContents& contents,
                                                  const std::vector<TrialSummary>& trials);

/// The "trial disk" row (keys fit the facts column: `show` output stays aligned): "1.5 MiB in 12
/// trial directories (runs/search.trials, run.trial_dir)", or "none (no directory
/// runs/search.trials, ...)" when it does not exist.
std::vector<std::string> trial_states_fact(const TrialStatesUsage& usage);

/// The trials with a value, best first: by fidelity reached (highest first), then by
/// objective under the checkpoint's direction, then by trial id.
std::vector<const TrialSummary*> rank_trials(const CheckpointContents& contents,
                                             const std::vector<TrialSummary>& trials);

/// The first `top` of rank_trials() as a table: rank, trial, fidelity, objective, jobs,
/// decision, then the parameters of the trial's configuration.
std::string best_trials_table(const CheckpointContents& contents,
                              const std::vector<TrialSummary>& trials, std::size_t top);

} // namespace hpsearch::report
