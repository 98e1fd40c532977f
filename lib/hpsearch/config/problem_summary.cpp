#include "hpsearch/config/problem_summary.hpp"

#include "hpsearch/arch/genes.hpp"
#include "hpsearch/config/architecture_summary.hpp"
#include "hpsearch/config/search_notes.hpp"
#include "hpsearch/config/search_settings.hpp"
#include "hpsearch/space/grid.hpp"
#include "hpsearch/space/grid_count.hpp"
#include "hpsearch/space/space_split.hpp"
#include "hpsearch/train/hyperparameter_catalog.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace hpsearch {

namespace {

/// "90s"; "none" for 0 when `zero_is_none` (a limit that is off).
std::string seconds_text(double seconds, bool zero_is_none = false) {
  if (zero_is_none && seconds == 0.0) return "none";
  return to_string(Value{seconds}) + "s";
}

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string value_list(const std::vector<Value>& values, const char* open, const char* close) {
  std::string out = open;
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + to_string(values[i]);
  return out + close;
}

std::string range_text(const Parameter& p) {
  switch (p.kind) {
  case ParamKind::real:
    return "[" + to_string(Value{p.low}) + ", " + to_string(Value{p.high}) + "]";
  case ParamKind::integer:
    return "[" + to_string(Value{static_cast<std::int64_t>(p.low)}) + ", " +
           to_string(Value{static_cast<std::int64_t>(p.high)}) + "]";
  case ParamKind::categorical:
    // An architecture's op gene may list dozens of ops: the first few and the count.
    if (arch::is_gene_name(p.name) && p.choices.size() > 4) {
      return value_list({p.choices.begin(), p.choices.begin() + 3}, "{", ", ... (") +
             std::to_string(p.choices.size()) + " ops)}";
    }
    return value_list(p.choices, "{", "}");
  case ParamKind::ordinal:
    return value_list(p.choices, "<", ">");
  case ParamKind::constant:
    return to_string(p.choices.front());
  }
  return {};
}

/// Rows of cells printed as left-aligned columns two spaces apart, indented by two.
std::string table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    width.resize(std::max(width.size(), row.size()), 0);
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line = " ";
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += " " + row[c];
      if (c + 1 < row.size()) line += std::string(width[c] - row[c].size() + 1, ' ');
    }
    out += line + "\n";
  }
  return out;
}

std::string space_table(const SearchSpace& space) {
  std::vector<std::vector<std::string>> rows = {
      {"name", "kind", "range / values", "log", "default", "active if"}};
  for (const Parameter& p : space.parameters()) {
    const bool bounded = p.kind == ParamKind::real || p.kind == ParamKind::integer;
    rows.push_back({p.name, std::string(to_string(p.kind)), range_text(p),
                    bounded ? (p.log ? "yes" : "no") : "-",
                    p.default_value ? to_string(*p.default_value) : "-",
                    p.active_if ? p.active_if->describe() : "always"});
  }
  return table(rows);
}

std::string size_text(const SearchSpace& space) {
  std::size_t reals = 0;
  for (const Parameter& p : space.parameters()) reals += p.kind == ParamKind::real ? 1 : 0;
  if (reals > 0) return "continuous (" + plural(reals, "real parameter") + ")";
  double raw = 0.0;
  if (const auto n = count_grid(space, {}, &raw); n) {
    return std::to_string(*n) + " valid configurations";
  }
  std::ostringstream out;
  out << std::fixed << std::setprecision(0) << "about " << raw
      << " raw combinations (too many to count the valid ones)";
  return out.str();
}

std::string grid_text(const SearchSpace& space, const GridOptions& grid) {
  std::vector<std::vector<Value>> values;
  for (const Parameter& p : space.parameters()) {
    const auto it = grid.points_per_parameter.find(p.name);
    values.push_back(
        grid_values(p, it == grid.points_per_parameter.end() ? grid.points : it->second));
  }
  double raw = 0.0;
  if (const auto n = count_grid(space, values, &raw); n) {
    return std::to_string(*n) + " valid combinations";
  }
  std::ostringstream out;
  out << std::fixed << std::setprecision(0) << "about " << raw
      << " raw combinations (too many to count the valid ones)";
  return out.str();
}

