#include "hpsearch/search/ambs/proposer.hpp"

#include "hpsearch/core/config_text.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/acquisition/acquisition.hpp"
#include "hpsearch/search/acquisition/local_penalty.hpp"
#include "hpsearch/search/ambs/acquisition_search.hpp"
#include "hpsearch/search/ambs/legacy_config_text.hpp"
#include "hpsearch/surrogate/surrogate.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>
#include <sstream>
#include <unordered_set>

namespace hpsearch {

namespace {

// derive_seed streams; proposal p uses kProposalStream + p, fit f uses kFitStream + f.
constexpr std::uint64_t kDesignStream = 1;
constexpr std::uint64_t kProposalStream = 1ULL << 32;
constexpr std::uint64_t kFitStream = 1ULL << 48;
/// The believer's second fit: disjoint from kFitStream + f while f < 2^47 fits.
constexpr std::uint64_t kBelieverStream = kFitStream + (1ULL << 47);
constexpr int kDesignTries = 100;
constexpr std::size_t kFallbackRounds = 10;
/// Least distance between two configurations of one reserve (and from the proposal), as a
/// fraction of the index-encoded unit cube's diagonal: runners-up closer than this to a
/// better one would spend a worker on nearly the same point.
constexpr double kReserveSpacing = 0.05;
/// Local penalisation: candidate pairs closer than this (fraction of the unit cube's
/// diagonal) are left out of the Lipschitz estimate (a forest's mean is a step function).
constexpr double kLipschitzSpacing = 0.1;

/// True for the policies that neither lie nor refit per proposal.
bool refits_per_proposal(Multipoint m) {
  return m != Multipoint::qucb && m != Multipoint::penalize;
}

/// True when `row` is at least `min_sq` (squared distance) from every row of `taken`.
bool spread_from(const std::vector<Eigen::VectorXd>& taken, const Eigen::VectorXd& row,
                 double min_sq) {
  return std::all_of(taken.begin(), taken.end(),
                     [&](const Eigen::VectorXd& t) { return (t - row).squaredNorm() >= min_sq; });
}

} // namespace

std::vector<FeatureKind> feature_kinds(const SearchSpace& space, Encoding encoding) {
  std::vector<FeatureKind> kinds;
  for (const Parameter& p : space.parameters()) {
    const bool conditional = p.active_if.has_value();
    if (p.kind == ParamKind::categorical) {
      const int k = static_cast<int>(p.choices.size());
      if (encoding == Encoding::one_hot) {
        for (int i = 0; i < k; ++i) kinds.push_back({0, conditional});
      } else {
        kinds.push_back({k, conditional});
      }
    } else {
      kinds.push_back({0, conditional});
    }
  }
  return kinds;
}

Proposer::Proposer(const SearchSpace& space, AmbsOptions options, const InitialDesign& initial,
                   Direction direction, std::uint64_t seed, bool incremental,
                   std::unique_ptr<Regressor> model)
    : space_(space), options_(options), initial_(initial), seed_(seed), incremental_(incremental),
      observations_(space_,
                    options_.surrogate == SurrogateKind::gp ? Encoding::one_hot : Encoding::index,
                    direction, options_.failures, options_.scaling, options_.fidelity_model,
                    options_.fidelities) {
  if (initial_.points < 0) {
    throw Error::input("search.initial_points must not be negative, got " +
                       std::to_string(initial_.points));
  }
  design_points_ = design_points(initial_, space_.dimension());
  design_ =
      make_sampler(initial_.sampler, space_.dimension(), static_cast<std::uint64_t>(design_points_),
                   derive_seed(seed, kDesignStream));
  std::vector<FeatureKind> kinds = feature_kinds(space_, observations_.model_encoding());
  if (observations_.fidelity_column()) kinds.push_back({0, false}); // the fidelity, in [0, 1]
  model_ = model ? std::move(model)
                 : make_regressor(options_.surrogate, options_.surrogate_options, kinds);
}

std::optional<Config> Proposer::next() {
  std::optional<Config> config;
  if (proposals_ < design_points_ || observations_.usable() < 2) {
    config = from_design();
  } else {
    config = from_model();
  }
  if (config) {
    observations_.add_pending(*config);
    ++proposals_;
    if (refits_per_proposal(options_.multipoint)) dirty_ = true;
  }
  return config;
}

void Proposer::adopt(const Config& config) {
  observations_.add_pending(config);
  ++proposals_;
  if (refits_per_proposal(options_.multipoint)) dirty_ = true;
}

void Proposer::tell(const Config& config, Status status, double objective, double fidelity) {
  observations_.add(config, status, objective, fidelity);
  dirty_ = true;
}

std::optional<Config> Proposer::from_design() {
  Rng rng(derive_seed(seed_, kProposalStream + static_cast<std::uint64_t>(proposals_)));
  const bool designed = proposals_ < design_points_ && initial_.sampler != SamplerKind::random;
  for (int attempt = 0; attempt < kDesignTries; ++attempt) {
    Config config = designed ? next_config(space_, *design_) : space_.sample(rng);
    if (!observations_.known(space_.encode(config, Encoding::index))) return config;
  }
  return std::nullopt;
}

void Proposer::refit() {
  if (!dirty_ && fitted_) return;
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  observations_.training_set(options_.multipoint, true, x, y);
  fit_model(x, y, kFitStream);
  if (options_.multipoint == Multipoint::believer && observations_.pending_size() > 0 &&
      x.rows() > 0) {
    // Kriging believer: the model fitted on the results alone predicts each point in flight,
    // and is fitted again with those predictions as their losses. (In incremental mode, from
    // incremental_from results on, each fit rebuilds only refit_fraction of the forest: the
    // prediction then also comes from trees last built with earlier beliefs.)
    const Eigen::MatrixXd rows =
        observations_.scored_rows(model_rows(space_, in_flight(), observations_.model_encoding()));
    const Eigen::VectorXd believed = model_->predict(rows).mean;
    const Eigen::Index results = x.rows();
    x.conservativeResize(results + rows.rows(), Eigen::NoChange);
    y.conservativeResize(results + rows.rows());
    x.bottomRows(rows.rows()) = rows;
    y.tail(rows.rows()) = believed;
    fit_model(x, y, kBelieverStream);
  }
  ++fits_;
  fitted_ = true;
  dirty_ = false;
}

void Proposer::fit_model(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t stream) {
  const std::uint64_t seed = derive_seed(seed_, stream + static_cast<std::uint64_t>(fits_));
  const bool large = static_cast<std::int64_t>(observations_.size()) >= options_.incremental_from;
  if (incremental_ && fitted_ && large) {
    model_->update(x, y, seed, options_.refit_fraction);
  } else {
    model_->fit(x, y, seed);
  }
}

std::optional<Config> Proposer::from_model() {
  refit();
  Rng rng(derive_seed(seed_, kProposalStream + static_cast<std::uint64_t>(proposals_)));
  const std::int64_t t = proposals_ - design_points_;
  double kappa = kappa_at(options_.acquisition, t);
  if (options_.multipoint == Multipoint::qucb) {
    kappa = -options_.acquisition.kappa * std::log1p(-rng.uniform()); // exponential, mean kappa
  }

  std::vector<Candidate> pool = std::move(elites_);
  elites_.clear();
  add_random_candidates(space_, rng, static_cast<std::size_t>(options_.candidates), pool);
  const auto parents = observations_.best_rows(static_cast<std::size_t>(options_.local_parents));
  if (!parents.empty()) {
    const auto each = static_cast<std::size_t>(options_.local_candidates) / parents.size();
    for (const auto& parent : parents) add_neighbour_candidates(space_, parent, rng, each, pool);
  }

  // The acquisition of candidates; with penalize, one Lipschitz estimate (the pool's) for
  // the pool and the local search's moves.
  double lipschitz = 0.0;
  bool estimated = false;
  const auto scores = [&](const std::vector<Candidate>& batch) {
    const Prediction prediction = model_->predict(
        observations_.scored_rows(model_rows(space_, batch, observations_.model_encoding())));
    Eigen::VectorXd out =
        acquisition_scores(options_.acquisition.kind, prediction.mean, prediction.std,
                           observations_.best_target(), kappa, options_.acquisition.xi);
    if (options_.multipoint == Multipoint::penalize && observations_.pending_size() > 0) {
      if (!estimated) lipschitz = lipschitz_of(batch, prediction.mean);
      estimated = true;
      penalize(batch, lipschitz, out);
    }
    return out;
  };
  Eigen::VectorXd score = scores(pool);
  search_acquisition(
      space_, static_cast<std::size_t>(options_.local_search_starts),
      static_cast<std::size_t>(options_.local_search_steps),
      [&](const Eigen::VectorXd& index) { return observations_.known(index); }, scores, rng, pool,
      score);
  std::vector<std::size_t> order(pool.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return score[static_cast<Eigen::Index>(a)] > score[static_cast<Eigen::Index>(b)];
  });

