#include "hpsearch/surrogate/surrogate.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/surrogate/forest.hpp"
#include "hpsearch/surrogate/gaussian_process.hpp"

#include <string>

namespace hpsearch {

std::unique_ptr<Regressor> make_regressor(std::string_view name, const SurrogateOptions& options,
                                          std::vector<FeatureKind> features) {
  if (name == "rf" || name == "et") {
    const auto resolved = resolve_forest_options(options, name == "et", features.size());
    return std::make_unique<Forest>(resolved, std::move(features));
  }
  if (name == "gp") {
    validate_surrogate_options(options);
    return std::make_unique<GaussianProcess>(features.size());
  }
  std::string known;
  for (const auto n : surrogate_names()) known += (known.empty() ? "" : ", ") + std::string(n);
  throw Error::input("search.surrogate: unknown surrogate '" + std::string(name) +
                     "' (expected one of " + known + ")");
}

const std::vector<std::string_view>& surrogate_names() {
  static const std::vector<std::string_view> names{"rf", "et", "gp"};
  return names;
}

} // namespace hpsearch
