#include "hpsearch/surrogate/forest_options.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace hpsearch {

namespace {

template <class T> std::string text(T value) {
  if constexpr (std::is_floating_point_v<T>) {
    std::string s = std::to_string(value);
    while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
    return s;
  } else {
    return std::to_string(value);
  }
}

template <class T> void expect(bool ok, const char* key, const char* expected, T got) {
  if (!ok) throw Error::input(std::string(key) + ": expected " + expected + ", got " + text(got));
}

} // namespace

void validate_surrogate_options(const SurrogateOptions& o) {
  expect(o.n_trees >= 1, "search.n_trees", "an integer >= 1", o.n_trees);
  expect(std::isfinite(o.max_features) && o.max_features > 0.0 && o.max_features <= 1.0,
         "search.max_features", "a fraction of the features in (0, 1]", o.max_features);
  expect(o.min_samples_split >= 2, "search.min_samples_split", "an integer >= 2",
         o.min_samples_split);
  expect(o.min_samples_leaf >= 1, "search.min_samples_leaf", "an integer >= 1", o.min_samples_leaf);
  expect(o.bootstrap >= -1 && o.bootstrap <= 1, "search.bootstrap",
         "true, false or the default (-1)", o.bootstrap);
  expect(o.max_samples >= 0, "search.max_samples", "an integer >= 1 (or 0 for all rows)",
         o.max_samples);
  expect(o.threads >= 1, "run.manager_threads", "an integer >= 1", o.threads);
}

ForestOptions resolve_forest_options(const SurrogateOptions& o, bool extra, std::size_t columns) {
  validate_surrogate_options(o);
  ForestOptions f;
  f.extra = extra;
  f.n_trees = o.n_trees;
  const auto tried = static_cast<int>(std::floor(o.max_features * static_cast<double>(columns)));
  f.max_features = std::clamp(tried, 1, std::max(1, static_cast<int>(columns)));
  f.min_samples_split = o.min_samples_split;
  f.min_samples_leaf = o.min_samples_leaf;
  f.bootstrap = o.bootstrap < 0 ? !extra : o.bootstrap == 1;
  f.max_samples = o.max_samples;
  f.leaf_variance = o.leaf_variance;
  f.threads = o.threads;
  return f;
}

} // namespace hpsearch
