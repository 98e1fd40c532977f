// make_regressor: names and option validation.
#include "hpsearch/core/error.hpp"
#include "hpsearch/surrogate/forest.hpp"
#include "hpsearch/surrogate/surrogate.hpp"

#include <functional>
#include <gtest/gtest.h>
#include <string>

namespace hpsearch {
namespace {

std::string error_of(const std::function<void(SurrogateOptions&)>& change,
                     std::string_view name = "et") {
  SurrogateOptions options;
  change(options);
  try {
    make_regressor(name, options, std::vector<FeatureKind>(3));
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    return e.what();
  }
  return "no error";
}

TEST(SurrogateOptions, InvalidValuesNameTheOptionAndWhatIsExpected) {
  EXPECT_EQ(error_of([](auto& o) { o.n_trees = 0; }),
            "search.n_trees: expected an integer >= 1, got 0");
  EXPECT_EQ(error_of([](auto& o) { o.max_features = 0.0; }),
            "search.max_features: expected a fraction of the features in (0, 1], got 0.0");
  EXPECT_EQ(error_of([](auto& o) { o.max_features = 1.5; }, "rf"),
            "search.max_features: expected a fraction of the features in (0, 1], got 1.5");
  EXPECT_EQ(error_of([](auto& o) { o.min_samples_split = 1; }),
            "search.min_samples_split: expected an integer >= 2, got 1");
  EXPECT_EQ(error_of([](auto& o) { o.min_samples_leaf = 0; }),
            "search.min_samples_leaf: expected an integer >= 1, got 0");
  EXPECT_EQ(error_of([](auto& o) { o.bootstrap = 2; }),
            "search.bootstrap: expected true, false or the default (-1), got 2");
  EXPECT_EQ(error_of([](auto& o) { o.max_samples = -5; }),
            "search.max_samples: expected an integer >= 1 (or 0 for all rows), got -5");
  EXPECT_EQ(error_of([](auto& o) { o.threads = 0; }, "gp"),
            "run.manager_threads: expected an integer >= 1, got 0");
}

TEST(SurrogateOptions, UnknownNameListsTheKnownOnes) {
  EXPECT_EQ(error_of([](auto&) {}, "xgboost"), "unknown surrogate 'xgboost' (known: rf, et, gp)");
  const auto names = surrogate_kinds.names();
  EXPECT_EQ(std::vector<std::string_view>(names.begin(), names.end()),
            (std::vector<std::string_view>{"rf", "et", "gp"}));
  for (const auto name : names)
    EXPECT_EQ(make_regressor(name, SurrogateOptions{}, {})->name(), name);
}

TEST(SurrogateOptions, ForestDefaultsDependOnTheKind) {
  SurrogateOptions options;
  options.max_features = 0.3;
  const ForestOptions rf = resolve_forest_options(options, false, 10);
  const ForestOptions et = resolve_forest_options(options, true, 10);
  EXPECT_TRUE(rf.bootstrap);
  EXPECT_FALSE(et.bootstrap);
  EXPECT_EQ(rf.max_features, 3);
  options.max_features = 0.01;
  EXPECT_EQ(resolve_forest_options(options, true, 10).max_features, 1);
  options.bootstrap = 1;
  EXPECT_TRUE(resolve_forest_options(options, true, 10).bootstrap);
}

} // namespace
} // namespace hpsearch
