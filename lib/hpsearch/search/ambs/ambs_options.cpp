#include "hpsearch/search/ambs/ambs_options.hpp"

#include "hpsearch/core/error.hpp"

#include <string>

namespace hpsearch {

namespace {

template <class T>
T parse_one(std::string_view key, std::string_view name, const std::vector<std::string_view>& names,
            const std::vector<T>& values) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return values[i];
  }
  std::string known;
  for (auto n : names) known += (known.empty() ? "" : ", ") + std::string(n);
  throw Error::input(std::string(key) + ": unknown value '" + std::string(name) +
                     "' (expected one of: " + known + ")");
}

} // namespace

const std::vector<std::string_view>& multipoint_names() {
  static const std::vector<std::string_view> names = {"cl_max", "cl_mean", "cl_min", "qucb"};
  return names;
}

const std::vector<std::string_view>& failure_policy_names() {
  static const std::vector<std::string_view> names = {"worst", "mean", "ignore"};
  return names;
}

const std::vector<std::string_view>& scaling_names() {
  static const std::vector<std::string_view> names = {"none", "minmax", "log"};
  return names;
}

Multipoint parse_multipoint(std::string_view name) {
  return parse_one(
      "search.multipoint", name, multipoint_names(),
      std::vector{Multipoint::cl_max, Multipoint::cl_mean, Multipoint::cl_min, Multipoint::qucb});
}

FailurePolicy parse_failure_policy(std::string_view name) {
  return parse_one("search.failures", name, failure_policy_names(),
                   std::vector{FailurePolicy::worst, FailurePolicy::mean, FailurePolicy::ignore});
}

Scaling parse_scaling(std::string_view name) {
  return parse_one("search.objective_scaling", name, scaling_names(),
                   std::vector{Scaling::none, Scaling::minmax, Scaling::log});
}

} // namespace hpsearch
