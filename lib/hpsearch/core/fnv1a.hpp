#pragma once
// 64-bit FNV-1a, the one hash hpsearch writes into files: the checkpoint's space_hash
// attribute and the checksum of each /state slot. Part of the file format: changing it
// makes every existing checkpoint unreadable.
#include <cstdint>
#include <string_view>

namespace hpsearch {

/// FNV-1a 64 of `bytes` (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
std::uint64_t fnv1a64(std::string_view bytes);

} // namespace hpsearch
