#pragma once
// The evaluator kinds a problem's `objective.kind` may name. Names only: each kind's
// settings are read by config, and runtime/evaluator_factory builds the evaluator.
#include "hpsearch/core/registry.hpp"

#include <array>

namespace hpsearch {

enum class EvaluatorKind { function, command, plugin, torch };

/// function (a built-in test function), command (an external program per job), plugin (a
/// shared library's hps_evaluate), torch (the built-in LibTorch trainer).
inline constexpr Registry evaluator_kinds{
    "objective kind",
    std::array{Named{"function", EvaluatorKind::function}, Named{"command", EvaluatorKind::command},
               Named{"plugin", EvaluatorKind::plugin}, Named{"torch", EvaluatorKind::torch}}};

} // namespace hpsearch
