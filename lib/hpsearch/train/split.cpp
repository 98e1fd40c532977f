#include "hpsearch/train/split.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/train/csv_reader.hpp"
#include "hpsearch/train/data_paths.hpp"
#include "hpsearch/train/hdf5_reader.hpp"
#include "hpsearch/train/idx_reader.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>
#include <sstream>
#include <utility>

namespace hpsearch::train {

namespace {

std::string formats_text() {
  std::string text;
  for (const std::string_view f : data_formats()) {
    text += (text.empty() ? "" : ", ") + std::string(f);
  }
  return text;
}

bool is_idx(const std::string& format) {
  return format == "fashion_mnist" || format == "mnist";
}

/// The path to read: spec.path, or the format's default. Checks the format.
std::string data_path(const DataSpec& spec) {
  const auto formats = data_formats();
  if (std::find(formats.begin(), formats.end(), spec.format) == formats.end()) {
    throw Error::input("data.dataset '" + spec.format +
                       "' is not a known data format; expected one " + "of: " + formats_text());
  }
  std::string path = spec.path.empty() ? default_data_path(spec.format) : spec.path;
  if (path.empty()) {
    throw Error::input("data.dataset " + spec.format + " needs data.path: the " + spec.format +
                       " file to read");
  }
  return path;
}

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

/// Throws unless validation_fraction is in (0, 1) and subset >= 0.
void check_settings(double fraction, std::int64_t subset) {
  if (!(fraction > 0.0 && fraction < 1.0)) {
    throw Error::input("data.validation_fraction " + number_text(fraction) +
                       " must lie strictly between 0 and 1");
  }
  if (subset < 0) {
    throw Error::input("data.subset " + std::to_string(subset) +
                       " must be >= 0 (0 uses every example)");
  }
}

/// The validation set's size for `total` examples. Throws for bad settings or an empty set.
std::size_t validation_size(std::size_t total, double fraction, std::int64_t subset) {
  check_settings(fraction, subset);
  if (static_cast<std::uint64_t>(subset) > total) {
    throw Error::input("data.subset " + std::to_string(subset) + " is more than the " +
                       std::to_string(total) + " examples the data holds");
  }
  const std::size_t n = subset > 0 ? static_cast<std::size_t>(subset) : total;
  const auto validation = static_cast<std::size_t>(std::llround(static_cast<double>(n) * fraction));
  if (validation == 0 || validation >= n) {
    throw Error::input("data.validation_fraction " + number_text(fraction) + " of " +
                       std::to_string(n) + " examples leaves " +
                       (validation == 0 ? "no validation example" : "no training example") +
                       "; use more examples or another fraction");
  }
  return validation;
}

/// Uniform in [0, bound), unbiased (rejection of the top partial range).
std::uint64_t below(Rng& rng, std::uint64_t bound) {
  const std::uint64_t threshold = (0 - bound) % bound; // 2^64 mod bound
  while (true) {
    const std::uint64_t r = rng.next();
    if (r >= threshold) return r % bound;
  }
}

/// Reorders the rows of `data` in place so that row k becomes the old row order[k]
/// (`order` a permutation of every row), following its cycles with one spare row.
void permute_rows(Dataset& data, const std::vector<std::size_t>& order) {
  const std::size_t width = data.feature_size();
  std::vector<float> spare(width);
  std::vector<bool> done(order.size());
  float* const rows = data.features.data();
  const auto row = [rows, width](std::size_t r) { return rows + r * width; };
  for (std::size_t start = 0; start < order.size(); ++start) {
    if (done[start] || order[start] == start) continue;
    std::copy_n(row(start), width, spare.data());
    const std::int64_t label = data.labels[start];
    std::size_t to = start;
    while (order[to] != start) {
      std::copy_n(row(order[to]), width, row(to));
      data.labels[to] = data.labels[order[to]];
      done[to] = true;
      to = order[to];
    }
    std::copy_n(spare.data(), width, row(to));
    data.labels[to] = label;
    done[to] = true;
  }
}

} // namespace

std::vector<std::size_t> shuffled_indices(std::size_t n, std::uint64_t seed) {
  std::vector<std::size_t> indices(n);
  for (std::size_t i = 0; i < n; ++i) indices[i] = i;
  Rng rng(seed);
  for (std::size_t i = n; i > 1; --i) {
    std::swap(indices[i - 1], indices[below(rng, i)]);
  }
  return indices;
}

Dataset read_dataset(const DataSpec& spec) {
  const std::string path = data_path(spec);
  if (is_idx(spec.format)) return read_idx(path, "train");
  if (spec.format == "hdf5") return read_hdf5(path);
  return read_csv(path, spec.label_column);
}

Split load_split(const DataSpec& spec) {
  check_settings(spec.validation_fraction, spec.subset); // before a long read
  return split_dataset(read_dataset(spec), spec.validation_fraction, spec.split_seed, spec.subset);
}

Split split_dataset(Dataset all, double validation_fraction, std::uint64_t split_seed,
                    std::int64_t subset) {
  const std::size_t validation = validation_size(all.size(), validation_fraction, subset);
  std::vector<std::size_t> indices = shuffled_indices(all.size(), split_seed);
  const std::size_t n = subset > 0 ? static_cast<std::size_t>(subset) : all.size();
  const std::span<const std::size_t> order = std::span<const std::size_t>(indices).first(n);
  const std::size_t train = n - validation;
  if (n < all.size()) return Split{take(all, order.first(train)), take(all, order.subspan(train))};
  // Every example is used: the training set reuses all's memory (shuffled in place, its
  // tail cut off) rather than copying it, which halves the peak for large data sets.
  Split split;
  split.validation = take(all, order.subspan(train));
  permute_rows(all, indices);
  all.labels.resize(train);
  all.features.resize(train * all.feature_size());
  split.train = std::move(all);
  return split;
}

void probe_data(const DataSpec& spec) {
  const std::string path = data_path(spec);
  std::optional<std::size_t> count;
  if (is_idx(spec.format)) {
    count = probe_idx(path, "train");
  } else if (spec.format == "hdf5") {
    count = probe_hdf5(path);
  } else {
    probe_csv(path, spec.label_column);
  }
  if (count) {
    validation_size(*count, spec.validation_fraction, spec.subset);
  } else if (spec.subset > 0) { // CSV: the size is unknown, but a subset must split
    validation_size(static_cast<std::size_t>(spec.subset), spec.validation_fraction, spec.subset);
  } else {
    check_settings(spec.validation_fraction, spec.subset);
  }
}

} // namespace hpsearch::train
