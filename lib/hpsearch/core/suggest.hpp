#pragma once
// Spelling help for error messages: "did you mean 'high'?" and "one of: a, b, c".
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace hpsearch {

/// Edit distance counting insertions, deletions, substitutions and swaps of two adjacent
/// characters as one edit each (optimal string alignment), case-sensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The option closest to `word` when it is close enough to be a likely typo (distance at
/// most 1 for short words, else at most a third of the longer length, and never equal to
/// the whole word), compared case-insensitively; nullopt otherwise.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> options);

/// "a, b, c".
std::string join(std::span<const std::string_view> options);

} // namespace hpsearch
