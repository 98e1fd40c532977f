#include "hpsearch/eval/torch_module_abi.hpp"

#include "hpsearch/core/error.hpp"

#include <string>

namespace hpsearch {

void check_torch_module_abi(const SharedLibrary& module) {
  const auto abi = reinterpret_cast<train::AbiFn>(module.require(train::kAbiSymbol));
  if (abi() != train::kAbiVersion) {
    throw Error::environment("objective.kind torch: the trainer module " + module.path() +
                             " comes from another build (interface " + std::to_string(abi()) +
                             ", expected " + std::to_string(train::kAbiVersion) +
                             "): rebuild hpsearch_train");
  }
}

train::CreateFn torch_module_create(const SharedLibrary& module) {
  check_torch_module_abi(module);
  return reinterpret_cast<train::CreateFn>(module.require(train::kCreateSymbol));
}

} // namespace hpsearch
