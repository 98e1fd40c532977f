#include "reusing_cpu_allocator.hpp"

#include <bit>
#include <c10/core/Allocator.h>
#include <c10/core/CPUAllocator.h>
#include <cstdlib>
#include <map>
#include <mutex>
#include <new>
#include <vector>

namespace hpsearch::test {

namespace {

constexpr std::size_t kAlignment = 64;                  ///< c10's own CPU alignment
constexpr std::uint8_t kPriority = 100;                 ///< above c10's default allocator (0)
constexpr std::size_t kSmallest = std::size_t{1} << 12; ///< smaller sizes round up to this

} // namespace

/// The allocator torch calls: a block's context keeps the pool alive until the block is freed.
class ReusingCpuAllocator::Pool final : public c10::Allocator,
                                        public std::enable_shared_from_this<Pool> {
public:
  explicit Pool(std::size_t cache_bytes) : cache_bytes_(cache_bytes) {}
  ~Pool() override {
    for (auto& [bytes, blocks] : free_) {
      for (void* block : blocks) std::free(block);
    }
  }

  c10::DataPtr allocate(std::size_t n) const override {
    // allocate() is const in c10's interface; the pool is its mutable state.
    return const_cast<Pool*>(this)->take(n);
  }

  /// Stops keeping blocks: the rest go back to the system as they are freed.
  void close() {
    std::lock_guard lock(mutex_);
    open_ = false;
    for (auto& [bytes, blocks] : free_) {
      for (void* block : blocks) std::free(block);
    }
    free_.clear();
    cached_ = 0;
  }

  std::size_t allocations() const {
    std::lock_guard lock(mutex_);
    return allocations_;
  }
  std::size_t reuses() const {
    std::lock_guard lock(mutex_);
    return reuses_;
  }

  c10::DeleterFnPtr raw_deleter() const override { return &Pool::release; }

private:
  /// Written in the kAlignment bytes before a block's data: torch's raw allocations (conv's
  /// buffers) need the data pointer to be the deleter's context.
  struct Header {
    std::size_t bytes; ///< the data's rounded size
    std::shared_ptr<Pool> pool;
  };
  static_assert(sizeof(Header) <= kAlignment);

  c10::DataPtr take(std::size_t n) {
    const std::size_t bytes = std::bit_ceil(std::max(n, kSmallest));
    char* base = nullptr;
    {
      std::lock_guard lock(mutex_);
      ++allocations_;
      auto kept = free_.find(bytes);
      if (kept != free_.end() && !kept->second.empty()) {
        base = static_cast<char*>(kept->second.back());
        kept->second.pop_back();
        cached_ -= bytes;
        ++reuses_;
      }
    }
    if (base == nullptr)
      base = static_cast<char*>(std::aligned_alloc(kAlignment, kAlignment + bytes));
    if (base == nullptr) throw std::bad_alloc();
    new (base) Header{bytes, shared_from_this()};
    void* data = base + kAlignment;
    return {data, data, &Pool::release, c10::Device(c10::DeviceType::CPU)};
  }

  static void release(void* data) {
    char* base = static_cast<char*>(data) - kAlignment;
    auto* header = std::launder(reinterpret_cast<Header*>(base));
    const std::size_t bytes = header->bytes;
    const std::shared_ptr<Pool> pool = std::move(header->pool);
    header->~Header();
    {
      std::lock_guard lock(pool->mutex_);
      if (pool->open_ && pool->cached_ + bytes <= pool->cache_bytes_) {
        pool->free_[bytes].push_back(base);
        pool->cached_ += bytes;
        return;
      }
    }
    std::free(base);
  }

  std::size_t cache_bytes_;
  mutable std::mutex mutex_;
  bool open_ = true;
  std::map<std::size_t, std::vector<void*>> free_; ///< kept blocks (their base) by rounded size
  std::size_t cached_ = 0;
  std::size_t allocations_ = 0;
  std::size_t reuses_ = 0;
};

ReusingCpuAllocator::ReusingCpuAllocator(std::size_t cache_bytes)
    : pool_(std::make_shared<Pool>(cache_bytes)), previous_(c10::GetCPUAllocator()) {
  c10::SetCPUAllocator(pool_.get(), kPriority);
}

ReusingCpuAllocator::~ReusingCpuAllocator() {
  c10::SetCPUAllocator(previous_, kPriority);
  pool_->close();
}

std::size_t ReusingCpuAllocator::allocations() const {
  return pool_->allocations();
}
std::size_t ReusingCpuAllocator::reuses() const {
  return pool_->reuses();
}

} // namespace hpsearch::test
