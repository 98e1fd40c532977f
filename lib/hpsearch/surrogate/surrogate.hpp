#pragma once
// make_regressor: the surrogate a problem's `search.surrogate` names, with its options.
#include "hpsearch/surrogate/regressor.hpp"
#include "hpsearch/surrogate/surrogate_options.hpp"

#include <memory>
#include <string_view>
#include <vector>

namespace hpsearch {

/// The regressor of `kind` (surrogate_kinds). `features` describes the encoded columns.
/// Throws hpsearch::Error (bad_input) on invalid options.
std::unique_ptr<Regressor> make_regressor(SurrogateKind kind, const SurrogateOptions& options,
                                          const std::vector<FeatureKind>& features);
/// The same by name; throws hpsearch::Error listing the known surrogates when `name` is
/// unknown.
std::unique_ptr<Regressor> make_regressor(std::string_view name, const SurrogateOptions& options,
                                          const std::vector<FeatureKind>& features);

} // namespace hpsearch
