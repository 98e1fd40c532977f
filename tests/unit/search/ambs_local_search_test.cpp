// The local search on the acquisition (search/ambs/acquisition_search.hpp), through the real
// Proposer: with a fixed model whose optimum is a needle that few random candidates reach, the
// proposal is the optimum only with the local search on (categorical flips, integer steps,
// log-scaled reals stepped in their unit encoding); it never moves onto an observed or pending
// point; and in a conditional space with a forbidden clause every move is a valid
// configuration.
#include "hpsearch/core/config_text.hpp"
#include "hpsearch/search/ambs/acquisition_search.hpp"
#include "hpsearch/search/ambs/proposer.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <set>
#include <string>

namespace hpsearch {
namespace {

using Loss = std::function<double(const Eigen::VectorXd&)>;

/// A model that is never fitted: it predicts `loss` of each index-encoded row, std 0.
class Fixed final : public Regressor {
public:
  explicit Fixed(Loss loss) : loss_(std::move(loss)) {}
  void fit(const Eigen::MatrixXd&, const Eigen::VectorXd&, std::uint64_t) override {}
  Prediction predict(const Eigen::MatrixXd& x) const override {
    Eigen::VectorXd mean(x.rows());
    for (Eigen::Index r = 0; r < x.rows(); ++r) mean[r] = loss_(x.row(r).transpose());
    return {mean, Eigen::VectorXd::Zero(x.rows())};
  }
  std::string_view name() const override { return "fixed"; }

private:
  Loss loss_;
};

/// Options with few candidates and no neighbours of the best results, so the proposal is a
/// random candidate unless the local search improves it; `steps` batches of local search.
AmbsOptions few_candidates(std::int64_t steps) {
  AmbsOptions options;
  options.candidates = 20;
  options.local_candidates = 0;
  options.local_search_steps = steps;
  return options;
}

/// The first proposal from the model of a proposer with `options` and the fixed model `loss`,
/// after a two-point initial design told loss 1 each.
Config first_model_proposal(const SearchSpace& space, const AmbsOptions& options, Loss loss) {
  Proposer proposer(space, options, InitialDesign{SamplerKind::random, 2}, Direction::minimize, 11,
                    false, std::make_unique<Fixed>(std::move(loss)));
  for (int i = 0; i < 2; ++i) proposer.tell(*proposer.next(), Status::ok, 1.0);
  return *proposer.next();
}

/// A categorical (12 choices), an integer in [0, 1000] and a log-scaled real in [1e-5, 1];
/// the loss is 0 only at c7, 613 and 1e-3, and grows separately in each.
SearchSpace mixed_space() {
  SearchSpace space;
  std::vector<Value> choices;
  for (int i = 0; i < 12; ++i) choices.emplace_back("c" + std::to_string(i));
  space.add(Parameter::categorical("c", choices));
  space.add(Parameter::integer("n", 0, 1000));
  space.add(Parameter::real("lr", 1e-5, 1.0, true));
  return space;
}

double mixed_loss(const Eigen::VectorXd& row) {
  const auto c = static_cast<int>(std::floor(row[0] * 12.0));
  const auto n = std::floor(row[1] * 1001.0);
  return (c == 7 ? 0.0 : 1.0) + std::abs(n - 613.0) / 1000.0 + std::abs(row[2] - 0.4);
}

TEST(AmbsLocalSearch, ReachesAnOptimumOnlyLocalMovesReach) {
  const SearchSpace space = mixed_space();
  const Config found = first_model_proposal(space, few_candidates(100), mixed_loss);
  EXPECT_EQ(found.at("c"), Value{std::string("c7")}) << "a categorical flip";
  EXPECT_EQ(found.at("n"), Value{std::int64_t{613}}) << "integer steps";
  EXPECT_NEAR(std::log10(std::get<double>(found.at("lr"))), -3.0, 0.01) << "log-space steps";

  const Config random = first_model_proposal(space, few_candidates(0), mixed_loss);
  EXPECT_NE(random.at("n"), Value{std::int64_t{613}}) << "without it the needle is missed";
}

/// Integers a, b in [0, 9]; loss (a - 5)^2 + (b - 5)^2.
SearchSpace grid_space() {
  SearchSpace space;
  space.add(Parameter::integer("a", 0, 9));
  space.add(Parameter::integer("b", 0, 9));
  return space;
}

double bowl(const Eigen::VectorXd& row) {
  const double a = std::floor(row[0] * 10.0) - 5.0;
  const double b = std::floor(row[1] * 10.0) - 5.0;
  return a * a + b * b;
}

Config ab(std::int64_t a, std::int64_t b) {
  Config c;
  c.set("a", a);
  c.set("b", b);
  return c;
}

TEST(AmbsLocalSearch, NeverMovesOntoAnObservedOrPendingPoint) {
  const SearchSpace space = grid_space();
  // The optimum (5, 5) observed and its four nearest neighbours pending: the best point left
  // is one of the four diagonal ones (loss 2).
  Proposer proposer(space, few_candidates(20), InitialDesign{SamplerKind::random, 1},
                    Direction::minimize, 3, false, std::make_unique<Fixed>(bowl));
  proposer.tell(ab(9, 9), Status::ok, 1.0);
  proposer.tell(ab(5, 5), Status::ok, 0.0);
  std::set<std::string> taken = {config_text(ab(9, 9)), config_text(ab(5, 5))};
  for (const Config& c : {ab(4, 5), ab(6, 5), ab(5, 4), ab(5, 6)}) {
    proposer.adopt(c);
    taken.insert(config_text(c));
  }
  const Config first = *proposer.next();
  EXPECT_DOUBLE_EQ(bowl(space.encode(first, Encoding::index)), 2.0) << config_text(first);
  taken.insert(config_text(first));
  for (int i = 0; i < 30; ++i) {
    const auto c = proposer.next();
    ASSERT_TRUE(c);
    EXPECT_TRUE(taken.insert(config_text(*c)).second) << "proposed twice: " << config_text(*c);
  }
}

TEST(AmbsLocalSearch, TheSearchItselfSkipsKnownRows) {
  const SearchSpace space = grid_space();
  std::set<std::string> known;
  for (const Config& c : {ab(5, 5), ab(4, 5), ab(6, 5), ab(5, 4), ab(5, 6), ab(4, 4)})
    known.insert(Observations::key_of(space.encode(c, Encoding::index)));
  Rng rng(1);
  std::vector<Candidate> pool;
  add_random_candidates(space, rng, 6, pool);
  const auto scores = [&](const std::vector<Candidate>& batch) {
    Eigen::VectorXd out(static_cast<Eigen::Index>(batch.size()));
    for (std::size_t i = 0; i < batch.size(); ++i)
      out[static_cast<Eigen::Index>(i)] = -bowl(batch[i].index);
    return out;
  };
  Eigen::VectorXd score = scores(pool);
  const std::size_t before = pool.size();
  const auto is_known = [&](const Eigen::VectorXd& row) {
    return known.count(Observations::key_of(row)) > 0;
  };
  double best_start = -1e9;
  for (std::size_t i = 0; i < before; ++i) {
    if (!is_known(pool[i].index)) best_start = std::max(best_start, -bowl(pool[i].index));
  }
  EXPECT_GT(search_acquisition(space, 4, 20, is_known, scores, rng, pool, score), 0u);
  ASSERT_GT(pool.size(), before);
  ASSERT_EQ(static_cast<std::size_t>(score.size()), pool.size());
  for (std::size_t i = before; i < pool.size(); ++i) {
    EXPECT_FALSE(is_known(pool[i].index)) << config_text(pool[i].config);
    EXPECT_DOUBLE_EQ(score[static_cast<Eigen::Index>(i)], -bowl(pool[i].index));
  }
  EXPECT_GT(score.tail(score.size() - static_cast<Eigen::Index>(before)).maxCoeff(), best_start)
      << "an improvement on the best start";
}

/// opt in {sgd, adam}; momentum active for sgd, beta for adam; layers in [1, 8], layers 7
/// and 8 forbidden with adam. Loss: 1 for sgd, |beta - 0.3| and (8 - layers) / 8: the
/// optimum is adam, 6 layers, beta 0.3.
SearchSpace conditional_space() {
  SearchSpace space;
  space.add(Parameter::categorical("opt", {Value{std::string("sgd")}, Value{std::string("adam")}}));
  space.add(Parameter::real("momentum", 0.0, 1.0)
                .with_condition(Condition::equals("opt", std::string("sgd"))));
  space.add(Parameter::real("beta", 0.0, 1.0)
                .with_condition(Condition::equals("opt", std::string("adam"))));
  space.add(Parameter::integer("layers", 1, 8));
  space.add_forbidden({{{"opt", {Value{std::string("adam")}}},
                        {"layers", {Value{std::int64_t{7}}, Value{std::int64_t{8}}}}}});
  return space;
}

double conditional_loss(const Eigen::VectorXd& row) {
  const double layers = std::floor(row[3] * 8.0) + 1.0;
  const double opt = row[0] < 0.5 ? 1.0 : 0.0;
  const double beta = row[2] >= 0.0 ? std::abs(row[2] - 0.3) : 0.0;
  return opt + beta + (8.0 - layers) / 8.0;
}

TEST(AmbsLocalSearch, MovesInAConditionalSpaceAreValidConfigurations) {
  const SearchSpace space = conditional_space();
  for (const std::int64_t layers : {8, 5}) {
    Config sgd;
    sgd.set("opt", std::string("sgd"));
    sgd.set("momentum", 0.5);
    sgd.set("layers", layers);
    Eigen::VectorXd point = space.encode(sgd, Encoding::index);
    ASSERT_LT(point[2], 0.0);
    point[2] = 0.75; // beta's value should a move activate it
    bool flipped = false;
    for (const Move& m : local_moves(space, point, kFirstStep)) {
      const Config& c = m.candidate.config;
      EXPECT_TRUE(space.contains(c)) << config_text(c);
      EXPECT_TRUE(m.candidate.index.isApprox(space.encode(c, Encoding::index)));
      EXPECT_EQ(m.point[2], c.find("beta") ? m.candidate.index[2] : 0.75);
      if (c.find("beta") == nullptr) continue;
      flipped = true;
      EXPECT_DOUBLE_EQ(std::get<double>(c.at("beta")), 0.75) << "the value it was given";
      EXPECT_EQ(c.find("momentum"), nullptr);
    }
    EXPECT_EQ(flipped, layers == 5) << "adam with 8 layers is forbidden";
  }

  const Config found = first_model_proposal(space, few_candidates(100), conditional_loss);
  EXPECT_TRUE(space.contains(found)) << config_text(found);
  EXPECT_EQ(found.at("opt"), Value{std::string("adam")}) << config_text(found);
  EXPECT_EQ(found.at("layers"), Value{std::int64_t{6}}) << config_text(found);
  EXPECT_NEAR(std::get<double>(found.at("beta")), 0.3, 0.01) << config_text(found);

  const Config random = first_model_proposal(space, few_candidates(0), conditional_loss);
  const Value* beta = random.find("beta");
  EXPECT_FALSE(beta != nullptr && std::abs(std::get<double>(*beta) - 0.3) < 0.01 &&
               random.at("layers") == Value{std::int64_t{6}})
      << "without it the optimum is missed: " << config_text(random);
}

} // namespace
} // namespace hpsearch
