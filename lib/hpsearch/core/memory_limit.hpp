#pragma once
// MemoryLimit: how much memory one evaluation may use (`run.eval_memory: 8G`), as a value,
// with the one parser and formatter of its sizes. Enforced by the spawner
// (core/child_process.hpp, SpawnSpec::memory_limit) on the child it starts.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hpsearch {

struct MemoryLimit {
  std::uint64_t bytes = 0; ///< 0: no limit

  bool is_set() const { return bytes > 0; }
  friend bool operator==(const MemoryLimit&, const MemoryLimit&) = default;
};

/// The smallest limit accepted: below it not even a shell starts.
inline constexpr std::uint64_t min_memory_limit = std::uint64_t{1} << 20;

/// What a size may look like, for error messages.
inline constexpr std::string_view memory_size_forms =
    "a size such as 512M, 8G or 1.5GiB (a number, then K, M, G or T, optionally followed by "
    "i and/or B; every unit is a power of 1024, as Slurm's --mem; a bare integer is bytes), "
    "at least 1M";

/// "512M", "8G", "1.5GiB", "2 TB", "1048576" -> bytes (rounded down to whole bytes);
/// nullopt when `text` is not such a size or overflows 64 bits.
std::optional<std::uint64_t> parse_memory_size(std::string_view text);

/// The size in the largest binary unit that keeps it readable: "8 GiB", "1.5 GiB",
/// "512 MiB", "1000 bytes" (at most 3 significant decimals).
std::string format_memory_size(std::uint64_t bytes);

/// The message of an evaluation the limit (or the kernel's OOM killer) ended:
/// "out of memory (limit 8 GiB)".
std::string out_of_memory_message(MemoryLimit limit);

} // namespace hpsearch
