// libFuzzer target: hpsearch::fuzz::problem_file (fuzz_entries.hpp).
#include "fuzz_entries.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hpsearch::fuzz::problem_file(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
