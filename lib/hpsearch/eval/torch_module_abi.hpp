#pragma once
// The trainer module's interface check: a libhpsearch_train.so left over from another build
// (another train::kAbiVersion) is refused before any C++ type crosses the boundary.
#include "hpsearch/eval/shared_library.hpp"
#include "hpsearch/train/module_api.hpp"

namespace hpsearch {

/// Throws hpsearch::Error (bad_input) naming the module and both interface versions when
/// `module`'s hpsearch_train_abi() is not train::kAbiVersion, or when it lacks the symbol.
void check_torch_module_abi(const SharedLibrary& module);

/// The module's hpsearch_train_create, after check_torch_module_abi.
train::CreateFn torch_module_create(const SharedLibrary& module);

} // namespace hpsearch
