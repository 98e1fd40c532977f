#pragma once
// A stable fingerprint of a search space, stored in the checkpoint (attribute space_hash)
// so that resume can refuse a problem file whose space differs.
#include "hpsearch/space/search_space.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hpsearch {

/// One line per parameter, in order: "<name>\t<describe()>" plus, for parameters with
/// choices, the type of each choice ("\tkinds=i,r,b,s"), plus its condition
/// ("\tif=<Condition::describe()>"). Independent of platform.
std::string canonical_space_text(const SearchSpace& space);

/// 64-bit FNV-1a of canonical_space_text().
std::uint64_t space_hash(const SearchSpace& space);

/// space_hash() as 16 lower-case hex digits.
std::string space_hash_hex(const SearchSpace& space);

/// What differs between two canonical_space_text()s, one sentence per parameter
/// ("parameter 'lr' changed from real [0, 1] to real [0, 2]"); empty when equal.
std::vector<std::string> space_differences(const std::string& before, const std::string& after);

} // namespace hpsearch
