#pragma once
// The Auto-Net 1.0 search space (Mendoza et al., "Towards Automatically-Tuned Neural
// Networks", ICML AutoML Workshop 2016, Table 1), built in C++. configs/automl_net.yaml is
// the same space as a problem file; keep the two in step.
#include "hpsearch/space/search_space.hpp"

namespace hpsearch::test {

/// 63 parameters: 8 network, 4 solver-conditional, 3 policy-conditional and 8 per layer
/// for 6 layers (layer i exists when n_layers > i - 1), plus one forbidden clause.
SearchSpace automl_net_space();

} // namespace hpsearch::test
