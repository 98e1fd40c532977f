#include "hpsearch/core/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace hpsearch {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic-programming table: i - 2, i - 1 and i.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, substitute});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], before[j - 2] + 1); // adjacent transposition
      }
    }
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return previous[b.size()];
}

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

} // namespace

std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> options) {
  const std::string needle = lower(word);
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (std::string_view option : options) {
    const std::size_t d = edit_distance(needle, lower(option));
    const std::size_t longer = std::max(needle.size(), option.size());
    const std::size_t limit = longer <= 4 ? 1 : longer / 3;
    if (d > limit || d >= needle.size() || d >= option.size()) continue;
    if (!best || d < best_distance) {
      best = std::string(option);
      best_distance = d;
    }
  }
  return best;
}

std::string join(std::span<const std::string_view> options) {
  std::string out;
  for (std::string_view option : options) {
    if (!out.empty()) out += ", ";
    out += option;
  }
  return out;
}

} // namespace hpsearch
