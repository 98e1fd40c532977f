#pragma once
// 64-bit FNV-1a, the one hash hpsearch writes into files: the checkpoint's space_hash
// attribute, the checksum of each /state slot and of the in-flight job log. Part of the file
// format: changing it makes every existing checkpoint unreadable.
#include <cstdint>
#include <string_view>

namespace hpsearch {

/// FNV-1a 64 of `bytes` (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
std::uint64_t fnv1a64(std::string_view bytes);
/// FNV-1a 64 continued from `hash` (an earlier result): fnv1a64(b, fnv1a64(a)) is the hash
/// of a followed by b, so a growing byte log is checksummed in O(bytes appended).
std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash);

} // namespace hpsearch