/// "torch mlp on fashion_mnist (subset 12000, validation 20%), metric accuracy (maximize),
/// final last; fixed: epochs=2 batch_size=128".
std::string torch_text(const ObjectiveSpec& objective) {
  const TorchSpec& t = objective.torch;
  std::ostringstream out;
  out << "torch " << t.model << " on " << t.dataset;
  if (!t.data_path.empty()) out << " at " << t.data_path;
  out << " (";
  if (t.subset > 0) out << "subset " << t.subset << ", ";
  if (!t.label_column.empty()) out << "label column " << t.label_column << ", ";
  out << "validation " << t.validation_fraction * 100.0 << "%";
  if (t.split_seed != 0) out << ", split seed " << t.split_seed;
  out << "), metric " << t.metric << " (" << to_string(objective.direction) << "), final "
      << t.final;
  if (!t.fixed.empty()) {
    out << "; fixed:";
    for (const auto& [name, value] : t.fixed) out << " " << name << "=" << to_string(value);
  }
  out << "; kill_grace " << seconds_text(objective.kill_grace);
  return out.str();
}

/// The trainer's hyperparameters neither searched nor fixed, at their defaults:
/// "batch_size=128 optimizer=adam lr=0.001 ...".
std::string torch_defaults_text(const TorchSpec& spec, const SearchSpace& space) {
  std::string out;
  const Config all = torch_hyperparameters_for(spec, Config{});
  for (const auto& [name, value] : all.entries()) {
    // Named for the lambda: clang before 16 (clang-tidy 14) cannot capture a binding.
    const std::string& key = name;
    const bool fixed = std::any_of(spec.fixed.begin(), spec.fixed.end(),
                                   [&key](const auto& entry) { return entry.first == key; });
    if (fixed || space.find(name) != nullptr) continue;
    out += (out.empty() ? "" : " ") + name + "=" + to_string(value);
  }
  return out;
}

std::string objective_text(const ObjectiveSpec& objective) {
  if (objective.kind == EvaluatorKind::torch) return torch_text(objective);
  std::string out(evaluator_kinds.name_of(objective.kind));
  if (objective.kind == EvaluatorKind::function) {
    out += " " + objective.function;
    if (objective.sleep_max > 0.0) {
      out += ", sleep " + to_string(Value{objective.sleep_min}) + ".." +
             to_string(Value{objective.sleep_max}) + "s" + (objective.sleep_log ? " log" : "");
    }
  } else if (objective.kind == EvaluatorKind::command) {
    std::string line;
    for (const std::string& arg : objective.command) {
      const bool quote = arg.empty() || arg.find_first_of(" \t'") != std::string::npos;
      line += (line.empty() ? "" : " ") + (quote ? "\"" + arg + "\"" : arg);
    }
    out += " '" + line + "'";
  } else if (objective.kind == EvaluatorKind::plugin) {
    out += " " + objective.library;
  }
  out += " (" + std::string(to_string(objective.direction)) + ")";
  // A function runs in the worker itself: no process to kill, no kill_grace.
  if (objective.kind != EvaluatorKind::function) {
    out += ", kill_grace " + seconds_text(objective.kill_grace);
  }
  return out;
}

