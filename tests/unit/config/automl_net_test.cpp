// configs/automl_net.yaml (the Auto-Net space of Mendoza et al. 2016) passes every check
// `hpsearch validate` makes in the config module, with the structure the paper gives.
#include "../space/automl_net.hpp"
#include "hpsearch/config/problem.hpp"
#include "hpsearch/config/problem_summary.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/space/sampling/sampler.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using ::testing::HasSubstr;

const std::string path = std::string(HPSEARCH_SOURCE_DIR) + "/configs/automl_net.yaml";

TEST(AutomlNet, LoadsWithItsConditionsAndForbiddenClause) {
  const Problem p = load_problem(path);
  EXPECT_EQ(p.space.size(), 63u);
  std::size_t conditional = 0;
  for (const Parameter& parameter : p.space.parameters())
    conditional += parameter.active_if ? 1 : 0;
  // All but the 8 network hyperparameters and layer 1's activation, units, dropout and
  // weight_init.
  EXPECT_EQ(conditional, 63u - 8u - 4u);
  ASSERT_NE(p.space.find("leakiness_3"), nullptr);
  EXPECT_EQ(p.space.find("leakiness_3")->active_if->describe(), "activation_3 == leaky");
  EXPECT_EQ(p.space.find("units_4")->active_if->describe(), "n_layers > 3");
  EXPECT_EQ(p.space.forbidden().size(), 1u);
  EXPECT_EQ(p.objective.kind, EvaluatorKind::command);
  EXPECT_EQ(p.objective.direction, Direction::maximize);
}

TEST(AutomlNet, SummaryAndSamplesAreValid) {
  const Problem p = load_problem(path);
  const std::string summary = format_problem_summary(p);
  EXPECT_THAT(summary, HasSubstr("space: 63 parameters"));
  EXPECT_THAT(summary, HasSubstr("size: continuous"));
  EXPECT_THAT(summary, HasSubstr("solver == adagrad and lr_policy in {inv, exp}"));
  Rng rng(7);
  for (int i = 0; i < 1000; ++i) {
    const Config config = p.space.sample(rng);
    ASSERT_TRUE(p.space.contains(config)) << config.to_string();
  }
}

TEST(AutomlNet, TheYamlFileIsTheSameSpaceAsTheCppOneTheSpaceTestsCheck) {
  const SearchSpace yaml = load_problem(path).space;
  const SearchSpace cpp = test::automl_net_space();
  ASSERT_EQ(yaml.size(), cpp.size());
  for (std::size_t i = 0; i < yaml.size(); ++i) {
    const Parameter& a = yaml.parameters()[i];
    const Parameter& b = cpp.parameters()[i];
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.describe(), b.describe()) << a.name;
    EXPECT_EQ(a.active_if.has_value(), b.active_if.has_value()) << a.name;
    if (a.active_if && b.active_if) {
      EXPECT_EQ(a.active_if->describe(), b.active_if->describe()) << a.name;
    }
  }
  ASSERT_EQ(yaml.forbidden().size(), cpp.forbidden().size());
  for (std::size_t i = 0; i < yaml.forbidden().size(); ++i) {
    EXPECT_EQ(yaml.forbidden()[i].describe(), cpp.forbidden()[i].describe());
  }
}

// The 10,000-sample property tests (validity, log-uniformity) run on the C++ space in
// tests/unit/space/automl_net_test.cpp; the test above shows it is this file's space.
TEST(AutomlNet, SamplesOfEachSamplerFromTheYamlAreValid) {
  const SearchSpace space = load_problem(path).space;
  for (const auto name : {"random", "lhs", "sobol"}) {
    auto sampler = make_sampler(name, space.size(), 2000, 11);
    const auto configs = sample_configs(space, *sampler, 2000);
    ASSERT_EQ(configs.size(), 2000u);
    std::size_t invalid = 0;
    for (const Config& c : configs) invalid += space.contains(c) ? 0 : 1;
    EXPECT_EQ(invalid, 0u) << name;
  }
}

} // namespace
} // namespace hpsearch