  // The best candidate neither observed nor pending is the proposal; the next ones are
  // kept as elites (re-scored by the next proposal) and, spread apart, as the reserve.
  const auto reserve_size = incremental_ ? static_cast<std::size_t>(options_.reserve) : 0;
  const auto elite_count = static_cast<std::size_t>(options_.elites);
  const double min_sq = kReserveSpacing * kReserveSpacing * static_cast<double>(space_.dimension());
  std::vector<Eigen::VectorXd> spread; // the proposal's and the reserve's index rows
  reserve_.clear();
  std::optional<Config> chosen;
  std::unordered_set<std::string> seen;
  for (std::size_t i : order) {
    Candidate& c = pool[i];
    if (observations_.known(c.index)) continue;
    if (!seen.insert(Observations::key_of(c.index)).second) continue;
    if (!chosen) {
      chosen = c.config;
      if (reserve_size > 0) spread.push_back(c.index);
      continue;
    }
    if (reserve_.size() < reserve_size && spread_from(spread, c.index, min_sq)) {
      spread.push_back(c.index);
      reserve_.push_back(c.config);
    }
    if (elites_.size() < elite_count) elites_.push_back(std::move(c));
    if (elites_.size() >= elite_count && reserve_.size() >= reserve_size) break;
  }
  if (chosen) return chosen;
  // Every candidate was observed or pending: look further before calling the space used up.
  for (std::size_t round = 0; round < kFallbackRounds; ++round) {
    std::vector<Candidate> more;
    add_random_candidates(space_, rng, static_cast<std::size_t>(options_.candidates), more);
    for (auto& c : more) {
      if (!observations_.known(c.index)) return std::move(c.config);
    }
  }
  return std::nullopt;
}