/// "asha (promotion) at fidelities 1, 3, 9, 27 (reduction factor 3), sampler ".
std::string scheduler_text(const MultiFidelityOptions& m) {
  std::string out(scheduler_kinds.name_of(m.kind));
  if (m.kind == SchedulerKind::replay) {
    // "replay of trial best of search.h5, sampler ".
    return out + " of trial " +
           (m.replay.trial < 0 ? std::string("best") : std::to_string(m.replay.trial)) + " of " +
           m.replay.from + ", sampler ";
  }
  if (m.kind == SchedulerKind::pbt || m.kind == SchedulerKind::pb2) {
    // "pbt (population 8, asynchronous) to fidelity 27, ready every 1, sampler ".
    return out + " (population " + std::to_string(m.pbt.population) +
           (m.pbt.synchronous ? ", synchronous" : ", asynchronous") + ") to fidelity " +
           to_string(Value{m.max_fidelity}) + ", ready every " + to_string(Value{m.pbt.ready}) +
           ", sampler ";
  }
  if (m.kind == SchedulerKind::asha || m.kind == SchedulerKind::async_hyperband) {
    out += " (" + std::string(asha_variants.name_of(m.variant)) + ")";
  }
  out += " at fidelities ";
  const std::vector<double> rungs = rung_fidelities(m);
  for (std::size_t k = 0; k < rungs.size(); ++k) {
    out += (k > 0 ? ", " : "") + to_string(Value{rungs[k]});
  }
  return out + " (reduction factor " + to_string(Value{m.reduction_factor}) + "), sampler ";
}

/// ", population 100, sample 10 (ageing)".
std::string evolution_summary(const EvolutionOptions& e) {
  return ", population " + std::to_string(e.population) + ", sample " + std::to_string(e.sample) +
         " (ageing)";
}

std::string search_text(const SearchSpec& search, std::size_t dimension) {
  const StrategyOptions& strategy = search.strategy;
  std::string out = search.multifidelity ? scheduler_text(*search.multifidelity) : "";
  out += strategy_kinds.name_of(strategy.kind);
  if (strategy.kind == StrategyKind::grid) {
    out += ", grid_points " + std::to_string(strategy.grid.points);
    for (const auto& [name, n] : strategy.grid.points_per_parameter) {
      out += ", " + name + ": " + std::to_string(n);
    }
  } else if (strategy.kind == StrategyKind::tpe) {
    const TpeOptions& t = strategy.tpe;
    out += ", " + plural(static_cast<std::size_t>(t.startup_trials), "start-up trial") +
           ", candidates " + std::to_string(t.candidates) + ", gamma min(ceil(" +
           to_string(Value{t.gamma}) + " n), " + std::to_string(t.gamma_max) + "), prior weight " +
           to_string(Value{t.prior_weight}) + ", constant liar " + (t.constant_liar ? "on" : "off");
  } else if (strategy.kind == StrategyKind::evolution) {
    out += evolution_summary(strategy.evolution);
  } else {
    const std::int64_t points = design_points(strategy.initial, dimension);
    out += ", initial design " + std::string(sampler_kinds.name_of(strategy.initial.sampler)) +
           " (" + plural(static_cast<std::size_t>(points), "point") + ")";
  }
  if (strategy.kind == StrategyKind::agebo) {
    out += evolution_summary(strategy.evolution) + " over the " + std::string(kArchitecturePrefix) +
           "* genes; AMBS over the other parameters";
  }
  if (strategy.kind == StrategyKind::ambs || strategy.kind == StrategyKind::agebo) {
    const AmbsOptions& a = strategy.ambs;
    out += "; surrogate " + std::string(surrogate_kinds.name_of(a.surrogate)) + ", acquisition " +
           std::string(acquisition_kinds.name_of(a.acquisition.kind));
    if (a.acquisition.kind == AcquisitionKind::ucb) {
      out += " (kappa " + to_string(Value{a.acquisition.kappa}) + ", decay " +
             std::string(kappa_decays.name_of(a.acquisition.decay)) + ")";
    }
    out += ", multipoint " + std::string(multipoints.name_of(a.multipoint)) + ", scaling " +
           std::string(scalings.name_of(a.scaling)) + ", failures " +
           std::string(failure_policies.name_of(a.failures));
  }
  if (search.pruner.kind != PrunerKind::none) {
    out += "; pruner " + std::string(pruner_kinds.name_of(search.pruner.kind));
  }
  return out;
}

