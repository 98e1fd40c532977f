#pragma once
// True when Debian's dataset-fashion-mnist is installed (the real-data trainer tests skip
// without it).
#include <filesystem>

namespace hpsearch::test {

inline bool have_fashion() {
  return std::filesystem::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
}

} // namespace hpsearch::test
