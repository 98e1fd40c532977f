#pragma once
// The successful evaluations of a checkpoint ranked as `show` ranks them (`show`, its layer
// lists, `export-model --best`).
#include "hpsearch/store/reader.hpp"

#include <vector>

namespace hpsearch::report {

/// The ok evaluations with an objective, best first under the checkpoint's direction, ties
/// by id.
std::vector<const Evaluation*> best_first(const CheckpointContents& contents);

} // namespace hpsearch::report