std::string run_text(const RunSpec& run) {
  std::string out = "max_evals " + std::to_string(run.max_evals) + ", max_time ";
  out += std::isfinite(run.max_time) ? to_string(Value{run.max_time}) + "s" : "none";
  out += ", seed " + std::to_string(run.seed);
  out += ", checkpoint " + (run.checkpoint.empty() ? "<problem file name>.h5" : run.checkpoint);
  out += ", eval_memory " +
         (run.eval_memory.is_set() ? format_memory_size(run.eval_memory.bytes) : "none");
  out += ", max_requeues " + std::to_string(run.max_requeues);
  out += ", lock_lease " + seconds_text(run.lock_lease);
  out += ", eval_timeout " + seconds_text(run.eval_timeout, true);
  out += ", gpus_per_node " +
         (run.gpus_per_node < 0 ? std::string("detected") : std::to_string(run.gpus_per_node));
  out +=
      ", threads_per_worker " +
      (run.threads_per_worker == 0 ? std::string("unset") : std::to_string(run.threads_per_worker));
  out += ", manager_threads " + std::to_string(run.manager_threads);
  out += ", workdir " + (run.workdir.empty() ? "<checkpoint without .h5>.work" : run.workdir);
  out += ", keep_workdirs " + run.keep_workdirs;
  out += ", deadline " + (run.deadline.empty() ? "from the batch system" : run.deadline);
  out += ", walltime_margin " + seconds_text(run.walltime_margin);
  out += ", drain " + seconds_text(run.drain);
  out +=
      ", trial_dir " + (run.trial_dir.empty() ? "<checkpoint without .h5>.trials" : run.trial_dir);
  out += ", keep_trial_states " +
         std::string(keep_trial_states_policies.name_of(run.keep_trial_states));
  out += ", keep_models " + std::to_string(run.kept_models.keep);
  return out;
}

} // namespace

std::string format_problem_summary(const Problem& problem) {
  const SearchSpace& space = problem.space;
  std::ostringstream out;
  out << problem.origin << ": valid\n";
  out << "space: " << plural(space.size(), "parameter") << ", encoded dimension "
      << space.encoded_dimension(Encoding::index) << " ("
      << space.encoded_dimension(Encoding::one_hot) << " one-hot), size: " << size_text(space)
      << "\n";
  out << space_table(space);
  if (problem.architecture) {
    out << format_architecture_summary(*problem.architecture, problem.run.seed);
  }
  out << "forbidden: "
      << (space.forbidden().empty() ? "none" : plural(space.forbidden().size(), "clause")) << "\n";
  for (const ForbiddenClause& clause : space.forbidden()) out << "  " << clause.describe() << "\n";
  out << "objective: " << objective_text(problem.objective) << "\n";
  if (problem.objective.kind == EvaluatorKind::torch) {
    out << "trainer defaults: " << torch_defaults_text(problem.objective.torch, space) << "\n";
  }
  // agebo's initial design is its AMBS's, over the parameters outside the arch.* genes.
  std::size_t searched = space.dimension();
  if (problem.search.strategy.kind == StrategyKind::agebo) {
    searched = static_cast<std::size_t>(
        std::count_if(space.parameters().begin(), space.parameters().end(),
                      [](const Parameter& p) { return !has_prefix(p.name, kArchitecturePrefix); }));
  }
  out << "search: " << search_text(problem.search, searched) << "\n";
  if (problem.search.strategy.kind == StrategyKind::grid)
    out << "grid: " << grid_text(space, problem.search.strategy.grid) << "\n";
  out << "search settings (defaults included):\n";
  for (const auto& [key, value] : search_settings(problem.search)) {
    out << "  " << key << ": " << value << "\n";
  }
  for (const std::string& note : search_notes(problem)) out << "note: " << note << "\n";
  out << "run: " << run_text(problem.run) << "\n";
  out << "metrics: ";
  if (problem.metrics.empty()) out << "none declared (a job's metadata goes to the JSON column)";
  for (std::size_t i = 0; i < problem.metrics.size(); ++i) {
    out << (i ? ", " : "") << "m:" << problem.metrics[i];
  }
  out << "\n";
  return out.str();
}

} // namespace hpsearch
