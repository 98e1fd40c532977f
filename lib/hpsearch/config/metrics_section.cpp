// `metrics:` — the user metrics a problem declares (core/metric_names.hpp): each becomes a
// float64 column m:<name> of the checkpoint; metrics a job reports but the problem does not
// declare are kept in the one JSON column `metadata`.
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_scalar.hpp"
#include "hpsearch/core/metric_names.hpp"

#include <algorithm>

namespace hpsearch::detail {

std::vector<std::string> parse_metrics(const Field& field) {
  constexpr std::string_view example = "a list of metric names such as [train_time, params]";
  if (!field.node().IsSequence()) field.fail("wrong type", example);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < field.node().size(); ++i) {
    const Field item = field.child(field.node()[i], "[" + std::to_string(i) + "]");
    std::string name = read_string(item, "a metric name");
    if (const auto problem = metric_name_problem(name)) {
      item.fail_got("not a metric name: " + *problem, "'" + name + "'",
                    "a name such as train_time");
    }
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      item.fail_got("metric declared twice", "'" + name + "'", "each name once");
    }
    names.push_back(std::move(name));
  }
  return names;
}

} // namespace hpsearch::detail
