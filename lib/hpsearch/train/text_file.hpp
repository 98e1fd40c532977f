#pragma once
// Text data files, plain or gzip-compressed: zlib reads both and tells them apart by their
// first bytes, so `table.csv` and `table.csv.gz` (scikit-learn's bundled digits, Debian's
// python3-sklearn) are read alike.
#include <cstddef>
#include <string>

namespace hpsearch::train {

/// The text of `file`, decompressed if it is gzip. `max_lines` > 0: at least the first
/// `max_lines` lines that hold more than blanks (or the whole file if it has fewer), possibly
/// more, so that a probe does not read a large file. Throws Error::input "<what> '<file>' does
/// not exist" / "cannot be opened" / "cannot read" (a damaged gzip stream).
std::string read_text_file(const std::string& file, const std::string& what,
                           std::size_t max_lines = 0);

} // namespace hpsearch::train
