// The C entry points hpsearch finds with dlsym (module_api.hpp). Nothing thrown inside the
// module crosses them.
#include "hpsearch/train/module_api.hpp"
#include "hpsearch/train/split.hpp"

#include <exception>

extern "C" HPSEARCH_TRAIN_EXPORT int hpsearch_train_abi() {
  return hpsearch::train::kAbiVersion;
}

extern "C" HPSEARCH_TRAIN_EXPORT hpsearch::train::Trainer*
hpsearch_train_create(const hpsearch::train::DataSpec& data,
                      const hpsearch::train::TrainerOptions& options, std::string& error) {
  try {
    return hpsearch::train::make_torch_trainer(hpsearch::train::load_split(data), options)
        .release();
  } catch (const std::exception& e) {
    error = e.what();
  } catch (...) {
    error = "unknown error";
  }
  return nullptr;
}
