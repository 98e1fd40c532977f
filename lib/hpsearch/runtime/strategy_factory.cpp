#include "hpsearch/runtime/strategy_factory.hpp"

namespace hpsearch {

AmbsOptions ambs_options_for(const Problem& problem) {
  const AmbsSpec& spec = problem.search.ambs;
  AmbsOptions o;
  o.surrogate = spec.surrogate;
  o.surrogate_options.n_trees = static_cast<int>(spec.n_trees);
  o.surrogate_options.max_features = spec.max_features;
  o.surrogate_options.min_samples_split = static_cast<int>(spec.min_samples_split);
  o.surrogate_options.max_samples = spec.max_samples;
  o.surrogate_options.leaf_variance = spec.leaf_variance;
  o.surrogate_options.threads = static_cast<int>(problem.run.manager_threads);
  o.acquisition.kind = parse_acquisition(spec.acquisition);
  o.acquisition.kappa = spec.kappa;
  o.acquisition.xi = spec.xi;
  o.acquisition.decay = parse_kappa_decay(spec.kappa_decay);
  o.acquisition.decay_rate = spec.kappa_decay_rate;
  o.acquisition.decay_period = spec.kappa_decay_period;
  o.acquisition.kappa_final = spec.kappa_final;
  o.multipoint = parse_multipoint(spec.multipoint);
  o.failures = parse_failure_policy(spec.failures);
  o.scaling = parse_scaling(spec.objective_scaling);
  o.candidates = spec.candidates;
  o.refit_fraction = spec.refit_fraction;
  return o;
}

std::unique_ptr<Strategy> make_strategy_for(const Problem& problem, int workers) {
  const SearchSpec& search = problem.search;
  StrategyContext context{problem.space, problem.objective.direction, problem.run.seed};
  context.initial_design = search.initial_design;
  context.initial_points = search.initial_points;
  context.grid_points = search.grid_points;
  context.grid_points_per_parameter = search.grid_points_per_parameter;
  if (search.strategy == "ambs") context.ambs = ambs_options_for(problem);
  context.workers = workers;
  return make_strategy(search.strategy, context);
}

} // namespace hpsearch
