#include "hpsearch/surrogate/surrogate.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/surrogate/forest.hpp"
#include "hpsearch/surrogate/gaussian_process.hpp"

#include <string>

namespace hpsearch {

std::unique_ptr<Regressor> make_regressor(SurrogateKind kind, const SurrogateOptions& options,
                                          const std::vector<FeatureKind>& features) {
  switch (kind) {
  case SurrogateKind::rf:
  case SurrogateKind::et: {
    const auto resolved =
        resolve_forest_options(options, kind == SurrogateKind::et, features.size());
    return std::make_unique<Forest>(resolved, features);
  }
  case SurrogateKind::gp:
    validate_surrogate_options(options);
    return std::make_unique<GaussianProcess>(features.size());
  }
  throw Error::internal("search.surrogate: no regressor for kind " +
                        std::to_string(static_cast<int>(kind)));
}

std::unique_ptr<Regressor> make_regressor(std::string_view name, const SurrogateOptions& options,
                                          const std::vector<FeatureKind>& features) {
  return make_regressor(surrogate_kinds.at(name), options, features);
}

} // namespace hpsearch
