#include "fuzz_entries.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/report/export.hpp"
#include "hpsearch/report/summary.hpp"
#include "hpsearch/store/reader.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <hdf5.h>
#include <sstream>
#include <string>
#include <unistd.h>

namespace hpsearch::fuzz {

namespace {

/// A file holding the input, removed when this goes out of scope. One path per process
/// (libFuzzer's -jobs / -workers run several processes side by side).
class TempFile {
public:
  explicit TempFile(std::string_view bytes)
      : path_((std::filesystem::temp_directory_path() /
               ("hpsearch-fuzz-checkpoint-" + std::to_string(::getpid()) + ".h5"))
                  .string()) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::fprintf(stderr, "fuzz checkpoint_file: cannot write %s\n", path_.c_str());
      std::abort();
    }
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }

private:
  std::string path_;
};

/// Every HDF5 handle the reader opened is closed again, whether it read the file or threw
/// (its RAII handles): HDF5 keeps open objects reachable, so a leaked handle is no leak to
/// LeakSanitizer and is checked here instead.
void check_nothing_open() {
  const ssize_t open = H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL);
  if (open != 0) {
    std::fprintf(stderr, "fuzz checkpoint_file: %zd HDF5 objects left open\n", open);
    std::abort();
  }
}

} // namespace

void checkpoint_file(std::string_view bytes) {
  const TempFile file(bytes);
  try {
    const CheckpointContents contents = read_checkpoint(file.path());
    (void)format_summary(contents);
    std::ostringstream csv;
    write_csv(contents, csv);
    std::ostringstream lines;
    write_json_lines(contents, lines);
  } catch (const Error&) {
    // The documented answer to a damaged or foreign checkpoint.
  }
  check_nothing_open();
}

} // namespace hpsearch::fuzz