double Proposer::lipschitz_of(const std::vector<Candidate>& pool,
                              const Eigen::VectorXd& mean) const {
  const double diagonal = std::sqrt(static_cast<double>(space_.dimension()));
  const double lipschitz = lipschitz_estimate(model_rows(space_, pool, Encoding::index), mean,
                                              kLipschitzSpacing * diagonal);
  return lipschitz > 0.0 && std::isfinite(lipschitz) ? lipschitz : 0.0;
}

void Proposer::penalize(const std::vector<Candidate>& pool, double lipschitz,
                        Eigen::VectorXd& score) const {
  if (observations_.pending_size() == 0 || pool.empty()) return;
  if (!(lipschitz > 0.0)) return; // a flat model: nothing to go by
  const std::vector<Candidate> flying = in_flight();
  const Prediction at = model_->predict(
      observations_.scored_rows(model_rows(space_, flying, observations_.model_encoding())));
  penalize_scores(options_.acquisition.kind, model_rows(space_, pool, Encoding::index),
                  model_rows(space_, flying, Encoding::index), at.mean, at.std,
                  observations_.best_target(), lipschitz, score);
}

std::vector<Candidate> Proposer::in_flight() const {
  std::vector<Candidate> out;
  const std::vector<Config> pending = observations_.pending();
  out.reserve(pending.size());
  for (const Config& c : pending) out.push_back({c, space_.encode(c, Encoding::index)});
  return out;
}

Proposer::Snapshot Proposer::snapshot() const {
  Snapshot out{proposals_, fits_, observations_.pending(), {}, design_->save_state()};
  out.elites.reserve(elites_.size());
  for (const Candidate& c : elites_) out.elites.push_back(c.config);
  return out;
}

std::string Proposer::encode(Snapshot snapshot, const std::vector<Config>& not_pending) {
  std::vector<Config>& pending = snapshot.pending;
  for (const Config& c : not_pending) {
    const auto it = std::find(pending.begin(), pending.end(), c);
    if (it != pending.end()) pending.erase(it);
  }
  std::ostringstream out;
  // Version 2: configurations in core's one text form, one a line (version 1 used
  // search/ambs/legacy_config_text, still read below).
  out << "ambs-proposer 2 " << snapshot.proposals << ' ' << snapshot.fits << ' ' << pending.size()
      << ' ' << snapshot.elites.size() << '\n';
  for (const Config& c : pending) out << config_text(c) << '\n';
  for (const Config& c : snapshot.elites) out << config_text(c) << '\n';
  out << snapshot.design;
  return out.str();
}

void Proposer::restore_state(const std::string& state) {
  std::istringstream in(state);
  std::string tag;
  int version = 0;
  std::int64_t proposals = 0;
  std::int64_t fits = 0;
  std::size_t pending = 0;
  std::size_t elites = 0;
  in >> tag >> version >> proposals >> fits >> pending >> elites;
  if (!in || tag != "ambs-proposer" || (version != 1 && version != 2)) {
    throw Error::input("ambs state is corrupt");
  }
  in.get(); // the header's newline
  const auto next_config = [&] {
    if (version == 1) {
      Config c = read_legacy_config(in);
      in.get(); // its newline
      return c;
    }
    std::string line;
    if (!std::getline(in, line)) throw Error::input("ambs state is corrupt: it ends early");
    return parse_config_text(line);
  };
  std::vector<Config> configs;
  for (std::size_t i = 0; i < pending; ++i) configs.push_back(next_config());
  std::vector<Candidate> kept;
  for (std::size_t i = 0; i < elites; ++i) {
    Config c = next_config();
    Eigen::VectorXd index = space_.encode(c, Encoding::index);
    kept.push_back({std::move(c), std::move(index)});
  }
  std::string design((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  design_->restore_state(design);
  observations_.clear_pending();
  for (const Config& c : configs) observations_.add_pending(c);
  proposals_ = proposals;
  fits_ = fits;
  elites_ = std::move(kept);
  reserve_.clear();
  fitted_ = false;
  dirty_ = true;
}

} // namespace hpsearch
