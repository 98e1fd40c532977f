#include "hpsearch/config/search_settings.hpp"

#include "hpsearch/core/value.hpp"

namespace hpsearch {

namespace {

using Settings = std::vector<std::pair<std::string, std::string>>;

std::string text(double x) {
  return to_string(Value{x});
}
std::string text(std::int64_t x) {
  return std::to_string(x);
}
std::string text(bool x) {
  return x ? "true" : "false";
}

std::string grid_text(const GridOptions& grid) {
  if (grid.points_per_parameter.empty()) return text(grid.points);
  std::string out = "{";
  for (const auto& [name, n] : grid.points_per_parameter) out += name + ": " + text(n) + ", ";
  return out + "default: " + text(grid.points) + "}";
}

void add_ambs(const AmbsOptions& a, Settings& out) {
  const AcquisitionOptions& q = a.acquisition;
  const SurrogateOptions& s = a.surrogate_options;
  out.insert(out.end(),
             {
                 {"surrogate", std::string(surrogate_kinds.name_of(a.surrogate))},
                 {"acquisition", std::string(acquisition_kinds.name_of(q.kind))},
                 {"kappa", text(q.kappa)},
                 {"xi", text(q.xi)},
                 {"kappa_decay", std::string(kappa_decays.name_of(q.decay))},
                 {"kappa_decay_rate", text(q.decay_rate)},
                 {"kappa_decay_period", text(q.decay_period)},
                 {"kappa_final", text(q.kappa_final)},
                 {"multipoint", std::string(multipoints.name_of(a.multipoint))},
                 {"failures", std::string(failure_policies.name_of(a.failures))},
                 {"objective_scaling", std::string(scalings.name_of(a.scaling))},
                 {"fidelity_model", std::string(fidelity_models.name_of(a.fidelity_model))},
                 {"n_trees", text(std::int64_t{s.n_trees})},
                 {"max_features", text(s.max_features)},
                 {"min_samples_split", text(std::int64_t{s.min_samples_split})},
                 {"max_samples", text(s.max_samples)},
                 {"leaf_variance", text(s.leaf_variance)},
                 {"candidates", text(a.candidates)},
                 {"local_search_starts", text(a.local_search_starts)},
                 {"local_search_steps", text(a.local_search_steps)},
                 {"refit_fraction", text(a.refit_fraction)},
             });
}

/// `tpe: {startup_trials: 10, ...}`, the one key of strategy tpe.
std::string tpe_text(const TpeOptions& t) {
  return "{startup_trials: " + text(t.startup_trials) + ", candidates: " + text(t.candidates) +
         ", gamma: " + text(t.gamma) + ", gamma_max: " + text(t.gamma_max) +
         ", prior_weight: " + text(t.prior_weight) + ", constant_liar: " + text(t.constant_liar) +
         "}";
}

/// `evolution: {population: 100, sample: 10}`, the key of strategies evolution and agebo.
std::string evolution_text(const EvolutionOptions& e) {
  return "{population: " + text(e.population) + ", sample: " + text(e.sample) + "}";
}

void add_pbt(const MultiFidelityOptions& m, Settings& out) {
  const PbtOptions& p = m.pbt;
  out.insert(out.end(), {{"max_fidelity", text(m.max_fidelity)},
                         {"population", text(p.population)},
                         {"ready", text(p.ready)},
                         {"exploit", std::string(pbt_exploits.name_of(p.exploit))}});
  if (p.exploit == PbtExploit::truncation) out.emplace_back("quantile", text(p.quantile));
  if (m.kind == SchedulerKind::pb2) {
    out.emplace_back("synchronous", text(p.synchronous));
    return;
  }
  out.insert(out.end(), {{"resample_probability", text(p.resample_probability)},
                         {"synchronous", text(p.synchronous)},
                         {"explore", text(p.explore)}});
}

void add_multifidelity(const MultiFidelityOptions& m, Settings& out) {
  if (m.kind == SchedulerKind::replay) {
    out.emplace_back("replay_from", m.replay.from);
    out.emplace_back("replay_trial", m.replay.trial < 0 ? "best" : text(m.replay.trial));
    return;
  }
  if (m.kind == SchedulerKind::pbt || m.kind == SchedulerKind::pb2) {
    add_pbt(m, out);
    return;
  }
  out.insert(out.end(), {{"min_fidelity", text(m.min_fidelity)},
                         {"max_fidelity", text(m.max_fidelity)},
                         {"reduction_factor", text(m.reduction_factor)}});
  const SchedulerKind k = m.kind;
  if (k == SchedulerKind::hyperband || k == SchedulerKind::async_hyperband) {
    out.emplace_back("brackets", text(m.brackets));
  }
  if (k == SchedulerKind::asha || k == SchedulerKind::async_hyperband) {
    out.emplace_back("variant", std::string(asha_variants.name_of(m.variant)));
  }
  if (k == SchedulerKind::one_epoch) out.emplace_back("top_k", text(m.top_k));
}

} // namespace

Settings search_settings(const SearchSpec& search) {
  const StrategyOptions& strategy = search.strategy;
  const std::string sampler(strategy_kinds.name_of(strategy.kind));
  Settings out;
  if (search.multifidelity) {
    out.emplace_back("strategy", std::string(scheduler_kinds.name_of(search.multifidelity->kind)));
    out.emplace_back("sampler", sampler);
  } else {
    out.emplace_back("strategy", sampler);
  }
  if (strategy.kind == StrategyKind::grid) {
    out.emplace_back("grid_points", grid_text(strategy.grid));
  } else if (strategy.kind == StrategyKind::tpe) {
    out.emplace_back("tpe", tpe_text(strategy.tpe));
  } else if (strategy.kind == StrategyKind::evolution) {
    out.emplace_back("evolution", evolution_text(strategy.evolution));
  } else {
    out.emplace_back("initial_design",
                     std::string(sampler_kinds.name_of(strategy.initial.sampler)));
    out.emplace_back("initial_points", text(strategy.initial.points));
  }
  if (strategy.kind == StrategyKind::agebo) {
    out.emplace_back("evolution", evolution_text(strategy.evolution));
  }
  if (strategy.kind == StrategyKind::ambs || strategy.kind == StrategyKind::agebo) {
    add_ambs(strategy.ambs, out);
  }
  if (search.multifidelity) {
    add_multifidelity(*search.multifidelity, out);
    return out; // the scheduler decides which jobs stop: no pruner
  }
  out.emplace_back("pruner", std::string(pruner_kinds.name_of(search.pruner.kind)));
  if (search.pruner.kind != PrunerKind::none) {
    out.emplace_back("pruner_warmup", text(search.pruner.warmup));
    out.emplace_back("pruner_min_jobs", text(search.pruner.min_jobs));
  }
  return out;
}

} // namespace hpsearch
