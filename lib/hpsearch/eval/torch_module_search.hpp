#pragma once
// Where the LibTorch trainer module (libhpsearch_train.so) is looked for, and finding it.
#include <string>
#include <vector>

namespace hpsearch {

/// The candidates, in order: $HPSEARCH_TRAIN_MODULE when set (then only there),
/// <executable's folder>/../lib/libhpsearch_train.so (the build tree and an installation),
/// the module this build made.
std::vector<std::string> torch_module_candidates();

/// The first candidate that is a file. Throws hpsearch::Error (bad_input) listing every
/// place looked at and how to get the module.
std::string find_torch_module();

} // namespace hpsearch
