#pragma once
// The one text form of a configuration in the checkpoint: the in-flight and re-queued jobs
// of /state (store/resume_state.hpp) and the AMBS snapshot (search/ambs/proposer.cpp) both
// write it. Space-separated tokens on one line:
//
//   <n> <name> <type> <value> ...     e.g.  3 lr r 0.001 units i 64 act s relu
//
// type: i (int), r (real, shortest round-trip text: reads back bit for bit), b (bool, 1/0),
// s (string). Names and strings are %-escaped ('%', ' ', '\t', '\n', '\r' as %XX), so a
// token holds no space and a line no newline. (The MPI messages carry configurations with
// Boost.Serialization: a wire format, never stored.)
#include "hpsearch/core/config.hpp"

#include <charconv>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace hpsearch {

/// `text` with '%', ' ', '\t', '\n', '\r' written as %XX: one token.
std::string escape_token(std::string_view text);
/// The inverse; throws hpsearch::Error (bad_input) on a bad escape.
std::string unescape_token(std::string_view token);
/// The space-separated tokens of a line ("" -> {""}; "a  b" -> {"a", "", "b"}).
std::vector<std::string_view> split_tokens(std::string_view line);

/// A real's token: the shortest text that reads back bit for bit (std::to_chars).
std::string real_token(double x);
/// The whole `token` read as a T (an integer type or double); nullopt when it is not one.
template <class T> std::optional<T> number_token(std::string_view token) {
  T value{};
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (ec != std::errc{} || end != token.data() + token.size()) return std::nullopt;
  return value;
}

/// Appends the configuration's tokens (no leading space, no newline).
void append_config_text(std::string& out, const Config& config);
/// The configuration as one line of tokens (no newline).
std::string config_text(const Config& config);

/// How many tokens the configuration starting at `tokens[0]` (its count) spans: 1 + 3n.
/// Throws hpsearch::Error (bad_input) when tokens[0] is not a count.
std::size_t config_token_count(std::span<const std::string_view> tokens);
/// The configuration written by append_config_text(), from exactly its tokens. Throws
/// hpsearch::Error (bad_input) naming what is malformed.
Config parse_config_tokens(std::span<const std::string_view> tokens);
/// The configuration of a line written by config_text().
Config parse_config_text(std::string_view line);

} // namespace hpsearch
