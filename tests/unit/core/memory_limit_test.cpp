// run.eval_memory sizes: the forms accepted, the ones refused, and how a limit is printed;
// how a failed allocation is recognised.
#include "hpsearch/core/allocation_failure.hpp"
#include "hpsearch/core/memory_limit.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;
constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;

TEST(MemorySize, UnitsArePowersOf1024InEverySpelling) {
  EXPECT_EQ(parse_memory_size("512M"), 512 * kMiB);
  EXPECT_EQ(parse_memory_size("8G"), 8 * kGiB);
  EXPECT_EQ(parse_memory_size("8g"), 8 * kGiB);
  EXPECT_EQ(parse_memory_size("8GB"), 8 * kGiB);
  EXPECT_EQ(parse_memory_size("8GiB"), 8 * kGiB);
  EXPECT_EQ(parse_memory_size("1.5GiB"), 3 * kGiB / 2);
  EXPECT_EQ(parse_memory_size(" 2 T "), 2 * 1024 * kGiB);
  EXPECT_EQ(parse_memory_size("64k"), 64 * 1024U);
  EXPECT_EQ(parse_memory_size("1048576"), kMiB);
  EXPECT_EQ(parse_memory_size("100B"), 100U);
}

TEST(MemorySize, MalformedSizesAreRefused) {
  for (const char* text :
       {"", "G", "8X", "8GG", "8 GiBs", "-1G", "1e3M", "eight", "1..5G", "99999999999T", "8Gi B"}) {
    EXPECT_EQ(parse_memory_size(text), std::nullopt) << text;
  }
}

TEST(MemorySize, IsPrintedInTheLargestReadableBinaryUnit) {
  EXPECT_EQ(format_memory_size(8 * kGiB), "8 GiB");
  EXPECT_EQ(format_memory_size(3 * kGiB / 2), "1.5 GiB");
  EXPECT_EQ(format_memory_size(512 * kMiB), "512 MiB");
  EXPECT_EQ(format_memory_size(1000), "1000 bytes");
  EXPECT_EQ(out_of_memory_message(MemoryLimit{8 * kGiB}), "out of memory (limit 8 GiB)");
}

TEST(AllocationFailure, IsRecognisedInTheRuntimesWords) {
  for (const char* text :
       {"terminate called after throwing an instance of 'std::bad_alloc'", "MemoryError",
        "malloc: Cannot allocate memory", "CUDA out of memory. Tried to allocate 2 GiB",
        "torch: DefaultCPUAllocator: not enough memory: you tried to allocate 17179869184 "
        "bytes.",
        "torch: [enforce fail at alloc_cpu.cpp:75] err == 0. DefaultCPUAllocator: can't allocate "
        "memory: you tried to allocate 17179869184 bytes. Error code 12 (Cannot allocate "
        "memory)"}) {
    EXPECT_TRUE(names_allocation_failure(text)) << text;
  }
  for (const char* text : {"", "loss is NaN", "killed by signal SIGSEGV (11)"}) {
    EXPECT_FALSE(names_allocation_failure(text)) << text;
  }
}

} // namespace
} // namespace hpsearch
