#pragma once
// A scope in which LibTorch's CPU tensors take their memory from a pool that keeps freed
// blocks for the next tensor of a similar size (sizes rounded up to a power of two). A test
// that builds networks of hundreds of MB one after another otherwise pays the kernel's page
// faults on fresh memory at every build (glibc maps and unmaps every block over 32 MB): with
// the pool it pays them once, and the builder, its weight initialisation and the forward pass
// run exactly as the trainer runs them. Test-only: torch's allocator registry is
// process-wide, so one scope at a time, on the thread that builds.
#include <cstddef>
#include <memory>

namespace c10 {
struct Allocator;
}

namespace hpsearch::test {

class ReusingCpuAllocator {
public:
  /// Installs the pool as torch's CPU allocator; at most `cache_bytes` of freed blocks are
  /// kept (a larger release goes back to the system).
  explicit ReusingCpuAllocator(std::size_t cache_bytes = std::size_t{2} << 30);
  /// Restores the previous allocator and frees the kept blocks. A tensor still alive keeps
  /// the pool (torch's storages point at their allocator) until it is freed.
  ~ReusingCpuAllocator();
  ReusingCpuAllocator(const ReusingCpuAllocator&) = delete;
  ReusingCpuAllocator& operator=(const ReusingCpuAllocator&) = delete;

  /// Blocks handed out and blocks served again from the pool so far.
  std::size_t allocations() const;
  std::size_t reuses() const;

  class Pool;

private:
  std::shared_ptr<Pool> pool_;
  c10::Allocator* previous_;
};

} // namespace hpsearch::test
