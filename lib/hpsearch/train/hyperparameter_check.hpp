#pragma once
// Checking a value against the hyperparameter catalog: its type and its range or choices.
// The catalog's half of validating a torch problem; config/torch_section.cpp locates the
// complaint in the file (file:line:key) and adds spelling suggestions.
#include "hpsearch/core/value.hpp"
#include "hpsearch/train/hyperparameter_catalog.hpp"

#include <optional>
#include <string>

namespace hpsearch {

/// What is wrong with a value, and what was expected instead.
struct HyperComplaint {
  std::string what;     ///< "lr must be at most 1000"
  std::string expected; ///< "a real for lr in [1e-12, 1000]"
  /// For a choice hyperparameter given an unknown name: that name (a caller may suggest
  /// the closest of info.choices); empty otherwise.
  std::string unknown_choice;
};

/// "an integer for epochs in [1, 100000]": what a numeric hyperparameter `name` takes.
std::string hyper_range_expected(const std::string& name, const HyperInfo& info);

/// What is wrong with `x` as a value of numeric hyperparameter `name` (out of range), if
/// anything.
std::optional<HyperComplaint> hyper_range_problem(double x, const std::string& name,
                                                  const HyperInfo& info);

/// What is wrong with `value` as a value of hyperparameter `name` (its type, range or
/// choices), if anything. An integer is a valid real.
std::optional<HyperComplaint> hyper_value_problem(const Value& value, const std::string& name,
                                                  const HyperInfo& info);

} // namespace hpsearch
